import { getTranslations } from 'next-intl/server';
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
  const [items, t] = await Promise.all([invoicesForExport(ctx, query, limit), getTranslations('invoices.bulk')]);
  // Shown to the person in the list (the download button's error); the ZIP's index.csv stays English.
  if (items.length === 0) throw new PortalError('bad_request', t('noneMatch'));
  if (items.length > limit) throw new PortalError('bad_request', t('overLimit', { limit }));
  return new Response(downloadBody(invoiceZip(ctx, items)), {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="invoices-${new Date().toISOString().slice(0, 10)}.zip"`,
      'Cache-Control': 'private, no-store',
      'X-Invoice-Count': String(items.length),
    },
  });
});
