import 'server-only';
import archiver from 'archiver';
import Papa from 'papaparse';
import { PassThrough, Readable } from 'node:stream';
import { log } from '../log';
import type { PortalContext } from '../session/require-session';
import { invoicePdf, invoicePdfCache } from './invoice-pdf';
import type { InvoiceRow } from './invoices';

export type ExportItem = InvoiceRow & { attachmentId: number | false; writeDate: string | null };

/** A PDF's file name inside the ZIP and as a download: the invoice number, safe on every OS. */
export function pdfFileName(number: string): string {
  return `${number.replace(/[^A-Za-z0-9._-]+/g, '-')}.pdf`;
}

/**
 * A ZIP of the invoices' PDFs plus an index.csv, streamed while it is built. At most
 * `concurrency` PDFs are requested from Odoo at once and each goes straight from Odoo's
 * response into the archive, so memory stays flat whatever the number of invoices. A PDF
 * that cannot be fetched is listed as failed in the index instead of silently missing.
 */
export function invoiceZip(ctx: PortalContext, items: ExportItem[], concurrency = 4, cache = invoicePdfCache()): Readable {
  const archive = archiver('zip', { zlib: { level: 6 } }); // for index.csv; the PDFs are stored as they are
  const out = new PassThrough();
  archive.on('warning', (err) => log.warn({ requestId: ctx.requestId, err: err.message }, 'zip warning'));
  archive.on('error', (err) => out.destroy(err));
  archive.pipe(out);

  // The client may go away mid-download: stop there and give the Odoo connections back.
  const closedEarly = new Promise<never>((_, reject) => out.once('close', () => reject(new Error('the download was closed'))));
  closedEarly.catch(() => {});

  void (async () => {
    const results: { item: ExportItem; status: string }[] = [];
    let next = 0;
    // Fetches run ahead of the archive by at most `concurrency`; entries are added in order.
    const started: Promise<Readable | Error>[] = [];
    const start = (i: number) => {
      const item = items[i]!;
      started[i] = invoicePdf(ctx, item, cache).then(
        (pdf) => pdf.body,
        (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
      );
    };
    try {
      for (; next < Math.min(concurrency, items.length); next++) start(next);
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        const pdf = await Promise.race([started[i]!, closedEarly]);
        if (pdf instanceof Error) {
          delete started[i];
          results.push({ item, status: `failed: ${pdf.message.replace(/\s+/g, " ").slice(0, 200)}` });
        } else {
          await Promise.race([appendAndWait(archive, pdf, pdfFileName(item.number)), closedEarly]);
          delete started[i];
          results.push({ item, status: 'ok' });
        }
        if (next < items.length) start(next++);
      }
      archive.append(indexCsv(results), { name: 'index.csv' });
      await archive.finalize();
    } catch (err) {
      for (const pending of started) void pending?.then((pdf) => pdf instanceof Error || pdf.destroy());
      if (!out.destroyed) log.error({ requestId: ctx.requestId, err: (err as Error).message }, 'zip export failed');
      archive.abort();
      out.destroy(err as Error);
    }
  })();

  return out;
}

/** Adds one entry and resolves once archiver has written it (so the next fetch starts only then). */
function appendAndWait(archive: archiver.Archiver, stream: Readable, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: archiver.EntryData) => {
      if (entry.name !== name) return;
      archive.off('entry', onEntry);
      resolve();
    };
    archive.on('entry', onEntry);
    stream.once('error', reject);
    // PDFs are compressed already: stored, not deflated again (less CPU, no deflate buffers).
    archive.append(stream, { name, store: true });
  });
}

function indexCsv(results: { item: ExportItem; status: string }[]): string {
  return `\uFEFF${Papa.unparse({
    fields: ['Number', 'Type', 'Date', 'Due date', 'Total', 'Amount due', 'Currency', 'File', 'Status'],
    data: results.map(({ item, status }) => [
      item.number, item.kind === 'credit' ? 'credit note' : 'invoice', item.date ?? '', item.dueDate ?? '',
      item.total.toFixed(2), item.residual.toFixed(2), item.currency, status === 'ok' ? pdfFileName(item.number) : '', status,
    ]),
  }, { escapeFormulae: true })}\r\n`;
}
