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

export interface DownloadSlot {
  /** Ties the slot to the download's body: given back when it closes (finished, failed or destroyed). */
  hold(body: Readable): Readable;
  /** Gives the slot back now (idempotent): for a download that never got its body. */
  release(): void;
}

/** A slot for `who`'s download, or null when they already have DOWNLOADS_PER_PERSON running. */
export function takeDownloadSlot(who: string): DownloadSlot | null {
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
  return {
    release,
    hold(body) {
      body.once('close', release);
      if (body.destroyed) release();
      return body;
    },
  };
}
