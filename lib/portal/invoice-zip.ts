import 'server-only';
import archiver from 'archiver';
import { PassThrough, type Readable } from 'node:stream';
import { csvText, type CsvColumn } from '../http/csv';
import { log } from '../log';
import type { PortalContext } from '../context';
import { OdooUnavailableError } from '../odoo';
import { invoicePdf, invoicePdfCache } from './invoice-pdf';
import type { InvoiceRow } from './invoices';

export type ExportItem = InvoiceRow & { attachmentId: number | false; writeDate: string | null };

/** A PDF's file name inside the ZIP and as a download: the invoice number, safe on every OS. */
export function pdfFileName(number: string): string {
  return `${number.replace(/[^A-Za-z0-9._-]+/g, '-')}.pdf`;
}

/** The index's status of the PDFs not asked for once Odoo stopped answering. */
export const NOT_FETCHED = 'failed: not fetched, the ERP stopped answering';

/**
 * A ZIP of the invoices' PDFs plus an index.csv, streamed while it is built. At most
 * `concurrency` PDFs are requested from Odoo at once and each goes straight from Odoo's
 * response into the archive, so memory stays flat whatever the number of invoices. A PDF
 * that cannot be fetched is listed as failed in the index instead of silently missing.
 *
 * Time: a ZIP of many invoices takes as long as Odoo needs to render them, so each PDF has
 * its own ODOO_TIMEOUT_MS until its first byte (retries and login included), not the whole
 * download. Once one PDF failed because Odoo did not answer (timeout, unreachable, 5xx), no
 * more are asked for: the ones in flight end within their own budget and the rest are listed
 * as not fetched. So a ZIP never waits on an unanswering Odoo for more than about twice
 * ODOO_TIMEOUT_MS, however many invoices it holds.
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
    const results: IndexRow[] = [];
    let next = 0;
    // Fetches run ahead of the archive by at most `concurrency`; entries are added in order.
    const started: (Promise<Readable | Error> | undefined)[] = [];
    let odooStopped = false;
    const start = (i: number) => {
      const item = items[i]!;
      started[i] = odooStopped
        ? Promise.resolve(new Error(NOT_FETCHED))
        : invoicePdf({ ...ctx, odoo: ctx.odoo.withOwnBudget() }, item, cache).then(
            (pdf) => pdf.body,
            (err: unknown) => {
              if (err instanceof OdooUnavailableError) odooStopped = true;
              return err instanceof Error ? err : new Error(String(err));
            },
          );
    };
    try {
      for (; next < Math.min(concurrency, items.length); next++) start(next);
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        const pdf = await Promise.race([started[i]!, closedEarly]);
        if (pdf instanceof Error) {
          started[i] = undefined; // lets the stream go once it is in the archive
          results.push({
            item,
            status: pdf.message === NOT_FETCHED ? NOT_FETCHED : `failed: ${pdf.message.replace(/\s+/g, ' ').slice(0, 200)}`,
          });
        } else {
          await Promise.race([appendAndWait(archive, pdf, pdfFileName(item.number)), closedEarly]);
          started[i] = undefined; // lets the stream go once it is in the archive
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

type IndexRow = { item: ExportItem; status: string };

/** The same signed amounts as the invoice list and its CSV: a credit note's are negative. */
const INDEX_COLUMNS: CsvColumn<IndexRow>[] = [
  { header: 'Number', type: 'text', value: (r) => r.item.number },
  { header: 'Type', type: 'text', value: (r) => (r.item.kind === 'credit' ? 'credit note' : 'invoice') },
  { header: 'Date', type: 'date', value: (r) => r.item.date },
  { header: 'Due date', type: 'date', value: (r) => r.item.dueDate },
  { header: 'Total', type: 'number', decimals: 2, value: (r) => r.item.total },
  { header: 'Open amount', type: 'number', decimals: 2, value: (r) => r.item.residual },
  { header: 'Currency', type: 'text', value: (r) => r.item.currency },
  { header: 'File', type: 'text', value: (r) => (r.status === 'ok' ? pdfFileName(r.item.number) : '') },
  { header: 'Status', type: 'text', value: (r) => r.status },
];

function indexCsv(results: IndexRow[]): string {
  return csvText(INDEX_COLUMNS, results);
}
