import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { PortalError, STATUS, type PortalErrorBody } from '../errors';
import { outcomeOfStatus, settleRequest } from '../portal/audit';
import { singleValues } from '../schemas/common';
import type { PortalContext } from '../context';
import { loadSession } from '../session/require-session';
import { can, type Permission } from '../roles';
import { toPortalError } from '../portal/to-portal-error';

/**
 * The one wrapper for customer route handlers: session → tenant → permission → zod
 * parse of params and search params → handler → JSON (or the handler's own Response).
 * Every failure answers the one error shape with its status and the request id. While
 * acting, the request's audit row gets the outcome of that status (a 404 is denied).
 */
export function withPortalRoute<P extends z.ZodType, Q extends z.ZodType>(
  opts: { permission?: Permission; params?: P; query?: Q },
  handler: (args: { ctx: PortalContext; req: NextRequest; params: z.infer<P>; query: z.infer<Q> }) => Promise<unknown>, // a Response is sent as it is, anything else as JSON
) {
  return async (req: NextRequest, route: { params: Promise<Record<string, string | string[]>> }) => {
    let requestId = req.headers.get('x-request-id') ?? 'unknown';
    try {
      const state = await loadSession();
      if (state.status === 'anonymous') throw new PortalError('unauthenticated', 'Sign in to continue.');
      // Staff reach customer data only inside an open support session (loadSession checks it in the store on every request).
      if (state.status === 'staff') throw new PortalError('forbidden', 'You are not acting for a customer.');
      if (state.status !== 'customer') throw new PortalError('forbidden', 'Your sign-in is not linked to a customer account.');
      const { ctx } = state;
      requestId = ctx.requestId;
      if (opts.permission && !can(ctx.roles, opts.permission)) throw new PortalError('forbidden', 'Your role does not allow this.');
      const params = (opts.params ? opts.params.parse(await route.params) : {}) as z.infer<P>;
      const query = (opts.query ? opts.query.parse(searchParamsOf(req)) : {}) as z.infer<Q>;
      const result = await handler({ ctx, req, params, query });
      const res = result instanceof Response ? result : NextResponse.json(result, { headers: { 'Cache-Control': PRIVATE } });
      res.headers.set('Server-Timing', ctx.odoo.callLog.serverTiming());
      await settleRequest(outcomeOfStatus(res.status));
      return res;
    } catch (err) {
      const res = errorResponse(toPortalError(err, requestId), requestId);
      await settleRequest(outcomeOfStatus(res.status)).catch(() => {}); // the answer stands; a failed write is logged
      return res;
    }
  };
}

/** A JSON answer is one person's data (or error): no shared or browser cache keeps it. */
const PRIVATE = 'private, no-store';

export function errorResponse(error: PortalError, requestId: string): NextResponse<PortalErrorBody> {
  return NextResponse.json(
    { error: { code: error.code, message: error.message, requestId, ...(error.fields ? { fields: error.fields } : {}) } },
    { status: STATUS[error.code], headers: { 'Cache-Control': PRIVATE } },
  );
}

/** Search params as single values; one given twice is refused rather than guessed. */
function searchParamsOf(req: NextRequest): Record<string, string> {
  const all: Record<string, string | string[]> = {};
  for (const [k, v] of req.nextUrl.searchParams) {
    const prev = all[k];
    all[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const single = singleValues(all);
  if (!single.ok) throw new PortalError('bad_request', single.message);
  return single.values;
}
