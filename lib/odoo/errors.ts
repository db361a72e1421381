import 'server-only';
import { BundleSafeError } from '../bundle-safe-errors';

/**
 * Typed Odoo failures, the same whichever protocol carried them. Callers branch on the
 * class, never on Odoo's `code` (0 on 19, 200 before) or on message text. `instanceof`
 * holds across server bundles (lib/bundle-safe-errors.ts): the process's one gateway throws
 * the classes of the bundle that created it. Each class names its own `kind`.
 */
export class OdooError extends BundleSafeError {
  static readonly kind: string = 'OdooError';
  constructor(
    message: string,
    /** Odoo's exception name (`odoo.exceptions.AccessError`...) or a transport cause. */
    readonly odooName: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The integration user may not read or write this (AccessError). */
export class OdooAccessError extends OdooError {
  static override readonly kind = 'OdooAccessError';
}
/** The record was deleted or never existed (MissingError). */
export class OdooMissingError extends OdooError {
  static override readonly kind = 'OdooMissingError';
}
/** Odoo refused the values; `message` is Odoo's own user-facing text (ValidationError, UserError). */
export class OdooValidationError extends OdooError {
  static override readonly kind = 'OdooValidationError';
}
/** Wrong database, login or API key (AccessDenied, 401). */
export class OdooAuthError extends OdooError {
  static override readonly kind = 'OdooAuthError';
  /** As OdooUnavailableError's: the page's error boundary says the portal's sign-in to the ERP failed. */
  readonly digest = 'odoo-refused';
}
/** Odoo could not be reached in time: network error, 5xx from a proxy, timeout. Safe to retry reads. */
export class OdooUnavailableError extends OdooError {
  static override readonly kind = 'OdooUnavailableError';
  /**
   * Next keeps an error's own digest when a server component throws it, so the page's
   * error boundary can tell "the ERP is down" from a bug without seeing the message.
   */
  readonly digest: string;
  /** The HTTP status a proxy answered with (reason 'http'). */
  readonly status?: number;
  /** The socket error's code (reason 'network'), e.g. ECONNREFUSED. */
  readonly code?: string;
  constructor(
    message: string,
    readonly reason: 'network' | 'timeout' | 'http',
    options?: { cause?: unknown; status?: number; code?: string },
  ) {
    super(message, reason, options);
    this.digest = reason === 'timeout' ? 'odoo-timeout' : 'odoo-unavailable';
    this.status = options?.status;
    this.code = options?.code;
  }
}
/** Everything else: a bug on our side (unknown field, bad arguments) or on Odoo's. */
export class OdooServerError extends OdooError {
  static override readonly kind = 'OdooServerError';
}

const BY_NAME: Record<string, new (message: string, odooName: string) => OdooError> = {
  'odoo.exceptions.AccessError': OdooAccessError,
  'odoo.exceptions.AccessDenied': OdooAuthError,
  'odoo.exceptions.MissingError': OdooMissingError,
  'odoo.exceptions.ValidationError': OdooValidationError,
  'odoo.exceptions.UserError': OdooValidationError,
  'odoo.exceptions.RedirectWarning': OdooValidationError,
  'werkzeug.exceptions.Unauthorized': OdooAuthError,
  'odoo.http.SessionExpiredException': OdooAuthError,
};

/** Maps Odoo's error payload (JSON-RPC `error.data`, or a JSON-2 error body) to a typed error. */
export function fromOdooPayload(payload: { name?: unknown; message?: unknown } | undefined, fallback: string): OdooError {
  const name = typeof payload?.name === 'string' ? payload.name : 'unknown';
  const message = typeof payload?.message === 'string' && payload.message ? payload.message : fallback;
  // A wrong ODOO_DB: JSON-RPC reaches PostgreSQL's refusal, a web-session login Odoo's own check.
  if (
    (name === 'psycopg2.OperationalError' && /database .* does not exist/.test(message)) ||
    (name === 'odoo.exceptions.AccessError' && message === 'Database not found.')
  ) {
    return new OdooAuthError(message, name);
  }
  const Cls = BY_NAME[name] ?? OdooServerError;
  return new Cls(message, name);
}

/** Socket errors raised before a request was on its way: Odoo never saw it. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Whether a write that failed this way may still have been carried out by Odoo, its answer
 * lost on the way back: a timeout, a connection dropped after the request went out, a
 * gateway's 502 or 504. Not when Odoo raised an error (its transaction was rolled back), the
 * connection was never made, or a proxy answered 503 (Odoo unavailable, nothing passed on).
 */
export function mayHaveRun(err: unknown): boolean {
  if (!(err instanceof OdooUnavailableError)) return false;
  if (err.reason === 'timeout') return true;
  if (err.reason === 'http') return err.status !== 503;
  return !NEVER_SENT.has(err.code ?? '');
}

/** Only reads are retried, and only when the server was not reached or answered 5xx. */
export function isRetryable(err: unknown): boolean {
  return err instanceof OdooUnavailableError;
}
