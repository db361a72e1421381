import 'server-only';
import { log } from '../log';

/**
 * What one portal request cost in Odoo: number of calls and the time spent waiting. One is
 * made per request (see lib/session) and shared by every Odoo call the request makes; the
 * totals are logged with the request id and sent as a Server-Timing header by route handlers.
 */
export class OdooCallLog {
  calls = 0;
  /** Sum of call durations (parallel calls add up). */
  ms = 0;
  /** Wall-clock time with at least one call in flight: what the request really waited. */
  waitMs = 0;
  private busyUntil = 0;

  constructor(readonly requestId: string) {}

  record(model: string, method: string, ms: number, /** 'ok', or the error's name */ outcome: string, endedAt = performance.now()) {
    this.calls++;
    this.ms += ms;
    const startedAt = endedAt - ms;
    this.waitMs += Math.max(0, endedAt - Math.max(startedAt, this.busyUntil));
    this.busyUntil = Math.max(this.busyUntil, endedAt);
    log.debug(
      {
        requestId: this.requestId,
        model,
        method,
        ms: Math.round(ms),
        outcome,
        odooCalls: this.calls,
        odooMs: Math.round(this.ms),
        odooWaitMs: Math.round(this.waitMs),
      },
      'odoo call',
    );
  }

  serverTiming(): string {
    return `odoo;dur=${this.waitMs.toFixed(1)};desc="${this.calls} calls"`;
  }
}
