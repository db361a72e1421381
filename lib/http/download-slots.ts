import 'server-only';
import type { Readable } from 'node:stream';
import { processSingleton } from '../process-singleton';

/**
 * How many large downloads (a ZIP of invoice PDFs) one person may have in the making at
 * once, per process. Each asks Odoo for up to four PDFs at a time through the process's
 * shared cap on Odoo calls, so one person starting many would hold the others' pages back.
 */
export const DOWNLOADS_PER_PERSON = 2;

const active = () => processSingleton('download-slots', () => new Map<string, number>());

/**
 * A slot for `who`'s download, or null when they already have DOWNLOADS_PER_PERSON running.
 * The slot is given back when `body` closes: finished, failed or abandoned by the browser.
 */
export function takeDownloadSlot(who: string): ((body: Readable) => Readable) | null {
  const running = active();
  const count = running.get(who) ?? 0;
  if (count >= DOWNLOADS_PER_PERSON) return null;
  running.set(who, count + 1);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const left = (running.get(who) ?? 1) - 1;
    if (left > 0) running.set(who, left);
    else running.delete(who);
  };
  return (body) => {
    body.once('close', release);
    if (body.destroyed) release();
    return body;
  };
}
