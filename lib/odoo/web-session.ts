import 'server-only';
import type { OdooConfig } from './config';
import { fromOdooPayload, OdooAuthError, type OdooError } from './errors';
import { parseJson, postJson, unavailableFromStatus } from './http';
import { RefusedSignIn } from './refused-sign-in';

/**
 * The integration user's web session (ODOO_LOGIN and ODOO_PASSWORD; Odoo 19 opens none for
 * an API key), one per process and shared by every request: invoice PDFs on Odoo's report
 * routes, and every call when ODOO_PROTOCOL=session. The login has ODOO_TIMEOUT_MS of its own.
 */
export class OdooWebSession {
  private current?: Promise<string>;
  /** The cookie `current` settled to, to tell whether an ended one is still the current one. */
  private settled?: string;
  private readonly refused = new RefusedSignIn();

  constructor(private readonly config: OdooConfig) {}

  /** The `session_id=...` cookie, signing in first when there is none (unless Odoo has just refused the sign-in). */
  cookie(): Promise<string> {
    if (!this.current) {
      const signingIn = this.refused.attempt(() => this.signIn());
      this.current = signingIn;
      signingIn.then(
        (cookie) => this.current === signingIn && (this.settled = cookie),
        () => this.current === signingIn && (this.current = undefined),
      );
    }
    return this.current;
  }

  /** Odoo ended this session (its expiry, a restart of a server that kept sessions in memory): the next cookie() signs in again. */
  ended(cookie: string) {
    // A sign-in still in flight, or one that already replaced this cookie, is left alone.
    if (this.settled !== cookie) return;
    this.current = undefined;
    this.settled = undefined;
  }

  private async signIn(): Promise<string> {
    if (!this.config.password) throw new OdooAuthError('A web session needs ODOO_PASSWORD', 'session');
    const res = await postJson(
      `${this.config.url}/web/session/authenticate`,
      { jsonrpc: '2.0', method: 'call', id: 1, params: { db: this.config.db, login: this.config.login, password: this.config.password } },
      {},
      this.config.timeoutMs,
    );
    if (res.status !== 200) throw unavailableFromStatus(res.status, res.text);
    const json = parseJson(res.text) as { error?: { data?: { name: string; message: string } } } | undefined;
    if (json?.error) throw fromOdooPayload(json.error.data, 'Odoo refused the web session');
    const cookie = /session_id=[^;]+/.exec(res.header('set-cookie') ?? '')?.[0];
    if (!cookie) throw new OdooAuthError('Odoo opened no web session', 'session');
    return cookie;
  }
}

/** Odoo's answer to a call on a session it no longer knows (addons/web, `SessionExpiredException`). */
export function isSessionEnded(err: unknown): boolean {
  return (err as OdooError | undefined)?.odooName === 'odoo.http.SessionExpiredException';
}
