import { buffer } from 'node:stream/consumers';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { OdooCallLog } from '../../lib/odoo/call-log';
import { OdooGateway } from '../../lib/odoo/client';
import { odooConfigFromEnv } from '../../lib/odoo/config';
import {
  fromOdooPayload,
  OdooAccessError,
  OdooAuthError,
  OdooMissingError,
  OdooServerError,
  OdooUnavailableError,
  OdooValidationError,
} from '../../lib/odoo/errors';
import type { OdooSimulator } from '../../odoo-sim/server';
import { startSimulator } from '../helpers/odoo-sim';

let sim: OdooSimulator;
let config: Awaited<ReturnType<typeof startSimulator>>['config'];

beforeAll(async () => {
  ({ sim, config } = await startSimulator());
});
afterEach(() => sim.resetFaults());
afterAll(() => sim.close());

describe('error mapping', () => {
  it.each([
    ['odoo.exceptions.AccessError', OdooAccessError],
    ['odoo.exceptions.AccessDenied', OdooAuthError],
    ['werkzeug.exceptions.Unauthorized', OdooAuthError],
    ['odoo.exceptions.MissingError', OdooMissingError],
    ['odoo.exceptions.ValidationError', OdooValidationError],
    ['odoo.exceptions.UserError', OdooValidationError],
    ['builtins.ValueError', OdooServerError],
    ['werkzeug.exceptions.NotFound', OdooServerError],
  ])('maps %s to %s', (name, cls) => {
    const err = fromOdooPayload({ name, message: 'text from Odoo' }, 'fallback');
    expect(err).toBeInstanceOf(cls);
    expect(err.message).toBe('text from Odoo');
  });

  it('treats an unknown database as an authentication problem', () => {
    expect(fromOdooPayload({ name: 'psycopg2.OperationalError', message: 'FATAL:  database "x" does not exist' }, '')).toBeInstanceOf(
      OdooAuthError,
    );
    // A web-session login names it otherwise (recorded from Odoo 19: 07h).
    expect(fromOdooPayload({ name: 'odoo.exceptions.AccessError', message: 'Database not found.' }, '')).toBeInstanceOf(OdooAuthError);
    expect(fromOdooPayload({ name: 'odoo.exceptions.AccessError', message: 'You are not allowed to access this.' }, '')).toBeInstanceOf(
      OdooAccessError,
    );
  });

  it('maps the same Odoo error alike over both protocols', async () => {
    for (const protocol of ['json2', 'jsonrpc'] as const) {
      const client = new OdooGateway(config({ protocol })).client();
      await expect(client.callMethod('sale.order', '_compute_amounts', [1])).rejects.toBeInstanceOf(OdooAccessError);
    }
  });
});

describe('retries', () => {
  it('retries a read that hit a 503 and gives up after the configured attempts', async () => {
    sim.setFaults({ errorRate: 1 });
    const client = new OdooGateway(config({ protocol: 'json2', readRetries: 2 })).client();
    const before = sim.stats.requests;
    await expect(client.searchCount('sale.order', [])).rejects.toBeInstanceOf(OdooUnavailableError);
    expect(sim.stats.requests - before).toBe(3);
  });

  it('never retries a write, even when the server failed', async () => {
    sim.setFaults({ errorRate: 1 });
    const client = new OdooGateway(config({ protocol: 'json2', readRetries: 3 })).client();
    const before = sim.stats.requests;
    await expect(client.create('res.partner', { name: 'Once only' })).rejects.toBeInstanceOf(OdooUnavailableError);
    expect(sim.stats.requests - before).toBe(1);
  });

  it('does not retry an error Odoo raised on purpose', async () => {
    const client = new OdooGateway(config({ protocol: 'jsonrpc', readRetries: 3 })).client();
    await client.searchCount('res.partner', []); // authenticate first
    const before = sim.stats.requests;
    await expect(client.searchRead('sale.order', [], { fields: ['nope'] })).rejects.toBeInstanceOf(OdooServerError);
    expect(sim.stats.requests - before).toBe(1);
  });

  it('recovers by itself once Odoo is back', async () => {
    const client = new OdooGateway(config({ protocol: 'json2', readRetries: 0 })).client();
    sim.setFaults({ outage: true });
    await expect(client.searchCount('sale.order', [])).rejects.toMatchObject({ reason: 'network' });
    sim.resetFaults();
    expect(await client.searchCount('sale.order', [])).toBeGreaterThan(0);
  });
});

describe('timeouts and the concurrency cap', () => {
  it('gives up on a call slower than the timeout with a timeout error', async () => {
    sim.setFaults({ latencyMs: 400 });
    const client = new OdooGateway(config({ protocol: 'json2', timeoutMs: 100, readRetries: 0 })).client();
    await expect(client.searchCount('sale.order', [])).rejects.toMatchObject({ constructor: OdooUnavailableError, reason: 'timeout' });
  });

  it('never has more calls in flight than the cap', async () => {
    sim.setFaults({ latencyMs: 30 });
    sim.stats.maxInFlight = 0;
    const client = new OdooGateway(config({ protocol: 'json2', maxConcurrency: 2 })).client();
    await Promise.all(Array.from({ length: 8 }, () => client.searchCount('res.partner', [])));
    expect(sim.stats.maxInFlight).toBe(2);
  });

  it('counts calls and waiting time per request', async () => {
    const log = new OdooCallLog('req-1');
    const client = new OdooGateway(config({ protocol: 'json2' })).client(log);
    await client.searchCount('sale.order', []);
    await client.searchCount('account.move', []);
    expect(log.calls).toBe(2);
    expect(log.ms).toBeGreaterThan(0);
    expect(log.serverTiming()).toMatch(/^odoo;dur=[\d.]+;desc="2 calls"$/);
  });
});

describe('protocol choice', () => {
  it('speaks JSON-RPC to an Odoo 17 server in auto mode', async () => {
    const { sim: old, config: oldConfig } = await startSimulator({ version: 17 });
    try {
      const gateway = new OdooGateway(oldConfig({ protocol: 'auto' }));
      expect(await gateway.client().searchCount('res.partner', [['is_company', '=', true]])).toBeGreaterThan(3);
      expect((await gateway.getTransport()).protocol).toBe('jsonrpc');
      expect(old.stats.byRoute.get('/json/:id/sale.order/search_count')).toBeUndefined();
    } finally {
      await old.close();
    }
  });

  it('calls through the integration user’s web session with ODOO_PROTOCOL=session: the same answers, one sign-in', async () => {
    const viaKey = new OdooGateway(config({ protocol: 'json2' })).client();
    const gateway = new OdooGateway(config({ protocol: 'session', password: 'demo-odoo-key' }));
    const viaSession = gateway.client();
    const logins = sim.stats.byRoute.get('/web/session/authenticate') ?? 0;
    const calls = sim.stats.byRoute.get('/web/dataset/call_kw/sale.order/search_read') ?? 0;
    const read = (client: typeof viaKey) =>
      client.searchRead('sale.order', [['state', '=', 'sale']], { fields: ['name', 'partner_id', 'amount_total'], limit: 5, order: 'id' });
    const [a, b] = await Promise.all([read(viaKey), read(viaSession)]);
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(0);
    await Promise.all([read(viaSession), viaSession.searchCount('res.partner', [])]);
    expect((await gateway.getTransport()).protocol).toBe('session');
    expect(sim.stats.byRoute.get('/web/session/authenticate')).toBe(logins + 1);
    expect(sim.stats.byRoute.get('/web/dataset/call_kw/sale.order/search_read')).toBe(calls + 2);
    // A create goes positionally, as Odoo's call_kw wants it.
    const id = await viaSession.create('res.partner', { name: 'Created through the session' });
    expect((await viaKey.searchRead('res.partner', [['id', '=', id]], { fields: ['name'] }))[0]!.name).toBe('Created through the session');
  });

  it('signs in again, once, when Odoo has ended the session, and sends a write once', async () => {
    const client = new OdooGateway(config({ protocol: 'session', password: 'demo-odoo-key' })).client();
    sim.setFaults({ sessionTtlMs: 60_000 });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      await client.searchCount('res.partner', []);
      vi.setSystemTime(Date.now() + 60_001); // the session has expired on Odoo's side
      const logins = sim.stats.byRoute.get('/web/session/authenticate') ?? 0;
      const writes = sim.stats.byRoute.get('/web/dataset/call_kw/res.partner/create') ?? 0;
      const id = await client.create('res.partner', { name: 'Created after the session ended' });
      expect(await client.searchCount('res.partner', [['name', '=', 'Created after the session ended']])).toBe(1);
      expect(id).toBeGreaterThan(0);
      expect(sim.stats.byRoute.get('/web/session/authenticate')).toBe(logins + 1);
      // Refused before it ran, then sent again: two requests, one partner.
      expect(sim.stats.byRoute.get('/web/dataset/call_kw/res.partner/create')).toBe(writes + 2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses ODOO_PROTOCOL=session without ODOO_PASSWORD, and a wrong password as an authentication error', async () => {
    expect(() => odooConfigFromEnv({ NODE_ENV: 'test', ODOO_PROTOCOL: 'session' })).toThrow(/ODOO_PASSWORD/);
    expect(odooConfigFromEnv({ NODE_ENV: 'test', ODOO_PROTOCOL: 'session', ODOO_PASSWORD: 'x' }).protocol).toBe('session');
    const client = new OdooGateway(config({ protocol: 'session', password: 'not-the-password' })).client();
    await expect(client.searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooAuthError);
  });

  it('does not sign in again while Odoo has just refused the password, and waits longer after each refusal', async () => {
    const client = new OdooGateway(config({ protocol: 'session', password: 'not-the-password' })).client();
    const logins = () => sim.stats.byRoute.get('/web/session/authenticate') ?? 0;
    // The wait runs on the monotonic clock; faked, it moves only when the test moves it.
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const before = logins();
      await expect(client.searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooAuthError);
      expect(logins()).toBe(before + 1);
      // Within the first 5 s every request fails at once with the same error, and Odoo hears nothing.
      for (let i = 0; i < 5; i++) await expect(client.searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooAuthError);
      vi.advanceTimersByTime(4_900);
      await expect(client.searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooAuthError);
      expect(logins()).toBe(before + 1);
      // After it, one request tries again; refused again, the wait doubles to 10 s.
      vi.advanceTimersByTime(200);
      await expect(client.searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooAuthError);
      expect(logins()).toBe(before + 2);
      vi.advanceTimersByTime(9_000);
      await expect(client.searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooAuthError);
      expect(logins()).toBe(before + 2);
      vi.advanceTimersByTime(1_100);
      await expect(client.searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooAuthError);
      expect(logins()).toBe(before + 3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('holds a key Odoo refuses on a call after the login (revoked while running) like a refused login', async () => {
    const { sim: old, config: oldConfig } = await startSimulator({ version: 17 });
    const requests = () => old.stats.byRoute.get('/jsonrpc') ?? 0;
    old.addCredentials('revocable', 3, 'revocable-password', ['revocable-key']);
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const client = new OdooGateway(oldConfig({ protocol: 'jsonrpc', login: 'revocable', apiKey: 'revocable-key' })).client();
      expect(await client.searchCount('res.partner', [['is_company', '=', true]])).toBeGreaterThan(3);
      old.addCredentials('revocable', 3, 'revocable-password', []); // the key is revoked in Odoo
      const before = requests();
      await expect(client.searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooAuthError);
      expect(requests()).toBe(before + 1);
      await expect(client.searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooAuthError);
      expect(requests()).toBe(before + 1);
      // A new key in Odoo is picked up when the wait ends: one login, then the call.
      old.addCredentials('revocable', 3, 'revocable-password', ['revocable-key']);
      vi.advanceTimersByTime(5_100);
      expect(await client.searchCount('res.partner', [['is_company', '=', true]])).toBeGreaterThan(3);
      expect(requests()).toBe(before + 3);
    } finally {
      vi.useRealTimers();
      await old.close();
    }
  });

  it('holds a JSON-2 key Odoo does not know, and calls refused together count as one refusal', async () => {
    const client = new OdooGateway(config({ protocol: 'json2', apiKey: 'not-the-key', readRetries: 0 })).client();
    const calls = () => sim.stats.byRoute.get('/json/:id/res.partner/search_count') ?? 0;
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const before = calls();
      const together = await Promise.allSettled(Array.from({ length: 4 }, () => client.searchCount('res.partner', [])));
      expect(together.every((r) => r.status === 'rejected' && r.reason instanceof OdooAuthError)).toBe(true);
      const sent = calls() - before;
      expect(sent).toBeGreaterThanOrEqual(1);
      await expect(client.searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooAuthError);
      expect(calls()).toBe(before + sent);
      // One refusal so far, whatever was in flight: the first wait is 5 s, not 5 s doubled per call.
      vi.advanceTimersByTime(5_100);
      await expect(client.searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooAuthError);
      expect(calls()).toBe(before + sent + 1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not hold a database that does not exist: it may be created or restored at any moment', async () => {
    const client = new OdooGateway(config({ protocol: 'session', password: 'demo-odoo-key', db: 'not-yet-there' })).client();
    const logins = () => sim.stats.byRoute.get('/web/session/authenticate') ?? 0;
    const before = logins();
    await expect(client.searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooAuthError);
    await expect(client.searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooAuthError);
    expect(logins()).toBe(before + 2);
  });

  it('holds a refused JSON-RPC login alike, and a sign-in that did not reach Odoo is tried again at once', async () => {
    const { sim: old, config: oldConfig } = await startSimulator({ version: 17 });
    const logins = () => old.stats.byRoute.get('/jsonrpc') ?? 0;
    try {
      const refused = new OdooGateway(oldConfig({ protocol: 'jsonrpc', apiKey: 'not-the-key' })).client();
      await expect(refused.searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooAuthError);
      const after = logins();
      await expect(refused.searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooAuthError);
      expect(logins()).toBe(after);

      // Odoo down is not a refusal: once it is back, the next request signs in.
      const client = new OdooGateway(oldConfig({ protocol: 'jsonrpc', readRetries: 0 })).client();
      old.setFaults({ outage: true });
      await expect(client.searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooUnavailableError);
      old.resetFaults();
      expect(await client.searchCount('res.partner', [['is_company', '=', true]])).toBeGreaterThan(3);
    } finally {
      await old.close();
    }
  });

  it('renews an expired web session for the invoice PDF', async () => {
    const client = new OdooGateway(config({ protocol: 'json2', password: 'demo-odoo-key' })).client();
    sim.setFaults({ sessionTtlMs: 60_000 });
    // The simulator runs in this process and ends its sessions by Date: moving Date expires the session, no waiting.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const first = await client.invoicePdf(1, false);
      first.body.destroy();
      vi.setSystemTime(Date.now() + 60_001); // the session has expired on Odoo's side
      const logins = sim.stats.byRoute.get('/web/session/authenticate') ?? 0;
      const second = await client.invoicePdf(1, false);
      expect((await buffer(second.body)).subarray(0, 5).toString()).toBe('%PDF-');
      expect(sim.stats.byRoute.get('/web/session/authenticate')).toBe(logins + 1);
    } finally {
      vi.useRealTimers();
    }
  });
});
