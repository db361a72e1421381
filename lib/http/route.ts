import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { PortalError, STATUS, forbidden, portalError, type PortalErrorBody } from '../errors';
import { outcomeOfStatus, settleRequest } from '../portal/audit';
import { singleValues } from '../schemas/common';
import type { PortalContext } from '../context';
import { loadSession } from '../session/require-session';
import { can, type Permission } from '../roles';
import { toPortalError } from '../portal/to-portal-error';
import type { Locale } from '../i18n/locales';
import { localeFromAcceptLanguage } from '../i18n/request-locale';
import { zodErrorMap } from '../i18n/zod-errors';
import { sayError } from './error-words';
import { earlyAnswer } from './early-answer';
import { translatorFor } from '../i18n/translator';

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
    let locale = localeFromAcceptLanguage(req.headers.get('accept-language'));
    try {
      const state = await loadSession();
      if (state.status === 'anonymous') throw portalError('unauthenticated', 'signIn');
      // Staff reach customer data only inside an open support session (loadSession checks it in the store on every request).
      if (state.status === 'staff') throw portalError('forbidden', 'notActing');
      if (state.status !== 'customer') throw portalError('forbidden', 'notLinked');
      const { ctx } = state;
      requestId = ctx.requestId;
      locale = ctx.locale;
      if (opts.permission && !can(ctx.roles, opts.permission)) throw forbidden();
      const parse = { error: zodErrorMap(locale) };
      const params = (opts.params ? opts.params.parse(await route.params, parse) : {}) as z.infer<P>;
      const query = (opts.query ? opts.query.parse(searchParamsOf(req), parse) : {}) as z.infer<Q>;
      const result = await handler({ ctx, req, params, query });
      const res = result instanceof Response ? result : NextResponse.json(result, { headers: { 'Cache-Control': PRIVATE } });
      res.headers.set('Server-Timing', ctx.odoo.callLog.serverTiming());
      await settleRequest(outcomeOfStatus(res.status));
      return res;
    } catch (err) {
      const error = toPortalError(err, requestId);
      // A link opened in the tab (a PDF, an export) shows a page in words, not the JSON a script reads.
      const res =
        req.headers.get('sec-fetch-dest') === 'document' ? errorPage(error, requestId, locale) : errorResponse(error, requestId, locale);
      await settleRequest(outcomeOfStatus(res.status)).catch(() => {}); // the answer stands; a failed write is logged
      return res;
    }
  };
}

/** A JSON answer is one person's data (or error): no shared or browser cache keeps it. */
const PRIVATE = 'private, no-store';

/** The one error shape, said in the reader's language. */
export function errorResponse(error: PortalError, requestId: string, locale: Locale = 'en'): NextResponse<PortalErrorBody> {
  return NextResponse.json(
    { error: { code: error.code, ...sayError(error, locale), requestId } },
    { status: STATUS[error.code], headers: { 'Cache-Control': PRIVATE } },
  );
}

/** The same error as a small page, for a download link a person opened in the browser's tab. */
function errorPage(error: PortalError, requestId: string, locale: Locale): Response {
  return earlyAnswer({
    format: 'html',
    status: STATUS[error.code],
    code: error.code,
    title: translatorFor(locale, 'errors')('download.title'),
    message: sayError(error, locale).message,
    requestId,
    locale,
    headers: { 'Cache-Control': PRIVATE },
  });
}

/** Search params as single values; one given twice is refused rather than guessed. */
function searchParamsOf(req: NextRequest): Record<string, string> {
  // No prototype: `toString` or `__proto__` is a parameter like any other.
  const all = Object.create(null) as Record<string, string | string[]>;
  for (const [k, v] of req.nextUrl.searchParams) {
    const prev = all[k];
    all[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const single = singleValues(all);
  if (!single.ok) throw new PortalError('bad_request', single.message);
  return single.values;
}
