import { LRUCache } from 'lru-cache';
import { decode, type JWT } from 'next-auth/jwt';
import { processSingleton } from '../process-singleton';
import type { SessionClaims } from './identity';

/**
 * Reads the session cookie that next-auth wrote (an encrypted JWT) for proxy.ts and
 * loadSession. next-auth's own `auth()` decrypts the cookie and encrypts a renewed one on
 * every call, twice per page view (proxy and page): about a third of what a cached page
 * costs the server. Here a cookie is decrypted once and its payload kept while it is unexpired;
 * proxy.ts asks next-auth to renew the cookie only when `renewalDue` says so.
 */

/** next-auth's cookie names: with the __Secure- prefix when the portal is served over HTTPS. */
const COOKIE_NAMES = ['__Secure-authjs.session-token', 'authjs.session-token'] as const;
/** A page load renews the cookie's expiry once it is older than this (rolling sessions). */
const RENEW_AFTER_SECONDS = 5 * 60;

export interface SessionToken {
  /** This sign-in's id, the same in every renewal of its cookie; sign-out revokes it (lib/session/revocation.ts). */
  sid: string;
  claims: SessionClaims;
  /** The support session a staff member acts in, if any (checked against the store per request). */
  acting: string | null;
  /** Seconds since the epoch. */
  expiresAt: number;
}

export type SessionCookie =
  | { status: 'none' }
  /** A cookie that does not decrypt (tampered, another AUTH_SECRET) or has expired: no session. */
  | { status: 'invalid'; cookieNames: string[] }
  | { status: 'valid'; token: SessionToken };

interface CookieJar {
  getAll(): { name: string; value: string }[];
}

/**
 * Decrypted payloads by cookie name and value, one cache for the process (proxy, pages,
 * actions and route handlers). A value that decrypted once is the same token until it expires.
 */
const decrypted = processSingleton('session-token-cache', () => new LRUCache<string, SessionToken>({ max: 10_000 }));

export async function readSessionCookie(jar: CookieJar): Promise<SessionCookie> {
  const cookie = assemble(jar);
  if (!cookie) return { status: 'none' };
  const key = `${cookie.name}\n${cookie.value}`;
  let token = decrypted.get(key);
  if (!token) {
    const payload = await decode({ token: cookie.value, secret: secrets(), salt: cookie.name }).catch(() => null);
    token = payload ? (sessionTokenFromPayload(payload) ?? undefined) : undefined;
    if (!token) return { status: 'invalid', cookieNames: cookie.parts };
    decrypted.set(key, token, { ttl: Math.max(1, token.expiresAt * 1000 - Date.now()) });
  }
  if (token.expiresAt * 1000 <= Date.now()) return { status: 'invalid', cookieNames: cookie.parts };
  return { status: 'valid', token };
}

/** True when the cookie was issued more than RENEW_AFTER_SECONDS ago and should get a new expiry. */
export function renewalDue(token: SessionToken, maxAgeSeconds: number, now = Date.now()): boolean {
  const issuedAt = token.expiresAt - maxAgeSeconds;
  return now / 1000 - issuedAt > RENEW_AFTER_SECONDS;
}

/** The cookie whole, or joined from next-auth's chunks (name.0, name.1, ...) when it was too large for one. */
function assemble(jar: CookieJar): { name: string; value: string; parts: string[] } | null {
  const all = jar.getAll();
  for (const name of COOKIE_NAMES) {
    const whole = all.find((c) => c.name === name);
    if (whole) return { name, value: whole.value, parts: [name] };
    const chunks = all
      .map((c) => ({ c, index: c.name.startsWith(`${name}.`) ? Number(c.name.slice(name.length + 1)) : NaN }))
      .filter((x) => Number.isSafeInteger(x.index))
      .sort((a, b) => a.index - b.index);
    if (chunks.length) return { name, value: chunks.map((x) => x.c.value).join(''), parts: chunks.map((x) => x.c.name) };
  }
  return null;
}

/** The secrets next-auth encrypts with: AUTH_SECRET and, while rotating, AUTH_SECRET_1..3. */
function secrets(): string[] {
  const all = [process.env.AUTH_SECRET_1, process.env.AUTH_SECRET_2, process.env.AUTH_SECRET_3, process.env.AUTH_SECRET];
  return all.filter((s): s is string => Boolean(s));
}

/**
 * The portal's view of a decrypted token; null when it lacks a subject, an expiry or a
 * sign-in id (a cookie whose sign-in could not be ended on the server is no session).
 */
export function sessionTokenFromPayload(payload: JWT): SessionToken | null {
  const claims = payload.claims as SessionClaims | undefined;
  if (typeof claims?.sub !== 'string' || !claims.sub || typeof payload.exp !== 'number') return null;
  if (typeof payload.sid !== 'string' || !payload.sid) return null;
  return { sid: payload.sid, claims, acting: typeof payload.acting === 'string' ? payload.acting : null, expiresAt: payload.exp };
}
