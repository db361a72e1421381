import 'server-only';
import { OdooAuthError } from './errors';

/** The first wait after Odoo refuses the integration user's sign-in, doubled on each refusal after it. */
const FIRST_SIGN_IN_WAIT_MS = 5_000;
/** The longest wait: a corrected setting in Odoo (a new password or API key) is picked up within this. */
const LONGEST_SIGN_IN_WAIT_MS = 300_000;

/** Odoo's names for refused credentials (JSON-RPC's `authenticate` answering no uid is ours). */
const REFUSALS = new Set(['odoo.exceptions.AccessDenied', 'werkzeug.exceptions.Unauthorized', 'authenticate']);

/**
 * Odoo refused the credentials themselves: its AccessDenied (a wrong password or key, on a
 * login or on a call), JSON-2's 401 for a key it does not know, or JSON-RPC's `authenticate`
 * answering no uid. Not a database that does not exist yet, nor Odoo being unreachable, nor
 * an expired web session: those cost Odoo no credential check.
 */
export function isRefusal(err: unknown): err is OdooAuthError {
  return err instanceof OdooAuthError && REFUSALS.has(err.odooName);
}

/**
 * Remembers that Odoo refused the integration user's credentials (a wrong ODOO_PASSWORD or API
 * key), so that requests in the next seconds fail at once with the same error instead of each
 * signing in (or calling) again. Every refusal costs Odoo a password or key hash, and
 * after five of them Odoo refuses even the right password from the portal's address for a
 * minute (`base.login_cooldown_after`), so retrying per request would turn a typo in the
 * settings, or a key revoked while the portal runs, into a load on Odoo and a lock-out.
 * Failures that are not a refusal (Odoo down, a timeout) are not held: the next request tries
 * again. The clock is the monotonic one, so a step of the wall clock does not stretch a wait.
 */
export class RefusedSignIn {
  private refusals = 0;
  private until = 0;
  private error?: OdooAuthError;

  /** Runs `signIn` unless Odoo's last refusal is still held (then fails with it at once), and notes the outcome. */
  async attempt<T>(signIn: () => Promise<T>): Promise<T> {
    if (this.held()) throw this.error!;
    try {
      const signedIn = await signIn();
      this.refusals = 0;
      this.error = undefined;
      return signedIn;
    } catch (err) {
      this.note(err);
      throw err;
    }
  }

  /** Notes a failure of the sign-in, or of a call made with its credentials: a refusal starts (or lengthens) the wait. */
  note(err: unknown): void {
    if (!isRefusal(err)) return;
    // Calls that were in flight together when the key went wrong count as one refusal.
    if (this.held()) return;
    this.refusals++;
    this.error = err;
    this.until = performance.now() + Math.min(FIRST_SIGN_IN_WAIT_MS * 2 ** (this.refusals - 1), LONGEST_SIGN_IN_WAIT_MS);
  }

  private held(): boolean {
    return this.error !== undefined && performance.now() < this.until;
  }
}
