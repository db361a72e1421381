import Papa from 'papaparse';
import { PortalError } from '@/lib/errors';
import { withPortalRoute } from '@/lib/http/route';
import { invoicesForExport } from '@/lib/portal/invoices';
import { invoiceListQuery } from '@/lib/schemas/invoices';

const CSV_LIMIT = 10_000;

/** The filtered invoice list as CSV (up to 10,000 rows; past that, narrow the filters). */
export const GET = withPortalRoute({ permission: 'see-invoices', query: invoiceListQuery }, async ({ ctx, query }) => {
  const rows = await invoicesForExport(ctx, query, CSV_LIMIT);
  if (rows.length > CSV_LIMIT) throw new PortalError('bad_request', `The list holds more than ${CSV_LIMIT.toLocaleString('en-GB')} invoices; narrow the filters.`);
  const csv = Papa.unparse({
    fields: ['Number', 'Type', 'Date', 'Due date', 'Status', 'Overdue', 'Origin', 'Reference', 'Total', 'Amount due', 'Currency'],
    data: rows.map((r) => [r.number, r.kind === 'credit' ? 'credit note' : 'invoice', r.date ?? '', r.dueDate ?? '', r.paymentStatus, r.overdue ? 'yes' : 'no', r.origin ?? '', r.reference ?? '', r.total.toFixed(2), r.residual.toFixed(2), r.currency]),
  }, { escapeFormulae: true });
  return new Response(`\uFEFF${csv}\r\n`, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="invoices-${new Date().toISOString().slice(0, 10)}.csv"`, 'Cache-Control': 'private, no-store' },
  });
});
