import type { ActionResult } from './http/action';

/**
 * What a toast says and how long it stays: the page shows one at a time, the newest
 * replacing the last, so a result never reads as the answer to a later action.
 */
export type ToastTone = 'success' | 'error';

export interface ToastMessage {
  tone: ToastTone;
  message: string;
}

/** Long enough to read a sentence twice; an error waits until it is dismissed. */
export const SUCCESS_TOAST_MS = 6000;

/** Milliseconds until a toast hides by itself, or null when it stays until dismissed. */
export function toastLifetime(tone: ToastTone): number | null {
  return tone === 'success' ? SUCCESS_TOAST_MS : null;
}

/** The toast an action's result calls for: its error, or the form's success text (none when the form has nothing to say). */
export function toastOfResult(result: ActionResult<unknown>, success?: string): ToastMessage | null {
  if (!result.ok) return { tone: 'error', message: result.error.message };
  return success ? { tone: 'success', message: success } : null;
}
