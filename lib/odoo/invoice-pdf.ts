import 'server-only';
import type { Readable } from 'node:stream';
import type { OdooConfig } from './config';
import type { TimeBudget } from './budget';
import { OdooMissingError, OdooServerError } from './errors';
import { getStream, readWithoutPausing, unavailableFromStatus } from './http';
import type { OrmCall } from './transport';
import type { OdooWebSession } from './web-session';

export interface PdfDownload {
  body: Readable;
  contentLength?: number;
}

/**
 * Opens an invoice PDF on Odoo as a stream. Two ways:
 * - with ODOO_PASSWORD: a web session (renewed when Odoo sends it to /web/login) and
 *   `/web/content/<attachment>` when the invoice has a stored PDF, else the report URL;
 * - API key only (Odoo 19+): `get_portal_url(report_type='pdf')` gives a token URL that we
 *   fetch here; the token never leaves the server.
 */
export class InvoicePdfSource {
  constructor(
    private readonly config: OdooConfig,
    private readonly session: OdooWebSession,
  ) {}

  /**
   * Every step (the token URL or the login, the PDF's response headers) ends within the request's time budget;
   * the body then flows at the pace of whoever reads it.
   */
  async open(
    invoiceId: number,
    attachmentId: number | false,
    rpc: (call: OrmCall) => Promise<unknown>,
    budget: TimeBudget,
  ): Promise<PdfDownload> {
    if (!this.config.password) {
      const path = await rpc({
        model: 'account.move',
        method: 'get_portal_url',
        ids: [invoiceId],
        params: { report_type: 'pdf', download: true },
      });
      if (typeof path !== 'string' || !path.startsWith('/')) throw new OdooServerError('get_portal_url returned no URL', 'protocol');
      return this.fetchPdf(path, {}, budget);
    }
    const path = attachmentId ? `/web/content/${attachmentId}?download=true` : `/report/pdf/account.report_invoice/${invoiceId}`;
    const cookie = await budget.race(this.session.cookie());
    try {
      return await this.fetchPdf(path, { Cookie: cookie }, budget);
    } catch (err) {
      if (!(err instanceof SessionGone)) throw err;
      this.session.ended(cookie); // expired on Odoo's side: log in again, once
      return this.fetchPdf(path, { Cookie: await budget.race(this.session.cookie()) }, budget);
    }
  }

  private async fetchPdf(path: string, headers: Record<string, string>, budget: TimeBudget): Promise<PdfDownload> {
    const res = await getStream(`${this.config.url}${path}`, headers, budget.nextTimeoutMs());
    const type = res.header('content-type') ?? '';
    if (res.status === 200 && type.startsWith('application/pdf')) {
      const length = Number(res.header('content-length'));
      const body = res.header('connection')?.toLowerCase() === 'close' ? readWithoutPausing(res.body) : res.body;
      return { body, contentLength: Number.isFinite(length) && length > 0 ? length : undefined };
    }
    await res.body.dump(); // frees the connection for the next call
    if (res.status === 303 || res.status === 302) {
      if (headers.Cookie && (res.header('location') ?? '').includes('/web/login')) throw new SessionGone();
      throw new OdooMissingError('Odoo has no PDF for this invoice', 'redirect');
    }
    if (res.status === 404) throw new OdooMissingError('Odoo has no PDF for this invoice', 'http.404');
    if (res.status >= 500) throw unavailableFromStatus(res.status, '');
    throw new OdooServerError(`Unexpected answer for the invoice PDF: HTTP ${res.status} ${type}`, `http.${res.status}`);
  }
}

class SessionGone extends Error {}
