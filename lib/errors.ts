import type en from '@/messages/en';
import { BundleSafeError } from './bundle-safe-errors';
import { translatorFor } from './i18n/translator';

/**
 * The one error shape of the portal, for route handlers (JSON) and actions (typed
 * result). `message` is written for the person using the portal.
 */
export type ErrorCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'odoo_unavailable'
  | 'odoo_rejected'
  | 'internal';

export interface PortalErrorBody {
  error: { code: ErrorCode; message: string; requestId?: string; fields?: Record<string, string[]> };
}

export const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  odoo_unavailable: 503,
  odoo_rejected: 422,
  internal: 500,
};

const englishErrors = translatorFor('en', 'errors');

/** `instanceof PortalError` holds across server bundles, as the Odoo errors' (lib/bundle-safe-errors.ts). */
export class PortalError extends BundleSafeError {
  static readonly kind: string = 'PortalError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
    /** The message as words of the `errors.portal` catalogue, so the wrappers can say it in the reader's language. */
    readonly words?: ErrorWords,
  ) {
    super(message);
  }
}

/** A message of the `errors.portal` catalogue (messages/<locale>/errors.json) and its values. */
export type ErrorKey = keyof (typeof en)['errors']['portal'];
export type ErrorWords = { key: ErrorKey; values?: Record<string, string | number>; fields?: Record<string, ErrorKey> };

/**
 * A PortalError worded from the catalogue: its `message` is the English text (logs, the
 * audit trail), and the action and route wrappers give the reader the same words in their
 * language (lib/http/error-words.ts). `fields` names the message shown by each form field.
 */
export function portalError(code: ErrorCode, key: ErrorKey, opts: Omit<ErrorWords, 'key'> = {}): PortalError {
  const say = (k: ErrorKey) => englishErrors(`portal.${k}`, opts.values);
  const fields = opts.fields ? Object.fromEntries(Object.entries(opts.fields).map(([name, k]) => [name, [say(k)]])) : undefined;
  return new PortalError(code, say(key), fields, { key, ...opts });
}

/** A problem of one line of a form (a quick order line), worded from `errors.validation`. */
export type ValidationKey = keyof (typeof en)['errors']['validation'];
export type LineWords = { key: ValidationKey; values?: Record<string, string | number> };

/** The English text of a line problem (kept as its message) and its words, to say it in the reader's language. */
export function lineProblem(key: ValidationKey, values?: LineWords['values']): { message: string; words: LineWords } {
  return { message: englishErrors(`validation.${key}`, values), words: { key, ...(values ? { values } : {}) } };
}

/** A record that is missing or another company's: both answer alike. */
export const notFound = (key: ErrorKey = 'notFound') => portalError('not_found', key);
export const forbidden = (key: ErrorKey = 'roleForbids') => portalError('forbidden', key);
