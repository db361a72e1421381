import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '../../app/api/odoo-webhook/route';
import { OdooGateway } from '../../lib/odoo/client';
import { createCacheBus, setCacheBus } from '../../lib/portal/cache-bus';
import { getOrder } from '../../lib/portal/orders';
import { setTenantReadCache, TenantReadCache } from '../../lib/portal/read-cache';
import type { OdooClient } from '../../lib/odoo';
import { identityResolver } from '../../lib/session/identity';
import { REPLAY_WINDOW_SECONDS, signWebhook, verifyWebhook, webhookUrlToken } from '../../lib/webhook-auth';
import type { OdooSimulator } from '../../odoo-sim/server';
import { SEED_IDS } from '../../odoo-sim/seed';
import { markPeerAddressHookInstalled, PEER_ADDRESS_HEADER } from '../../lib/http/client-ip';
import { startSimulator } from '../helpers/odoo-sim';
import { portalContext } from '../helpers/portal-context';

const SECRET = 'test-webhook-secret-0123456789-abcdefghijkl';
let sim: OdooSimulator;
let gateway: OdooGateway;

beforeAll(async () => {
  const started = await startSimulator();
  sim = started.sim;
  gateway = new OdooGateway(started.config());
  // The route reads its settings and its Odoo gateway from the environment on first use.
  Object.assign(process.env, {
    ODOO_WEBHOOK_SECRET: SECRET,
    ODOO_URL: started.url,
    ODOO_DB: sim.database,
    ODOO_LOGIN: 'portal-bot',
    ODOO_API_KEY: 'demo-odoo-key',
    RATE_LIMIT_WEBHOOK_FAILURES_PER_IP: '3',
  });
  // As `next start` does (instrumentation.ts): the peer address header is the socket's.
  markPeerAddressHookInstalled();
  const cache = new TenantReadCache(60_000);
  setTenantReadCache(cache);
  setCacheBus(createCacheBus(cache));
});
afterAll(async () => {
  setTenantReadCache(new TenantReadCache(0));
  await sim.close();
});

const post = (body: string, headers: Record<string, string> = {}, query = '') =>
  POST(
    new Request(`http://portal.test/api/odoo-webhook${query}`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', ...headers },
    }),
  );

async function aOrder() {
  const [order] = await gateway.client().searchRead('sale.order', [['partner_id', 'child_of', [SEED_IDS.customers.A]]], {
    fields: ['partner_id', 'client_order_ref'],
    limit: 1,
    order: 'id',
  });
  return order!;
}

describe('webhook signatures', () => {
  const now = 1_800_000_000;
  const body = '{"model":"sale.order","ids":[1]}';
  const check = (headers: Record<string, string>, at = now, secret: string | null = SECRET, rawBody = body) =>
    verifyWebhook(
      secret ?? undefined,
      {
        rawBody,
        timestamp: headers['X-Portal-Timestamp'] ?? null,
        signature: headers['X-Portal-Signature'] ?? null,
        urlToken: headers.token ?? null,
      },
      at,
    );

  it('accepts a body signed with the secret within the replay window', () => {
    expect(check(signWebhook(SECRET, body, now))).toEqual({ ok: true, via: 'signature' });
    expect(check(signWebhook(SECRET, body, now - REPLAY_WINDOW_SECONDS))).toEqual({ ok: true, via: 'signature' });
  });

  it('refuses another secret, a changed body, an old or future timestamp, and anything without a secret configured', () => {
    expect(check(signWebhook('another-secret-0123456789-abcdefghijklmn', body, now))).toEqual({ ok: false, reason: 'bad-signature' });
    expect(check(signWebhook(SECRET, body, now), now, SECRET, '{"model":"sale.order","ids":[2]}')).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(check(signWebhook(SECRET, body, now - REPLAY_WINDOW_SECONDS - 1))).toEqual({ ok: false, reason: 'stale-timestamp' });
    expect(check(signWebhook(SECRET, body, now + REPLAY_WINDOW_SECONDS + 1))).toEqual({ ok: false, reason: 'stale-timestamp' });
    expect(check({ ...signWebhook(SECRET, body, now), 'X-Portal-Signature': 'sha256=zz' })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(check(signWebhook(SECRET, body, now), now, null)).toEqual({ ok: false, reason: 'no-secret' });
    expect(check({})).toEqual({ ok: false, reason: 'missing' });
  });

  it('accepts Odoo’s URL token, derived from the secret (the secret itself is no token)', () => {
    expect(check({ token: webhookUrlToken(SECRET) })).toEqual({ ok: true, via: 'url-token' });
    expect(check({ token: SECRET })).toEqual({ ok: false, reason: 'bad-token' });
    expect(check({ token: webhookUrlToken('another-secret-0123456789-abcdefghijklmn') })).toEqual({ ok: false, reason: 'bad-token' });
  });
});

describe('POST /api/odoo-webhook', () => {
  it('refuses a bad signature and an old timestamp with 401, and changes nothing', async () => {
    const order = await aOrder();
    await getOrder(portalContext(gateway, 'bobA'), order.id);
    sim.store.update('sale.order', order.id, { client_order_ref: 'PO-NOT-YET' });
    const body = JSON.stringify({ model: 'sale.order', ids: [order.id] });
    const forged = await post(body, signWebhook('forged-secret-0123456789-abcdefghijklmn', body));
    expect(forged.status).toBe(401);
    expect((await forged.json()).error.code).toBe('unauthenticated');
    const replayed = await post(body, signWebhook(SECRET, body, Math.floor(Date.now() / 1000) - REPLAY_WINDOW_SECONDS - 60));
    expect(replayed.status).toBe(401);
    expect((await post(body, {}, '?token=wrong')).status).toBe(401);
    expect((await getOrder(portalContext(gateway, 'bobA'), order.id))!.poReference).not.toBe('PO-NOT-YET');
  });

  it('answers 429 to an address’s failing calls past 3 (bad signatures, bodies too large), while its signed calls go through', async () => {
    const body = JSON.stringify({ model: 'sale.order', ids: [(await aOrder()).id] });
    const from = (ip: string, headers: Record<string, string>, raw = body) => post(raw, { [PEER_ADDRESS_HEADER]: ip, ...headers });
    expect((await from('203.0.113.7', {}, 'x'.repeat(65 * 1024))).status).toBe(400);
    for (let i = 0; i < 2; i++) expect((await from('203.0.113.7', { 'X-Portal-Signature': `sha256=${i}` })).status).toBe(401);
    const limited = await from('203.0.113.7', { 'X-Portal-Signature': 'sha256=again' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(800);
    expect((await limited.json()).error.code).toBe('rate_limited');
    // Odoo's own signed notifications from that address still count.
    expect((await from('203.0.113.7', signWebhook(SECRET, body))).status).toBe(200);
    expect((await from('203.0.113.7', {}, '')).status).toBe(429);
    expect((await from('203.0.113.8', { 'X-Portal-Signature': 'sha256=other' })).status).toBe(401);
  });

  it('answers 400 to a body that names no known model or record', async () => {
    for (const body of [
      'not json',
      '{}',
      '{"model":"res.users","ids":[1]}',
      '{"_model":"sale.order","_id":-1}',
      JSON.stringify({ model: 'sale.order', ids: [] }),
    ]) {
      const res = await post(body, signWebhook(SECRET, body));
      expect(res.status, body).toBe(400);
    }
  });

  it('makes the next read fresh: a signed call, then Odoo’s own call with the URL token', async () => {
    const order = await aOrder();
    const ctx = () => portalContext(gateway, 'bobA');
    await getOrder(ctx(), order.id);
    sim.store.update('sale.order', order.id, { client_order_ref: 'PO-SIGNED' });
    const body = JSON.stringify({ model: 'sale.order', ids: [order.id] });
    const signed = await post(body, signWebhook(SECRET, body));
    expect(signed.status).toBe(200);
    expect(await signed.json()).toEqual({ ok: true, model: 'sale.order', tenants: [SEED_IDS.customers.A] });
    expect((await getOrder(ctx(), order.id))!.poReference).toBe('PO-SIGNED');

    sim.store.update('sale.order', order.id, { client_order_ref: 'PO-FROM-ODOO' });
    const odooBody = JSON.stringify({
      _action: 'Portal cache: sale.order(#7)',
      _id: order.id,
      _model: 'sale.order',
      partner_id: (order.partner_id as [number, string])[0],
    });
    const fromOdoo = await post(odooBody, {}, `?token=${webhookUrlToken(SECRET)}`);
    expect(fromOdoo.status).toBe(200);
    expect((await getOrder(ctx(), order.id))!.poReference).toBe('PO-FROM-ODOO');
  });
});

describe('a contact changed in Odoo', () => {
  const victor = { sub: 'victor', email: 'victor@brightline.example', emailVerified: true };
  const bob = { sub: 'bob', email: 'bob@brightline.example', emailVerified: true };
  const { A, B } = SEED_IDS.customers;
  const tenantOf = async (client: OdooClient, claims: typeof victor) => {
    const identity = await identityResolver().resolve(client, claims);
    return identity.kind === 'customer' ? identity.tenant.id : identity.kind;
  };
  /** A client that fails every call: what it answers came from the mapping cache. */
  const noOdoo = new Proxy({} as OdooClient, {
    get: () => () => Promise.reject(new Error('asked Odoo')),
  });

  it('loses the old company at its next request once Odoo reports the move, and the others keep their mappings', async () => {
    const client = gateway.client();
    expect(await tenantOf(client, victor)).toBe(A);
    expect(await tenantOf(client, bob)).toBe(A);
    const moved = SEED_IDS.contacts.victorViewerA;
    sim.store.update('res.partner', moved, { parent_id: B, commercial_partner_id: B });
    try {
      // Without a word from Odoo the mapping holds, for up to PORTAL_MAPPING_TTL_SECONDS.
      expect(await tenantOf(noOdoo, victor)).toBe(A);
      // What Odoo's res.partner rule sends (scripts/odoo-webhooks.ts).
      const body = JSON.stringify({ _action: 'Portal cache: res.partner', _id: moved, _model: 'res.partner', commercial_partner_id: B });
      const res = await post(body, {}, `?token=${webhookUrlToken(SECRET)}`);
      expect(res.status).toBe(200);
      await expect(tenantOf(noOdoo, victor)).rejects.toThrow('asked Odoo');
      expect(await tenantOf(client, victor)).toBe(B);
      expect(await tenantOf(noOdoo, bob)).toBe(A);

      // Archived in Odoo: no access from the next request on.
      sim.store.update('res.partner', moved, { active: false });
      const archived = JSON.stringify({ model: 'res.partner', ids: [moved] });
      expect((await post(archived, signWebhook(SECRET, archived))).status).toBe(200);
      expect(await tenantOf(client, victor)).toBe('unlinked');
    } finally {
      sim.store.update('res.partner', moved, { parent_id: A, commercial_partner_id: A, active: true });
      identityResolver().forget();
    }
  });
});
