import { beforeAll, describe, expect, it } from 'vitest';
import { JsonRpcTransport } from '../../lib/odoo/transport';
import { OdooGateway, type OdooClient } from '../../lib/odoo/client';
import { odooConfigFromEnv, type OdooConfig } from '../../lib/odoo/config';
import { TimeBudget } from '../../lib/odoo/budget';
import { ensureIntegrationUser, PasswordUnknownError } from '../../scripts/odoo-prepare/prepare';

/**
 * `npm run odoo:prepare` against a REAL Odoo (ODOO_* of an administrator, as
 * webhook-cache.test.ts): a second run that knows no working password of an existing
 * integration user leaves its password alone unless told to reset it, so a portal already
 * signed in as that user keeps working. Uses a login of its own.
 */
const configured = !!process.env.ODOO_URL && !!process.env.ODOO_API_KEY;
if (!configured) console.log('[real-odoo] odoo:prepare test skipped: no real Odoo configured (ODOO_* of an Odoo administrator).');

const LOGIN = 'portal-prepare-test';
let admin: OdooClient;
let config: OdooConfig;
let major = 0;

/** Whether this password signs the user in over JSON-RPC. */
async function signsIn(password: string): Promise<boolean> {
  try {
    await new JsonRpcTransport({ ...config, login: LOGIN, apiKey: password, readRetries: 0 }).execute(
      { model: 'res.users', method: 'search_count', params: { domain: [['id', '=', 0]] } },
      new TimeBudget(config.timeoutMs),
    );
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  if (!configured) return;
  config = { ...odooConfigFromEnv(), timeoutMs: 60_000 };
  const gateway = new OdooGateway(config);
  admin = gateway.client();
  major = await gateway.serverMajor();
});

describe.runIf(configured)('odoo:prepare and an integration user that already exists (real Odoo)', () => {
  it('keeps a working password, refuses to replace an unknown one unless told, and resets it when told', async () => {
    // The user as a first portal prepared it (reset: this test may have run before).
    const first = await ensureIntegrationUser(admin, config, major, { login: LOGIN, resetPassword: true });
    expect(await signsIn(first.password)).toBe(true);

    // Run again with that portal's settings: the same password and key.
    const again = await ensureIntegrationUser(admin, config, major, {
      login: LOGIN,
      previous: { password: first.password, apiKey: first.apiKey },
    });
    expect(again.password).toBe(first.password);
    expect(again.apiKey).toBe(first.apiKey);

    // A saved key Odoo does not know, or another user's: a new key of this user's own.
    for (const apiKey of ['not-a-key', process.env.ODOO_API_KEY!]) {
      const renewed = await ensureIntegrationUser(admin, config, major, { login: LOGIN, previous: { password: first.password, apiKey } });
      expect(renewed.apiKey).not.toBe(apiKey);
      expect(renewed.password).toBe(first.password);
    }

    // A second clone without those settings: refused, and the first portal's password still works.
    await expect(ensureIntegrationUser(admin, config, major, { login: LOGIN })).rejects.toBeInstanceOf(PasswordUnknownError);
    await expect(ensureIntegrationUser(admin, config, major, { login: LOGIN, previous: { password: 'not-the-password' } })).rejects.toThrow(
      /--reset-password/,
    );
    expect(await signsIn(first.password)).toBe(true);

    // Told to reset: a new password that signs in, and the old one no longer does.
    const reset = await ensureIntegrationUser(admin, config, major, { login: LOGIN, resetPassword: true });
    expect(reset.password).not.toBe(first.password);
    expect(await signsIn(reset.password)).toBe(true);
    expect(await signsIn(first.password)).toBe(false);
  });
});
