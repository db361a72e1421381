import { PortalError } from '@/lib/errors';
import { withPortalRoute } from '@/lib/http/route';
import { downloadBody } from '@/lib/http/scavenge-while-streaming';
import { invoicesForExport } from '@/lib/portal/invoices';
import { invoiceZip } from '@/lib/portal/invoice-zip';
import { portalConfig } from '@/lib/config';
import { bulkQuery } from '@/lib/schemas/invoices';

/**
 * The chosen invoices (ids) or the list's filters (e.g. a date range) as one ZIP of PDFs
 * with an index.csv, streamed while it is built. Past INVOICE_BULK_LIMIT invoices the answer is a
 * clear 400 before anything is fetched.
 */
export const GET = withPortalRoute({ permission: 'see-invoices', query: bulkQuery }, async ({ ctx, query }) => {
  const limit = portalConfig().INVOICE_BULK_LIMIT;
  const items = await invoicesForExport(ctx, query, limit);
  if (items.length === 0) throw new PortalError('bad_request', 'No invoices match this selection.');
  if (items.length > limit) {
    throw new PortalError(
      'bad_request',
      `A download holds at most ${limit.toLocaleString('en-GB')} invoices. Narrow the date range or the filters and download in parts.`,
    );
  }
  return new Response(downloadBody(invoiceZip(ctx, items)), {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="invoices-${new Date().toISOString().slice(0, 10)}.zip"`,
      'Cache-Control': 'private, no-store',
      'X-Invoice-Count': String(items.length),
    },
  });
});
