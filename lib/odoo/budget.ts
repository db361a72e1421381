import 'server-only';
import { OdooUnavailableError } from './errors';

/**
 * How long one portal request may wait on Odoo in all: ODOO_TIMEOUT_MS. The clock runs only
 * while at least one of the request's Odoo calls is under way (its attempts, the pauses
 * between retries, the wait for a free connection slot, the one-time version check or login
 * it waits for), so the request's own work in between (the portal store, rendering) does not
 * use it up, and parallel calls use it once, not once each. Every attempt is sent with the
 * time left as its timeout: retries share the budget instead of each getting ODOO_TIMEOUT_MS.
 */
export class TimeBudget {
  /** When the budget runs out if the clock keeps running; set by the first call. */
  private endsAt?: number;
  private running = 0;
  private pausedAt = 0;

  constructor(readonly budgetMs: number) {}

  /** Runs `work` with the clock running. */
  async spend<T>(work: () => Promise<T>): Promise<T> {
    const now = performance.now();
    if (this.endsAt === undefined) this.endsAt = now + this.budgetMs;
    else if (this.running === 0) this.endsAt += now - this.pausedAt; // the pause did not count
    this.running++;
    try {
      return await work();
    } finally {
      if (--this.running === 0) this.pausedAt = performance.now();
    }
  }

  /** Milliseconds left. */
  remainingMs(): number {
    if (this.endsAt === undefined) return this.budgetMs;
    const now = performance.now();
    const endsAt = this.running === 0 ? this.endsAt + (now - this.pausedAt) : this.endsAt;
    return Math.max(0, endsAt - now);
  }

  /** The error of a budget spent: a timeout, as the HTTP layer reports one. */
  expired(): OdooUnavailableError {
    return new OdooUnavailableError(`Odoo did not answer within ${this.budgetMs} ms (ODOO_TIMEOUT_MS)`, 'timeout');
  }

  /** The time left for the next HTTP request, or the timeout error when nothing is left. */
  nextTimeoutMs(): number {
    const left = this.remainingMs();
    if (left <= 0) throw this.expired();
    return left;
  }

  /**
   * `work`'s result, or the timeout error as soon as the budget is spent (call it inside
   * `spend`, where the clock runs). Work still running then is left to end on its own (its
   * HTTP request has the same deadline); a result that arrives too late is handed to
   * `discard` (e.g. a PDF stream to close).
   */
  race<T>(work: Promise<T>, discard?: (late: T) => void): Promise<T> {
    const left = this.remainingMs();
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(this.expired());
      }, left);
    });
    const done = work.then((value) => {
      if (timedOut) discard?.(value);
      return value;
    });
    // Settled either way, the timer goes; a late failure of `work` loses the race unseen.
    void done.finally(() => clearTimeout(timer)).catch(() => {});
    return Promise.race([done, expired]);
  }
}
