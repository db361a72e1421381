import type { Readable } from 'node:stream';
import { portalError } from '@/lib/errors';
import { withPortalRoute } from '@/lib/http/route';
import { DOWNLOADS_PER_PERSON, takeDownloadSlot } from '@/lib/http/download-slots';
import { downloadBody } from '@/lib/http/scavenge-while-streaming';
import { invoicesForExport } from '@/lib/portal/invoices';
import { invoiceZip } from '@/lib/portal/invoice-zip';
import { portalConfig } from '@/lib/config';
import { bulkQuery } from '@/lib/schemas/invoices';

/**
 * The chosen invoices (ids) or the list's filters (e.g. a date range) as one ZIP of PDFs
 * with an index.csv, streamed while it is built. Past INVOICE_BULK_LIMIT invoices the answer is a
 * clear 400 before anything is fetched. A person has at most DOWNLOADS_PER_PERSON of them in
 * the making at once (429 beyond).
 */
export const GET = withPortalRoute({ permission: 'see-invoices', query: bulkQuery }, async ({ ctx, req, query }) => {
  const limit = portalConfig().INVOICE_BULK_LIMIT;
  const items = await invoicesForExport(ctx, query, limit);
  // Shown to the person in the list (the download button's error), in their language; the ZIP's index.csv stays English.
  if (items.length === 0) throw portalError('bad_request', 'noInvoicesMatch');
  if (items.length > limit) throw portalError('bad_request', 'bulkOverLimit', { values: { limit } });
  const headers = {
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="invoices-${new Date().toISOString().slice(0, 10)}.zip"`,
    'Cache-Control': 'private, no-store',
    'X-Invoice-Count': String(items.length),
  };
  // Next answers HEAD with this handler and never reads or cancels the body: build none.
  if (req.method === 'HEAD') return new Response(null, { headers });
  // A person who left while the list was read gets nothing built (Next would not cancel it).
  if (req.signal.aborted) return new Response(null, { status: 499 });
  const slot = takeDownloadSlot(ctx.user.sub);
  if (!slot) throw portalError('rate_limited', 'downloadsRunning', { values: { count: DOWNLOADS_PER_PERSON } });
  let zip: Readable;
  try {
    zip = slot.hold(invoiceZip(ctx, items));
  } catch (err) {
    slot.release();
    throw err;
  }
  // Leaving mid-download ends the ZIP (and its calls to Odoo), which gives the slot back.
  req.signal.addEventListener('abort', () => zip.destroy(), { once: true });
  return new Response(downloadBody(zip), { headers });
});
