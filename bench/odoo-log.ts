import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * Odoo calls and the wall-clock time spent waiting on them, per portal request id, read from
 * the portal's debug log lines ("odoo call", LOG_LEVEL=debug) on its stdout.
 */
export function watchOdooCalls(stdout: Readable): Map<string, { calls: number; waitMs: number }> {
  const byRequest = new Map<string, { calls: number; waitMs: number }>();
  createInterface({ input: stdout }).on('line', (line) => {
    if (!line.includes('"odoo call"')) return;
    try {
      const e = JSON.parse(line) as { requestId: string; odooCalls: number; odooWaitMs: number };
      const prev = byRequest.get(e.requestId);
      if (!prev || e.odooCalls >= prev.calls) byRequest.set(e.requestId, { calls: e.odooCalls, waitMs: e.odooWaitMs });
    } catch {
      /* not a log line */
    }
  });
  return byRequest;
}
