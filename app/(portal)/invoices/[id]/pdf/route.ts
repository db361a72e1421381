import { z } from 'zod';
import { notFound } from '@/lib/errors';
import { withPortalRoute } from '@/lib/http/route';
import { downloadBody } from '@/lib/http/scavenge-while-streaming';
import { openInvoicePdf } from '@/lib/portal/invoice-pdf';
import { pdfFileName } from '@/lib/portal/invoice-zip';
import { recordId } from '@/lib/schemas/common';

/**
 * Odoo's own invoice PDF, streamed through (from the PDF cache when this version of the
 * invoice was downloaded before): the bytes are never held in memory, and an invoice
 * outside the tenant is a 404 like one that does not exist, cached or not.
 */
export const GET = withPortalRoute({ permission: 'see-invoices', params: z.object({ id: recordId }) }, async ({ ctx, params }) => {
  const found = await openInvoicePdf(ctx, params.id);
  if (!found) throw notFound('invoiceNotFound');
  const { number, pdf } = found;
  const headers = new Headers({
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="${pdfFileName(number)}"`,
    'Cache-Control': 'private, no-store',
    // Whether Odoo rendered it for this request: for benchmarks and support, nothing more.
    'X-Pdf-Cache': pdf.cached ? 'hit' : 'miss',
  });
  if (pdf.contentLength !== null && pdf.contentLength !== undefined) headers.set('Content-Length', String(pdf.contentLength));
  return new Response(downloadBody(pdf.body), { headers });
});
