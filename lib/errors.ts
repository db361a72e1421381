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

export class PortalError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
  }
}

export const notFound = (what = 'This record') => new PortalError('not_found', `${what} does not exist or is not yours.`);
export const forbidden = (message = 'Your role does not allow this.') => new PortalError('forbidden', message);
