import { afterAll, beforeAll } from 'vitest';
import { OdooGateway, type OdooClient } from '../../lib/odoo/client';
import { OdooSimulator, type SimulatorOptions } from '../../odoo-sim/server';
import type { OdooConfig } from '../../lib/odoo/config';

/** The day the seeded data is relative to in tests, so dates and aging are deterministic. */
export const TEST_TODAY = '2026-11-23';

export async function startSimulator(opts: SimulatorOptions = {}) {
  const sim = new OdooSimulator({ seed: 42, today: TEST_TODAY, ...opts });
  const url = await sim.listen(0);
  // A test's portalContext stands for one request but often serves all the steps of a test,
  // and they share its Odoo time budget: the production default, so a busy machine does not
  // run it out. Tests about timeouts set their own.
  const config = (overrides: Partial<OdooConfig> = {}): OdooConfig => ({
    url,
    db: sim.database,
    login: 'portal-bot',
    apiKey: 'demo-odoo-key',
    protocol: 'auto',
    timeoutMs: 10_000,
    maxConcurrency: 8,
    readRetries: 2,
    ...overrides,
  });
  return { sim, url, config };
}

/**
 * For a test file that talks to the simulator as the integration user: a seeded simulator
 * started before its tests and closed after them, and an Odoo client on it. Read `odoo`
 * inside the tests (it is set once the simulator runs).
 */
export function simulatorClient(): { readonly odoo: OdooClient } {
  let sim: OdooSimulator | undefined;
  const handle = { odoo: undefined as unknown as OdooClient };
  beforeAll(async () => {
    const started = await startSimulator();
    sim = started.sim;
    handle.odoo = new OdooGateway(started.config()).client();
  });
  afterAll(() => sim?.close());
  return handle;
}
