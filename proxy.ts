import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { auth } from './auth';
import { brandImageOrigin } from './lib/brand';
import { localeFromAcceptLanguage } from './lib/i18n/request-locale';
import { portalConfig } from './lib/config';
import { clientIp } from './lib/http/client-ip';
import { requestIdFrom } from './lib/http/request-id';
import { tooManyRequests } from './lib/http/too-many-requests';
import { isUnreadablePath, unreadablePath } from './lib/http/unreadable-path';
import { routerStateRefused, unreadableRouterState } from './lib/http/router-state-refusal';
import { portalLimiters } from './lib/limits';
import { refuseBadActionRequest } from './lib/http/action-request';
import { readSessionCookie, renewalDue } from './lib/session/session-token';
import { contentSecurityPolicy, staticSecurityHeaders, transportSecurityHeaders } from './lib/security-headers';
import { signInLimits } from './lib/sign-in-limits';
import { auditPath } from './lib/http/audit-path';

/**
 * Next 16's request proxy (the file formerly called middleware.ts). Runs before every page
 * and route handler: request id, sign-in check, rate limits, security headers. It only
 * reads the session cookie; pages and the data layer check everything again.
 */
const PUBLIC_PATHS = [/^\/signin$/, /^\/not-linked$/, /^\/api\/auth\//, /^\/api\/health$/, /^\/api\/odoo-webhook$/];
const SIGN_IN_PATHS = [/^\/signin$/, /^\/api\/auth\/(signin|callback)\//];

export async function proxy(req: NextRequest, ev: NextFetchEvent): Promise<Response> {
  const requestId = requestIdFrom(req.headers);
  const path = req.nextUrl.pathname;
  const isApi = path.startsWith('/api/');
  const session = await readSessionCookie(req.cookies);
  const sub = session.status === 'valid' ? session.token.claims.sub : undefined;

  // The sign-in paths are navigations (the IdP redirects back to the callback): a page, not JSON.
  const isSignIn = SIGN_IN_PATHS.some((p) => p.test(path));
  const outcome = isSignIn
    ? await signInLimits().admitRequest(clientIp(req.headers))
    : sub
      ? await portalLimiters().user.consume(sub)
      : { allowed: true as const };
  if (!outcome.allowed)
    return finish(
      tooManyRequests(
        isApi && !isSignIn ? 'json' : 'html',
        outcome.retryAfterSeconds,
        requestId,
        localeFromAcceptLanguage(req.headers.get('accept-language')),
      ),
      requestId,
    );
  if (isUnreadablePath(path))
    return finish(
      unreadablePath(isApi ? 'json' : 'html', requestId, localeFromAcceptLanguage(req.headers.get('accept-language'))),
      requestId,
    );
  if (routerStateRefused(req.headers)) return finish(unreadableRouterState(requestId), requestId);
  const badAction = await refuseBadActionRequest(req, requestId, { trustForwardedHost: portalConfig().TRUSTED_PROXY_HOPS > 0 });
  if (badAction) return finish(badAction, requestId);

  let res: Response;
  if (!sub && !PUBLIC_PATHS.some((p) => p.test(path))) {
    if (isApi) {
      res = NextResponse.json({ error: { code: 'unauthenticated', message: 'Sign in to continue.', requestId } }, { status: 401 });
    } else {
      const signInUrl = new URL('/signin', req.nextUrl.origin);
      signInUrl.searchParams.set('callbackUrl', path + req.nextUrl.search);
      res = NextResponse.redirect(signInUrl);
    }
  } else {
    const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
    const csp = contentSecurityPolicy(nonce, {
      dev: process.env.NODE_ENV !== 'production',
      formActions: [new URL(portalConfig().AUTH_OIDC_ISSUER).origin],
      imageOrigins: [brandImageOrigin()].filter((o) => o !== null),
    });
    const headers = new Headers(req.headers);
    headers.set('x-request-id', requestId);
    // With the query: the audit trail of a support session says which filters an export had.
    headers.set('x-portal-path', auditPath(req.method, path, req.nextUrl.search));
    headers.set('x-nonce', nonce);
    headers.set('Content-Security-Policy', csp);
    res = NextResponse.next({ request: { headers } });
    res.headers.set('Content-Security-Policy', csp);
  }

  // A cookie that is no session (tampered, expired) is removed, as next-auth does; not on
  // next-auth's own routes, where a sign-in callback sets the new one.
  if (session.status === 'invalid' && !path.startsWith('/api/auth/')) {
    for (const name of session.cookieNames)
      res.headers.append(
        'Set-Cookie',
        `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith('__Secure-') ? '; Secure' : ''}`,
      );
  }
  // Rolling expiry, renewed by next-auth. Only a page load renews: a prefetch, RSC fetch or
  // API poll still in flight when the person signs out would put the ended session back.
  if (
    session.status === 'valid' &&
    req.headers.get('sec-fetch-dest') === 'document' &&
    renewalDue(session.token, portalConfig().SESSION_MAX_AGE_SECONDS)
  ) {
    for (const cookie of await renewedSessionCookies(req, ev)) res.headers.append('Set-Cookie', cookie);
  }
  return finish(res, requestId);
}

/** The Set-Cookie headers of next-auth's renewal of this request's session (a new expiry). */
const renewal = auth(() => NextResponse.next());
async function renewedSessionCookies(req: NextRequest, ev: NextFetchEvent): Promise<string[]> {
  const res = (await renewal(req, ev as never)) as Response;
  return res.headers.getSetCookie().filter((c) => /^(__Secure-)?authjs\.session-token(\.\d+)?=/.test(c));
}

function finish(res: Response, requestId: string): Response {
  res.headers.set('X-Request-Id', requestId);
  // JSON answered here (401, 429) is one person's and short-lived: never stored.
  if (res.headers.get('Content-Type')?.startsWith('application/json')) res.headers.set('Cache-Control', 'private, no-store');
  const https = process.env.NODE_ENV === 'production' && portalConfig().PORTAL_HTTPS;
  for (const [k, v] of Object.entries({ ...staticSecurityHeaders(), ...transportSecurityHeaders(https) })) res.headers.set(k, v);
  return res;
}

export const config = {
  // Static files from public/ need no session, limit or nonce.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)'],
};
