import { decode, encode } from 'next-auth/jwt';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readSessionCookie, renewalDue } from '../../lib/session/session-token';

// decode() as next-auth ships it, counted: a cookie read from the cache is not decrypted again.
vi.mock('next-auth/jwt', async (importOriginal) => {
  const original = await importOriginal<typeof import('next-auth/jwt')>();
  return { ...original, decode: vi.fn(original.decode) };
});

const SECRET = 'unit-test-secret-0123456789-0123456789';
const NAME = 'authjs.session-token';
const claims = { sub: 'idp|bob', email: 'bob@brightline.example', groups: ['portal-buyer'] };
const sid = '5c0e6a2b-1f7d-4c1e-8a51-3d9b2e7f4a60';

const jar = (cookies: Record<string, string>) => ({ getAll: () => Object.entries(cookies).map(([name, value]) => ({ name, value })) });
const token = (payload: Record<string, unknown>, maxAge = 3600, salt = NAME) => encode({ token: payload, secret: SECRET, salt, maxAge });

beforeAll(() => {
  process.env.AUTH_SECRET = SECRET;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('readSessionCookie', () => {
  it('reads the claims and the support session from the cookie next-auth wrote', async () => {
    const value = await token({ claims, sid, acting: '0b9f2f7e-8d52-4d7c-9a3e-2f1d7c1a9b10' });
    const read = await readSessionCookie(jar({ [NAME]: value }));
    expect(read.status).toBe('valid');
    if (read.status !== 'valid') return;
    expect(read.token.claims).toEqual(claims);
    expect(read.token.sid).toBe(sid);
    expect(read.token.acting).toBe('0b9f2f7e-8d52-4d7c-9a3e-2f1d7c1a9b10');
    expect(read.token.expiresAt).toBeGreaterThan(Date.now() / 1000 + 3500);
  });

  it('decrypts a cookie value once: reading it again answers from the cache', async () => {
    const value = await token({ claims, sid: 'cache-test-sign-in' });
    vi.mocked(decode).mockClear();
    const first = await readSessionCookie(jar({ [NAME]: value }));
    expect(first.status).toBe('valid');
    expect(await readSessionCookie(jar({ [NAME]: value }))).toEqual(first);
    expect(await readSessionCookie(jar({ [NAME]: value }))).toEqual(first);
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it('refuses a cached token once it has expired, without decrypting it again', async () => {
    const value = await token({ claims, sid: 'expiry-test-sign-in' }, 120);
    vi.mocked(decode).mockClear();
    expect((await readSessionCookie(jar({ [NAME]: value }))).status).toBe('valid');
    // Only Date moves: the cache keeps the entry, so the expiry check on the cached token is what refuses it.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 121_000 });
    expect(await readSessionCookie(jar({ [NAME]: value }))).toEqual({ status: 'invalid', cookieNames: [NAME] });
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it('joins a cookie that next-auth split into chunks, in chunk order', async () => {
    const value = await token({ claims, sid });
    const cut = Math.floor(value.length / 3);
    const read = await readSessionCookie(
      jar({ [`${NAME}.1`]: value.slice(cut, 2 * cut), [`${NAME}.2`]: value.slice(2 * cut), [`${NAME}.0`]: value.slice(0, cut) }),
    );
    expect(read.status).toBe('valid');
  });

  it('reads the __Secure- cookie, whose name is also its key derivation salt', async () => {
    const value = await token({ claims, sid }, 3600, `__Secure-${NAME}`);
    expect((await readSessionCookie(jar({ [`__Secure-${NAME}`]: value }))).status).toBe('valid');
    // The same value under the other name does not decrypt.
    expect(await readSessionCookie(jar({ [NAME]: value }))).toEqual({ status: 'invalid', cookieNames: [NAME] });
  });

  it('is no session when there is no cookie, when the cookie is tampered, or signed with another secret', async () => {
    expect(await readSessionCookie(jar({ other: 'x' }))).toEqual({ status: 'none' });
    const value = await token({ claims, sid });
    expect((await readSessionCookie(jar({ [NAME]: `${value.slice(0, -4)}AAAA` }))).status).toBe('invalid');
    const foreign = await encode({ token: { claims, sid }, secret: 'another-secret-0123456789-0123456789', salt: NAME });
    expect((await readSessionCookie(jar({ [NAME]: foreign }))).status).toBe('invalid');
  });

  it('is no session when the token has expired or carries no subject', async () => {
    const expired = await token({ claims, sid }, -60);
    expect((await readSessionCookie(jar({ [NAME]: expired }))).status).toBe('invalid');
    const anonymous = await token({ claims: { email: 'x@example.com' }, sid });
    expect((await readSessionCookie(jar({ [NAME]: anonymous }))).status).toBe('invalid');
  });

  it('is no session when the token carries no sign-in id, which sign-out could not revoke', async () => {
    const withoutSid = await token({ claims });
    expect((await readSessionCookie(jar({ [NAME]: withoutSid }))).status).toBe('invalid');
  });

  it('accepts a cookie encrypted with a previous secret while AUTH_SECRET_1 holds it (rotation)', async () => {
    const old = await encode({ token: { claims, sid }, secret: 'previous-secret-0123456789-0123456789', salt: NAME });
    process.env.AUTH_SECRET_1 = 'previous-secret-0123456789-0123456789';
    try {
      expect((await readSessionCookie(jar({ [NAME]: old }))).status).toBe('valid');
    } finally {
      delete process.env.AUTH_SECRET_1;
    }
  });
});

describe('renewalDue', () => {
  const maxAge = 8 * 3600;
  const now = Date.UTC(2026, 10, 23, 12, 0, 0);
  const issuedSecondsAgo = (s: number) => ({ sid, claims, acting: null, expiresAt: now / 1000 - s + maxAge });

  it('renews a cookie older than five minutes, not a fresh one', () => {
    expect(renewalDue(issuedSecondsAgo(10), maxAge, now)).toBe(false);
    expect(renewalDue(issuedSecondsAgo(299), maxAge, now)).toBe(false);
    expect(renewalDue(issuedSecondsAgo(301), maxAge, now)).toBe(true);
    expect(renewalDue(issuedSecondsAgo(4 * 3600), maxAge, now)).toBe(true);
  });
});
