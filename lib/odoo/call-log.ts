import 'server-only';
import { log } from '../log';

/**
 * What one portal request cost in Odoo: number of calls and the time spent waiting. One is
 * made per request (see lib/session) and shared by every Odoo call the request makes; the
 * totals are logged with the request id and sent as a Server-Timing header by route handlers.
 */
export class OdooCallLog {
  calls = 0;
  ms = 0;
  constructor(readonly requestId: string) {}

  record(model: string, method: string, ms: number, outcome: 'ok' | string) {
    this.calls++;
    this.ms += ms;
    log.debug({ requestId: this.requestId, model, method, ms: Math.round(ms), outcome, odooCalls: this.calls, odooMs: Math.round(this.ms) }, 'odoo call');
  }

  serverTiming(): string {
    return `odoo;dur=${this.ms.toFixed(1)};desc="${this.calls} calls"`;
  }
}
