import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OdooGateway } from '../../lib/odoo/client';
import { invoicePdf, openInvoicePdf } from '../../lib/portal/invoice-pdf';
import { invoicesForExport, invoiceWriteDate } from '../../lib/portal/invoices';
import { invoiceZip } from '../../lib/portal/invoice-zip';
import { PdfDiskCache, pdfVersion } from '../../lib/portal/pdf-cache';
import { setTenantReadCache, TenantReadCache } from '../../lib/portal/read-cache';
import type { OdooSimulator } from '../../odoo-sim/server';
import { SEED_IDS } from '../../odoo-sim/seed';
import { startSimulator } from '../helpers/odoo-sim';
import { portalContext } from '../helpers/portal-context';
import { unzip } from '../helpers/unzip';

let sim: OdooSimulator;
let gateway: OdooGateway;
let dir: string;

beforeAll(async () => {
  const started = await startSimulator();
  sim = started.sim;
  gateway = new OdooGateway(started.config());
  dir = mkdtempSync(path.join(tmpdir(), 'pdf-cache-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

/** PDFs Odoo rendered so far (the simulator's portal PDF route, as Odoo 19 serves it with an API key). */
const odooRenders = () => sim.stats.byRoute.get('/my/invoices/:id') ?? 0;

async function postedInvoiceOf(tenant: number) {
  const [move] = await gateway.client().searchRead(
    'account.move',
    [
      ['partner_id', 'child_of', [tenant]],
      ['state', '=', 'posted'],
      ['move_type', '=', 'out_invoice'],
    ],
    { fields: ['name', 'write_date', 'access_token'], limit: 1, order: 'id desc' },
  );
  return move!;
}

describe('posted invoice PDF cache', () => {
  it('serves a repeat download from disk: the same bytes, and no PDF asked of Odoo', async () => {
    const cache = new PdfDiskCache(path.join(dir, 'hit'));
    const ctx = portalContext(gateway, 'fionaA');
    const invoice = await postedInvoiceOf(SEED_IDS.customers.A);
    // Never opened before: asking Odoo for its PDF creates its access token, a write (as on
    // Odoo 19, whose render of an invoice without a stored PDF bumps the write date too).
    expect(invoice.access_token).toBeFalsy();

    const first = await openInvoicePdf(ctx, invoice.id, cache);
    expect(first!.pdf.cached).toBe(false);
    const firstBytes = await buffer(first!.pdf.body);
    expect(await first!.pdf.stored).toBe(true);
    expect(firstBytes.subarray(0, 5).toString()).toBe('%PDF-');

    const rendersBefore = odooRenders();
    const again = await openInvoicePdf(portalContext(gateway, 'fionaA'), invoice.id, cache);
    expect(again!.pdf.cached).toBe(true);
    expect(again!.pdf.contentLength).toBe(firstBytes.length);
    expect((await buffer(again!.pdf.body)).equals(firstBytes)).toBe(true);
    expect(odooRenders()).toBe(rendersBefore);
  });

  it('asks Odoo again once the write date changed (a reset to draft and a new posting)', async () => {
    const cache = new PdfDiskCache(path.join(dir, 'changed'));
    const ctx = portalContext(gateway, 'fionaA');
    const invoice = await postedInvoiceOf(SEED_IDS.customers.A);
    const first = (await openInvoicePdf(ctx, invoice.id, cache))!.pdf;
    await buffer(first.body);
    expect(await first.stored).toBe(true);

    sim.store.update('account.move', invoice.id, { write_date: '2099-01-02 03:04:05' });
    const rendersBefore = odooRenders();
    const after = await openInvoicePdf(ctx, invoice.id, cache);
    expect(after!.pdf.cached).toBe(false);
    await buffer(after!.pdf.body);
    expect(odooRenders()).toBe(rendersBefore + 1);
    expect(await after!.pdf.stored).toBe(true);
    // Only the new version is kept.
    expect(readdirSync(path.join(cache.dir, String(invoice.id))).filter((f) => f.endsWith('.pdf'))).toEqual(['20990102T030405.pdf']);
  });

  it('picks the version by the write date Odoo has now, even with the read cache on', async () => {
    // The tenant read cache keeps reads for a minute when no webhook comes; the PDF's version
    // must not come from it, or the copy filed after Odoo's render (which bumps the write
    // date) would never be found, and a reposted invoice would get its old PDF.
    setTenantReadCache(new TenantReadCache(300_000));
    try {
      const cache = new PdfDiskCache(path.join(dir, 'read-cache'));
      const ctx = () => portalContext(gateway, 'fionaA');
      const invoice = await postedInvoiceOf(SEED_IDS.customers.A);
      const first = (await openInvoicePdf(ctx(), invoice.id, cache))!.pdf;
      await buffer(first.body);
      expect(await first.stored).toBe(true);
      sim.store.update('account.move', invoice.id, { write_date: '2099-02-03 04:05:06' }); // the render bumped it
      const rendersBefore = odooRenders();
      const second = (await openInvoicePdf(ctx(), invoice.id, cache))!.pdf;
      expect(second.cached).toBe(false); // a new version: rendered again, never the old copy
      await buffer(second.body);
      expect(await second.stored).toBe(true);
      const third = (await openInvoicePdf(ctx(), invoice.id, cache))!.pdf;
      expect(third.cached).toBe(true);
      await buffer(third.body);
      expect(odooRenders()).toBe(rendersBefore + 1);
    } finally {
      setTenantReadCache(new TenantReadCache(0));
    }
  });

  it('answers another company’s invoice id with nothing, even when its PDF is in the cache', async () => {
    const cache = new PdfDiskCache(path.join(dir, 'tenant'));
    const bInvoice = await postedInvoiceOf(SEED_IDS.customers.B);
    const forB = await openInvoicePdf(portalContext(gateway, 'friedaB'), bInvoice.id, cache);
    await buffer(forB!.pdf.body);
    expect(await forB!.pdf.stored).toBe(true);
    const cachedForB = (await openInvoicePdf(portalContext(gateway, 'friedaB'), bInvoice.id, cache))!.pdf;
    expect(cachedForB.cached).toBe(true);
    cachedForB.body.destroy();

    expect(await openInvoicePdf(portalContext(gateway, 'fionaA'), bInvoice.id, cache)).toBeNull();
  });

  it('keeps a download the client abandoned, but nothing of one that Odoo cut off', async () => {
    const cache = new PdfDiskCache(path.join(dir, 'partial'));
    const ctx = portalContext(gateway, 'fionaA');
    const [source] = await invoicesForExport(ctx, { type: 'invoice' }, 1);
    const pdf = await invoicePdf(ctx, source!, cache);
    await new Promise((resolve) => pdf.body.once('data', resolve));
    pdf.body.destroy(); // the browser closed the download: Odoo has rendered it, the copy goes on
    expect(await pdf.stored).toBe(true);
    const kept = await cache.open(source!.id, pdfVersion(await invoiceWriteDate(ctx, source!.id))!);
    expect(kept?.contentLength).toBeGreaterThan(0);
    kept!.body.destroy();

    const cut = new PassThrough();
    const copy = cache.keep(999_999, async () => '20260101T000000', cut, 1000);
    const clientSaw = new Promise((resolve) => copy.body.on('error', resolve));
    copy.body.resume();
    cut.write(Buffer.from('%PDF-1.4 only the start'));
    cut.destroy(new Error('connection reset'));
    expect(await clientSaw).toMatchObject({ message: 'connection reset' });
    expect(await copy.stored).toBe(false);
    expect(readdirSync(path.join(cache.dir, '999999'))).toEqual([]);
    expect(await cache.open(999_999, '20260101T000000')).toBeNull();
  });

  it('fills the ZIP from the cache too', async () => {
    const cache = new PdfDiskCache(path.join(dir, 'zip'));
    const ctx = portalContext(gateway, 'fionaA');
    const items = (await invoicesForExport(ctx, { type: 'invoice' }, 3)).slice(0, 3);
    for (const item of items) {
      const pdf = await invoicePdf(ctx, item, cache);
      await buffer(pdf.body);
      expect(await pdf.stored).toBe(true);
    }
    const rendersBefore = odooRenders();
    const now = await invoicesForExport(ctx, { ids: items.map((i) => i.id) }, 3);
    const entries = await unzip(await buffer(invoiceZip(ctx, now, 2, cache)));
    expect(odooRenders()).toBe(rendersBefore);
    for (const item of items)
      expect(
        entries
          .get(`${item.number.replace(/\//g, '-')}.pdf`)
          ?.subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
  });
});
