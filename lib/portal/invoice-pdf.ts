import 'server-only';
import type { Readable } from 'node:stream';
import { portalConfig } from '../config';
import { odooConfigFromEnv } from '../odoo/config';
import { processSingleton } from '../process-singleton';
import type { PortalContext } from '../context';
import { invoicePdfSource, invoiceWriteDate, type PdfSource } from './invoices';
import { pdfCacheDirFor, PdfDiskCache, pdfVersion } from './pdf-cache';

export interface InvoicePdf {
  body: Readable;
  contentLength?: number;
  /** Served from the PDF cache (no Odoo render). */
  cached: boolean;
  /** On a miss: settles once the copy is in the cache (true) or was given up (false). */
  stored?: Promise<boolean>;
}

/** The process-wide PDF cache from PDF_CACHE_DIR (null when `off`). */
export function invoicePdfCache(): PdfDiskCache | null {
  return processSingleton('invoice-pdf-cache', () => {
    const root = portalConfig().PDF_CACHE_DIR;
    const odoo = odooConfigFromEnv();
    return root === 'off' ? null : new PdfDiskCache(pdfCacheDirFor(root, odoo.url, odoo.db));
  });
}

/**
 * The PDF of an invoice the caller found inside the tenant (invoicePdfSource, or
 * invoicesForExport for the ZIP; both read posted invoices only): from the cache when this
 * version (its write date) was downloaded before, else from Odoo, copied into the cache on
 * the way through. An invoice without a trustworthy write date is never cached.
 */
export async function invoicePdf(
  ctx: PortalContext,
  source: Pick<PdfSource, 'id' | 'attachmentId' | 'writeDate'>,
  cache = invoicePdfCache(),
): Promise<InvoicePdf> {
  const version = pdfVersion(source.writeDate);
  if (cache && version) {
    const hit = await cache.open(source.id, version);
    if (hit) return { ...hit, cached: true };
  }
  const pdf = await ctx.odoo.invoicePdf(source.id, source.attachmentId);
  if (!cache || !version) return { ...pdf, cached: false };
  // Filed under the write date after the render (Odoo 19 bumps it when it renders an invoice
  // without a stored PDF), read inside the tenant once the body is in, off the client's path.
  const versionAfter = async () => pdfVersion(await invoiceWriteDate(ctx, source.id));
  const { body, stored } = cache.keep(source.id, versionAfter, pdf.body, pdf.contentLength);
  return { body, stored, contentLength: pdf.contentLength, cached: false };
}

/**
 * One of the tenant's posted invoices with its PDF, or null when the id is not the
 * tenant's. The tenant check (an Odoo read) always comes first, so a PDF in the cache is
 * never served to another company.
 */
export async function openInvoicePdf(
  ctx: PortalContext,
  id: number,
  cache = invoicePdfCache(),
): Promise<{ number: string; pdf: InvoicePdf } | null> {
  const source = await invoicePdfSource(ctx, id);
  if (!source) return null;
  return { number: source.number, pdf: await invoicePdf(ctx, source, cache) };
}
