import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { auth } from './auth';
import { portalConfig } from './lib/config';
import { createLimiter, redisFromUrl, type Limiter } from './lib/rate-limit';
import { readSessionCookie, renewalDue } from './lib/session/session-token';
import { contentSecurityPolicy, staticSecurityHeaders } from './lib/security-headers';

/**
 * Next 16's request proxy (the file formerly called middleware.ts). Runs before every page
 * and route handler: request id, sign-in check, rate limits, security headers. It only
 * reads the session cookie; pages and the data layer check everything again.
 */
const PUBLIC_PATHS = [/^\/signin$/, /^\/not-linked$/, /^\/api\/auth\//, /^\/api\/health$/, /^\/api\/odoo-webhook$/];
const SIGN_IN_PATHS = [/^\/signin$/, /^\/api\/auth\/(signin|callback)\//];

let limiters: { user: Limiter; signIn: Limiter } | undefined;
function getLimiters() {
  if (limiters) return limiters;
  const c = portalConfig();
  const redis = c.REDIS_URL ? redisFromUrl(c.REDIS_URL) : undefined;
  limiters = {
    user: createLimiter({ name: 'user', points: c.RATE_LIMIT_USER_PER_MINUTE, durationSeconds: 60, redis, failMode: c.RATE_LIMIT_FAIL_MODE }),
    signIn: createLimiter({ name: 'signin-ip', points: c.RATE_LIMIT_SIGNIN_PER_MINUTE, durationSeconds: 60, redis, failMode: c.RATE_LIMIT_FAIL_MODE }),
  };
  return limiters;
}

export async function proxy(req: NextRequest, ev: NextFetchEvent): Promise<Response> {
  const requestId = req.headers.get('x-request-id')?.slice(0, 100) || crypto.randomUUID();
  const path = req.nextUrl.pathname;
  const isApi = path.startsWith('/api/');
  const session = await readSessionCookie(req.cookies);
  const sub = session.status === 'valid' ? session.token.claims.sub : undefined;

  const { user, signIn } = getLimiters();
  const outcome = SIGN_IN_PATHS.some((p) => p.test(path))
    ? await signIn.consume(clientIp(req))
    : sub ? await user.consume(sub) : { allowed: true as const };
  if (!outcome.allowed) return finish(tooManyRequests(isApi, outcome.retryAfterSeconds, requestId), requestId);

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
    const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV !== 'production', formActions: [new URL(portalConfig().AUTH_OIDC_ISSUER).origin] });
    const headers = new Headers(req.headers);
    headers.set('x-request-id', requestId);
    headers.set('x-portal-path', `${req.method} ${path}`.slice(0, 300));
    headers.set('x-nonce', nonce);
    headers.set('Content-Security-Policy', csp);
    res = NextResponse.next({ request: { headers } });
    res.headers.set('Content-Security-Policy', csp);
  }

  // A cookie that is no session (tampered, expired) is removed, as next-auth does; not on
  // next-auth's own routes, where a sign-in callback sets the new one.
  if (session.status === 'invalid' && !path.startsWith('/api/auth/')) {
    for (const name of session.cookieNames) res.headers.append('Set-Cookie', `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith('__Secure-') ? '; Secure' : ''}`);
  }
  // Rolling expiry, renewed by next-auth. Only a page load renews: a prefetch, RSC fetch or
  // API poll still in flight when the person signs out would put the ended session back.
  if (session.status === 'valid' && req.headers.get('sec-fetch-dest') === 'document' && renewalDue(session.token, portalConfig().SESSION_MAX_AGE_SECONDS)) {
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
  for (const [k, v] of Object.entries(staticSecurityHeaders(process.env.NODE_ENV === 'production' && process.env.PORTAL_HTTPS !== 'false'))) res.headers.set(k, v);
  return res;
}

function clientIp(req: NextRequest): string {
  return req.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || req.headers.get('x-real-ip') || 'unknown';
}

function tooManyRequests(isApi: boolean, retryAfter: number, requestId: string): Response {
  const headers = { 'Retry-After': String(retryAfter) };
  const message = `Too many requests. Please wait ${retryAfter} seconds and try again.`;
  if (isApi) return NextResponse.json({ error: { code: 'rate_limited', message, requestId } }, { status: 429, headers });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Too many requests</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#111}a{color:#1d4ed8}</style></head>
<body><main><h1>Too many requests</h1><p>${message}</p><p><a href="/">Back to the portal</a></p><p><small>Request ${requestId}</small></p></main></body></html>`;
  return new Response(html, { status: 429, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}

export const config = {
  // Static files from public/ need no session, limit or nonce.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)'],
};
