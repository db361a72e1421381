import 'server-only';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { log } from '../log';
import { odooDatabaseKey } from '../odoo/config';

export interface CachedPdf {
  body: Readable;
  contentLength: number;
}

/**
 * Posted invoice PDFs on disk, one file per invoice and version (its write_date: a posted
 * invoice does not change, and a reset to draft changes the write date, so a new version
 * is a new file and the old one is never served again).
 *
 * Several portal instances may share the directory: a file is written under a temporary
 * name and renamed into place only once complete (rename is atomic on one filesystem), so
 * a reader sees a whole PDF or none, and two instances storing the same version at once
 * both end with the same bytes. A file is opened before its size is read, so a rename
 * that replaces it meanwhile cannot mix two versions. Nothing here checks the tenant: the
 * caller finds the invoice inside the tenant first (lib/portal/invoice-pdf.ts).
 */
export class PdfDiskCache {
  constructor(readonly dir: string) {}

  /** The cached PDF of this version, streamed from disk, or null. */
  async open(invoiceId: number, version: string): Promise<CachedPdf | null> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.file(invoiceId, version), 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.warn({ err: (err as Error).message, invoiceId }, 'pdf cache unreadable');
      return null;
    }
    try {
      const { size } = await handle.stat();
      // The stream closes the handle when it ends or is destroyed.
      return { body: handle.createReadStream(), contentLength: size };
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  /**
   * Passes `source` through unchanged while writing a copy: the client is not kept waiting
   * for the file, and the PDF is never held in memory. The copy becomes a cached version
   * only when the whole body arrived (and matched `expectedLength` when Odoo sent one), under
   * the version `versionAfter()` names once it has: rendering an invoice that has no stored
   * PDF bumps its write date on Odoo 19, so the version to file it under is the one read
   * after the render (null: keep nothing). A body that fails or is cut off leaves nothing
   * behind. A client that goes away does not stop the copy: Odoo has rendered the PDF
   * already, and the next download is served from it.
   */
  keep(
    invoiceId: number,
    versionAfter: () => Promise<string | null>,
    source: Readable,
    expectedLength?: number,
  ): { body: Readable; stored: Promise<boolean> } {
    const dir = path.join(this.dir, String(invoiceId));
    const tmp = path.join(dir, `.${randomBytes(8).toString('hex')}.tmp`);
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (err) {
      log.warn({ err: (err as Error).message, invoiceId }, 'pdf cache not writable');
      return { body: source, stored: Promise.resolve(false) };
    }
    const out = new PassThrough();
    const file = createWriteStream(tmp, { mode: 0o600 });
    let bytes = 0;
    let ended = false;
    let done!: (stored: boolean) => void;
    const stored = new Promise<boolean>((resolve) => (done = resolve));
    let discarded = false;
    const discard = () => {
      if (discarded) return;
      discarded = true;
      // The file is opened asynchronously: unlink only once it is closed, or an open that
      // lands after the unlink would leave the temporary file behind.
      const unlink = () =>
        void fs
          .unlink(tmp)
          .catch(() => {})
          .finally(() => done(false));
      if (file.closed) unlink();
      else {
        file.once('close', unlink);
        file.destroy();
      }
    };
    source.on('data', (chunk: Buffer) => (bytes += chunk.byteLength));
    source.once('end', () => (ended = true));
    source.once('error', (err) => {
      out.destroy(err);
      discard();
    });
    // Closed without an end: aborted (e.g. the Odoo connection dropped).
    source.once('close', () => ended || discard());
    file.once('error', (err) => {
      log.warn({ err: err.message, invoiceId }, 'pdf cache write failed');
      source.unpipe(file);
      discard();
    });
    file.once('finish', () => {
      if (!ended || (expectedLength !== undefined && bytes !== expectedLength)) return discard();
      void versionAfter()
        .then(
          (version) => (version ? this.publish(tmp, this.file(invoiceId, version), invoiceId) : fs.unlink(tmp).then(() => false)),
          () => fs.unlink(tmp).then(() => false),
        )
        .catch(() => false)
        .then(done);
    });
    source.pipe(file);
    source.pipe(out);
    return { body: out, stored };
  }

  private async publish(tmp: string, final: string, invoiceId: number): Promise<boolean> {
    try {
      await fs.rename(tmp, final);
      // Earlier versions of this invoice (before a reset to draft) will never be asked for again.
      const dir = path.dirname(final);
      for (const name of await fs.readdir(dir)) {
        if (name.endsWith('.pdf') && path.join(dir, name) !== final) await fs.unlink(path.join(dir, name)).catch(() => {});
      }
      return true;
    } catch (err) {
      log.warn({ err: (err as Error).message, invoiceId }, 'pdf cache rename failed');
      await fs.unlink(tmp).catch(() => {});
      return false;
    }
  }

  private file(invoiceId: number, version: string): string {
    return path.join(this.dir, String(invoiceId), `${version}.pdf`);
  }
}

/**
 * A cache file name from an invoice's write_date ("2026-12-01 18:26:38"), or null when
 * there is none to trust (then the PDF is not cached).
 */
export function pdfVersion(writeDate: string | null): string | null {
  const m = writeDate && /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(writeDate);
  return m ? `${m.slice(1, 4).join('')}T${m.slice(4, 7).join('')}${m[7] ? `.${m[7]}` : ''}` : null;
}

/**
 * The directory for one Odoo database under the configured one, so two deployments (say,
 * staging and production) pointed at the same path never share invoice ids.
 */
export function pdfCacheDirFor(root: string, odooUrl: string, odooDb: string): string {
  return path.join(root, odooDatabaseKey({ url: odooUrl, db: odooDb }));
}
