import { portalError } from '@/lib/errors';
import { csvResponse, type CsvColumn } from '@/lib/http/csv';
import { withPortalRoute } from '@/lib/http/route';
import { invoicesForExport, type InvoiceRow } from '@/lib/portal/invoices';
import { invoiceListQuery } from '@/lib/schemas/invoices';
import { englishStatus } from '@/lib/status-words-en';

const CSV_LIMIT = 10_000;

/** Amounts signed as on the pages: a credit note's are negative. */
const COLUMNS: CsvColumn<InvoiceRow>[] = [
  { header: 'Number', type: 'text', value: (r) => r.number },
  { header: 'Type', type: 'text', value: (r) => (r.kind === 'credit' ? 'credit note' : 'invoice') },
  { header: 'Date', type: 'date', value: (r) => r.date },
  { header: 'Due date', type: 'date', value: (r) => r.dueDate },
  // The words the invoice pages show, not Odoo's codes.
  {
    header: 'Status',
    type: 'text',
    value: (r) => (r.credit ? englishStatus('credit', r.credit) : englishStatus('payment', r.paymentStatus)),
  },
  { header: 'Overdue', type: 'text', value: (r) => (r.overdue ? 'yes' : 'no') },
  { header: 'Origin', type: 'text', value: (r) => r.origin },
  { header: 'Reference', type: 'text', value: (r) => r.reference },
  { header: 'Total', type: 'number', decimals: 2, value: (r) => r.total },
  { header: 'Open amount', type: 'number', decimals: 2, value: (r) => r.residual },
  { header: 'Currency', type: 'text', value: (r) => r.currency },
];

/** The filtered invoice list as CSV (up to 10,000 rows; past that, narrow the filters). */
export const GET = withPortalRoute({ permission: 'see-invoices', query: invoiceListQuery }, async ({ ctx, query }) => {
  const rows = await invoicesForExport(ctx, query, CSV_LIMIT);
  if (rows.length > CSV_LIMIT) throw portalError('bad_request', 'csvTooLarge', { values: { limit: CSV_LIMIT } });
  return csvResponse(`invoices-${new Date().toISOString().slice(0, 10)}.csv`, COLUMNS, rows);
});
