import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../lib/rate-limit';
import { countsAsFailedSignIn, signInErrorOf, signInLimits, type SignInLimiters } from '../../lib/sign-in-limits';

/** The default limits, in this process's memory. */
function limits(opts: { ceiling?: number; failuresPerIp?: number; failuresPerAccount?: number } = {}) {
  const name = Math.random().toString(36).slice(2);
  const limiters: SignInLimiters = {
    signInRequests: createLimiter({ name: `${name}-req`, points: opts.ceiling ?? 300, durationSeconds: 60, failMode: 'open' }),
    signInFailuresByIp: createLimiter({ name: `${name}-fip`, points: opts.failuresPerIp ?? 30, durationSeconds: 900, failMode: 'open' }),
    signInFailuresByAccount: createLimiter({
      name: `${name}-facc`,
      points: opts.failuresPerAccount ?? 5,
      durationSeconds: 900,
      failMode: 'open',
    }),
  };
  return signInLimits(limiters);
}

/** A sign-in as the portal sees it: the sign-in page, the post that redirects to the IdP, the callback. */
async function signInFlow(l: ReturnType<typeof limits>, ip: string) {
  for (let i = 0; i < 3; i++) if (!(await l.admitRequest(ip)).allowed) return false;
  return true;
}

describe('sign-in limits', () => {
  it('let a whole office behind one address sign in: 60 sign-ins in a minute from one IP', async () => {
    const l = limits();
    const results = [];
    for (let i = 0; i < 60; i++) results.push(await signInFlow(l, '203.0.113.7'));
    expect(results.every(Boolean)).toBe(true);
  });

  it('keep a per-IP ceiling against floods, one IP at a time', async () => {
    const l = limits({ ceiling: 10 });
    for (let i = 0; i < 10; i++) expect((await l.admitRequest('203.0.113.7')).allowed).toBe(true);
    expect(await l.admitRequest('203.0.113.7')).toMatchObject({ allowed: false, reason: 'limit' });
    expect((await l.admitRequest('203.0.113.8')).allowed).toBe(true);
  });

  it('shut the sign-in paths of an IP that failed too often, and only that IP', async () => {
    const l = limits({ failuresPerIp: 3 });
    for (let i = 0; i < 3; i++) {
      expect((await l.admitRequest('198.51.100.1')).allowed).toBe(true);
      await l.recordFailure({ ip: '198.51.100.1', reason: 'InvalidCheck' });
    }
    const refused = await l.admitRequest('198.51.100.1');
    expect(refused).toMatchObject({ allowed: false, reason: 'limit' });
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThan(60);
    expect((await l.admitRequest('198.51.100.2')).allowed).toBe(true);
  });

  it('count an IPv6 /64 as one address', async () => {
    const l = limits({ failuresPerIp: 2 });
    await l.recordFailure({ ip: '2001:db8:1:2::a', reason: 'x' });
    await l.recordFailure({ ip: '2001:db8:1:2::b', reason: 'x' });
    expect((await l.admitRequest('2001:db8:1:2::c')).allowed).toBe(false);
    expect((await l.admitRequest('2001:db8:1:3::c')).allowed).toBe(true);
  });

  it('refuse an account after its failed sign-ins, from any IP, until a sign-in maps', async () => {
    const l = limits({ failuresPerAccount: 5 });
    for (let i = 0; i < 5; i++) {
      expect((await l.accountMaySignIn('idp-sub-nobody')).allowed).toBe(true);
      await l.recordFailure({ ip: `192.0.2.${i}`, account: 'idp-sub-nobody', reason: 'not linked' });
    }
    expect((await l.accountMaySignIn('idp-sub-nobody')).allowed).toBe(false);
    expect((await l.accountMaySignIn('idp-sub-bob')).allowed).toBe(true);
    // Five different addresses: none of them is over its own limit.
    expect((await l.admitRequest('192.0.2.0')).allowed).toBe(true);
    await l.clearAccountFailures('idp-sub-nobody');
    expect((await l.accountMaySignIn('idp-sub-nobody')).allowed).toBe(true);
  });

  it('do not pool requests without an address under one key', async () => {
    const l = limits({ ceiling: 1, failuresPerIp: 1 });
    await l.recordFailure({ ip: null, reason: 'x' });
    for (let i = 0; i < 3; i++) expect((await l.admitRequest(null)).allowed).toBe(true);
  });

  it('count an IdP callback or a sign-in POST that failed, not a GET of the sign-in path nor the portal’s own refusal', () => {
    expect(countsAsFailedSignIn('GET', '/api/auth/callback/oidc', 'Configuration')).toBe(true);
    expect(countsAsFailedSignIn('POST', '/api/auth/signin/oidc', 'Configuration')).toBe(true);
    expect(countsAsFailedSignIn('GET', '/api/auth/signin/oidc', 'Configuration')).toBe(false);
    expect(countsAsFailedSignIn('GET', '/api/auth/callback/oidc', 'AccessDenied')).toBe(false);
    expect(countsAsFailedSignIn('GET', '/api/auth/callback/oidc', null)).toBe(false);
    expect(countsAsFailedSignIn('POST', '/api/auth/signout', 'Configuration')).toBe(false);
  });

  it("recognise next-auth's error page among its answers", () => {
    const origin = 'http://portal.test';
    const redirect = (to: string, status = 302) => new Response(null, { status, headers: { Location: to } });
    expect(signInErrorOf(redirect(`${origin}/signin?error=Configuration`), origin)).toBe('Configuration');
    expect(signInErrorOf(redirect('/signin?error=AccessDenied'), origin)).toBe('AccessDenied');
    expect(signInErrorOf(redirect(`${origin}/orders`), origin)).toBeNull();
    expect(signInErrorOf(redirect('https://idp.test/auth?state=x'), origin)).toBeNull();
    expect(signInErrorOf(new Response('ok'), origin)).toBeNull();
  });
});
