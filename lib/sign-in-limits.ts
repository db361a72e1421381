import { clientIp, ipLimitKey } from './http/client-ip';
import { portalLimiters, type PortalLimiters } from './limits';
import { log } from './log';
import type { LimitOutcome } from './rate-limit';

/**
 * Limits on signing in, fit for an office behind one NAT address.
 *
 * Signing in is a redirect to the company's identity provider: passwords, MFA, lockout and
 * credential stuffing are the IdP's to stop; the portal never sees a password. What the
 * portal sees is /signin, /api/auth/signin/* and /api/auth/callback/*, and what it limits:
 * - every request there, per IP: a generous ceiling (RATE_LIMIT_SIGNIN_PER_MINUTE) against
 *   floods, far above what an office signing in at nine needs (about 3 requests a sign-in);
 * - failed sign-ins per IP (RATE_LIMIT_SIGNIN_FAILURES_PER_IP in 15 minutes): a callback
 *   that ends at the error page (forged or replayed state, a code the IdP rejects, which
 *   costs the portal a call to the IdP, an error from the IdP), or a sign-in the portal
 *   refuses; past it, that IP's sign-in paths answer 429 for the rest of the window;
 * - refused sign-ins per IdP account (RATE_LIMIT_SIGNIN_FAILURES_PER_ACCOUNT): an account
 *   that maps to no Odoo contact makes Odoo look-ups at each sign-in; past the limit its
 *   sign-ins are refused before any look-up, from every IP. A sign-in that maps ends the
 *   account's run of failures.
 * Successful sign-ins count only against the ceiling.
 */
export type SignInLimiters = Pick<PortalLimiters, 'signInRequests' | 'signInFailuresByIp' | 'signInFailuresByAccount'>;

export function signInLimits(limiters: SignInLimiters = portalLimiters()) {
  return {
    /** Before any request on a sign-in path: the IP's failures, then the ceiling. */
    async admitRequest(ip: string | null): Promise<LimitOutcome> {
      if (!ip) return unknownAddress();
      const key = ipLimitKey(ip);
      const failures = await limiters.signInFailuresByIp.check(key);
      if (!failures.allowed) return failures;
      return limiters.signInRequests.consume(key);
    },
    /** A sign-in that failed or was refused, counted for its IP and, when known, its account. */
    async recordFailure(who: { ip: string | null; account?: string; reason: string }): Promise<void> {
      log.warn({ ip: who.ip, account: who.account, reason: who.reason }, 'failed sign-in');
      await Promise.all([
        who.ip ? limiters.signInFailuresByIp.consume(ipLimitKey(who.ip)) : undefined,
        who.account ? limiters.signInFailuresByAccount.consume(who.account) : undefined,
      ]);
    },
    /** Whether this IdP account (its `sub`) may complete a sign-in now. */
    accountMaySignIn(account: string): Promise<LimitOutcome> {
      return limiters.signInFailuresByAccount.check(account);
    },
    clearAccountFailures(account: string): Promise<void> {
      return limiters.signInFailuresByAccount.reset(account);
    },
  };
}

/**
 * next-auth's route handlers with failed sign-ins counted: a sign-in or callback request
 * that next-auth answers with its error page (/signin?error=…). `AccessDenied` is the
 * portal's own refusal (auth.ts, signIn callback), which counts itself.
 */
export function countingFailedSignIns<R extends Request, A extends unknown[]>(handler: (req: R, ...rest: A) => Promise<Response>) {
  return async (req: R, ...rest: A): Promise<Response> => {
    const res = await handler(req, ...rest);
    const url = new URL(req.url);
    const error = signInErrorOf(res, url.origin);
    if (countsAsFailedSignIn(req.method, url.pathname, error)) {
      await signInLimits().recordFailure({ ip: clientIp(req.headers), reason: error! });
    }
    return res;
  };
}

/**
 * Whether next-auth's error answer is a failed sign-in: an IdP callback, or the POST that
 * starts a sign-in. A GET of `/api/auth/signin/<provider>` (a bookmark, a crawler) starts
 * nothing (next-auth signs in by POST only) and is not held against the office behind that
 * address; nor is the portal's own refusal, `AccessDenied`, which counts itself.
 */
export function countsAsFailedSignIn(method: string, pathname: string, error: string | null): boolean {
  if (!error || error === 'AccessDenied') return false;
  if (pathname.startsWith('/api/auth/callback/')) return true;
  return pathname.startsWith('/api/auth/signin/') && method === 'POST';
}

/** The `error` of a redirect to the sign-in page, or null for any other answer. */
export function signInErrorOf(res: Response, origin: string): string | null {
  const location = res.headers.get('location');
  if (res.status < 300 || res.status > 399 || !location) return null;
  const url = new URL(location, origin);
  return url.origin === origin && url.pathname === '/signin' ? url.searchParams.get('error') : null;
}

let warnedUnknown = false;
/**
 * No address to limit by: the peer-address hook is not installed in this process (a server
 * other than `next start`) or a request arrived while the server was starting. Such
 * requests are not pooled under one key, which would let one client lock everybody out;
 * the per-account limit still applies, and the log says so once.
 */
function unknownAddress(): LimitOutcome {
  if (!warnedUnknown) {
    warnedUnknown = true;
    log.warn('client address unknown: per-IP sign-in limits skipped for such requests (see TRUSTED_PROXY_HOPS)');
  }
  return { allowed: true };
}
