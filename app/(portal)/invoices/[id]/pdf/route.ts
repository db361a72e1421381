import { z } from 'zod';
import { notFound } from '@/lib/errors';
import { withPortalRoute } from '@/lib/http/route';
import { downloadBody } from '@/lib/http/scavenge-while-streaming';
import { invoicePdfSource } from '@/lib/portal/invoices';
import { pdfFileName } from '@/lib/portal/invoice-zip';
import { recordId } from '@/lib/schemas/common';

/**
 * Odoo's own invoice PDF, streamed through: the bytes are never held in memory, and an
 * invoice outside the tenant is a 404 like one that does not exist.
 */
export const GET = withPortalRoute({ permission: 'see-invoices', params: z.object({ id: recordId }) }, async ({ ctx, params }) => {
  const source = await invoicePdfSource(ctx, params.id);
  if (!source) throw notFound('This invoice');
  const pdf = await ctx.odoo.invoicePdf(source.id, source.attachmentId);
  const headers = new Headers({
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="${pdfFileName(source.number)}"`,
    'Cache-Control': 'private, no-store',
  });
  if (pdf.contentLength !== null && pdf.contentLength !== undefined) headers.set('Content-Length', String(pdf.contentLength));
  return new Response(downloadBody(pdf.body), { headers });
});
