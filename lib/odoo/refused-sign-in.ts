import 'server-only';
import { OdooAuthError } from './errors';

/** The first wait after Odoo refuses the integration user's sign-in, doubled on each refusal after it. */
export const FIRST_SIGN_IN_WAIT_MS = 5_000;
/** The longest wait: a corrected setting in Odoo (a new password or API key) is picked up within this. */
export const LONGEST_SIGN_IN_WAIT_MS = 300_000;

/**
 * Remembers that Odoo refused the integration user's sign-in (a wrong ODOO_PASSWORD or API
 * key), so that requests in the next seconds fail at once with the same error instead of each
 * signing in again. Every refused sign-in costs Odoo a password hash (about 0.85 s of its
 * CPU), and after five of them Odoo refuses even the right password from the portal's
 * address for a minute (`base.login_cooldown_after`), so retrying per request would turn a
 * typo in the settings into a load on Odoo and a lock-out. Failures that are not a refusal
 * (Odoo down, a timeout) are not held: the next request tries again.
 */
export class RefusedSignIn {
  private refusals = 0;
  private until = 0;
  private error?: OdooAuthError;

  /** Runs `signIn` unless Odoo's last refusal is still held (then fails with it at once), and notes the outcome. */
  async attempt<T>(signIn: () => Promise<T>): Promise<T> {
    if (this.error && Date.now() < this.until) throw this.error;
    try {
      const signedIn = await signIn();
      this.refusals = 0;
      this.error = undefined;
      return signedIn;
    } catch (err) {
      if (err instanceof OdooAuthError) {
        this.refusals++;
        this.error = err;
        this.until = Date.now() + Math.min(FIRST_SIGN_IN_WAIT_MS * 2 ** (this.refusals - 1), LONGEST_SIGN_IN_WAIT_MS);
      }
      throw err;
    }
  }
}
