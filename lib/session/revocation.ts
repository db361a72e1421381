import 'server-only';
import { portalConfig } from '../config';
import { portalDb, type Sql } from '../db/sql';
import { processSingleton } from '../process-singleton';

/**
 * Sign-out that holds on the server. The session cookie is a self-contained encrypted
 * token: clearing it in the browser leaves every copy of it working until it expires. So
 * each sign-in carries an id (`sid`, given in auth.ts) and signing out writes that id to
 * the portal store; loading a session, and next-auth renewing or updating the cookie,
 * refuse a revoked id.
 *
 * Answers are kept in this process so that a request does not wait on the store: a
 * sign-out made in this process applies to the very next request; a "not revoked" answer
 * is asked again after `recheckSeconds` (SESSION_REVOCATION_CHECK_SECONDS), the longest a
 * sign-out on another instance sharing the store takes to apply here.
 */
export interface RevocationOptions {
  recheckSeconds: number;
  /** SESSION_MAX_AGE_SECONDS: a cookie issued before the sign-out expires within it. */
  maxAgeSeconds: number;
  now?: () => number;
  maxEntries?: number;
}

/**
 * A revoked id is kept this much past the session lifetime: while another instance still
 * trusts its cached "not revoked" answer it may renew a copied cookie once more.
 */
const MARGIN_SECONDS = 300;

export class SignInRevocations {
  private readonly known = new Map<string, { revoked: boolean; until: number }>();
  private readonly now: () => number;

  constructor(
    private readonly store: () => Promise<Sql>,
    private readonly opts: RevocationOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  async isRevoked(sid: string): Promise<boolean> {
    const hit = this.known.get(sid);
    if (hit && hit.until > this.now()) return hit.revoked;
    const db = await this.store();
    const [row] = await db.query<{ expires_at: Date | string }>('SELECT expires_at FROM revoked_sign_ins WHERE sid = $1', [sid]);
    if (row) this.remember(sid, true, new Date(row.expires_at).getTime());
    else if (this.opts.recheckSeconds > 0) this.remember(sid, false, this.now() + this.opts.recheckSeconds * 1000);
    return Boolean(row);
  }

  /** Ends the sign-in `sid` for good: refused here from now on, on other instances within `recheckSeconds`. */
  async revoke(sid: string, sub: string): Promise<void> {
    const until = this.now() + (this.opts.maxAgeSeconds + this.opts.recheckSeconds + MARGIN_SECONDS) * 1000;
    const db = await this.store();
    await db.query(
      `INSERT INTO revoked_sign_ins (sid, sub, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (sid) DO UPDATE SET expires_at = GREATEST(revoked_sign_ins.expires_at, EXCLUDED.expires_at)`,
      [sid, sub, new Date(until)],
    );
    this.remember(sid, true, until);
    // Ids past their time hold no cookie that could still be valid.
    await db.query('DELETE FROM revoked_sign_ins WHERE expires_at < $1', [new Date(this.now())]);
  }

  private remember(sid: string, revoked: boolean, until: number) {
    this.known.delete(sid);
    this.known.set(sid, { revoked, until });
    // A Map iterates in insertion order: drop the oldest answers past the bound.
    const max = this.opts.maxEntries ?? 100_000;
    for (const key of this.known.keys()) {
      if (this.known.size <= max) break;
      this.known.delete(key);
    }
  }
}

/** The process's revocation list (lib/process-singleton.ts: one for pages, actions, route handlers and the proxy). */
export function signInRevocations(): SignInRevocations {
  return processSingleton('sign-in-revocations', () => {
    const c = portalConfig();
    return new SignInRevocations(portalDb, {
      recheckSeconds: c.SESSION_REVOCATION_CHECK_SECONDS,
      maxAgeSeconds: c.SESSION_MAX_AGE_SECONDS,
    });
  });
}
