import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OdooGateway } from '../../lib/odoo/client';
import { createCacheBus, setCacheBus, type CacheBus } from '../../lib/portal/cache-bus';
import { dashboard } from '../../lib/portal/dashboard';
import { getInvoice, listInvoices } from '../../lib/portal/invoices';
import { applyOdooChange } from '../../lib/portal/odoo-webhook';
import { getOrder, listOrders } from '../../lib/portal/orders';
import { readTag, setTenantReadCache, TenantReadCache } from '../../lib/portal/read-cache';
import { invoiceListQuery } from '../../lib/schemas/invoices';
import { orderListQuery } from '../../lib/schemas/orders';
import type { OdooSimulator } from '../../odoo-sim/server';
import { SEED_IDS } from '../../odoo-sim/seed';
import { startSimulator, TEST_TODAY } from '../helpers/odoo-sim';
import { portalContext } from '../helpers/portal-context';

let sim: OdooSimulator;
let gateway: OdooGateway;
let clock = Date.parse(`${TEST_TODAY}T10:00:00Z`);
let cache: TenantReadCache;
const NOW = new Date(`${TEST_TODAY}T10:00:00Z`);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const buses: CacheBus[] = [];

beforeAll(async () => {
  const started = await startSimulator();
  sim = started.sim;
  gateway = new OdooGateway(started.config());
});
afterAll(async () => {
  await sim.close();
  await Promise.all(buses.map((b) => b.close()));
});
beforeEach(() => {
  cache = new TenantReadCache(60_000, 1000, () => clock);
  setTenantReadCache(cache);
  setCacheBus(createCacheBus(cache));
});
afterEach(() => setTenantReadCache(new TenantReadCache(0)));

/** Odoo calls made so far by the simulator's RPC endpoints. */
const odooCalls = () => [...sim.stats.byRoute.entries()].filter(([route]) => route.startsWith('/json')).reduce((n, [, c]) => n + c, 0);

describe('tenant-scoped cache of Odoo reads', () => {
  it('answers a repeat read without Odoo, and never gives one tenant another tenant’s entry', async () => {
    const q = orderListQuery.parse({});
    const a = await listOrders(portalContext(gateway, 'bobA'), q);
    const before = odooCalls();
    expect(await listOrders(portalContext(gateway, 'bobA'), q)).toEqual(a);
    expect(odooCalls()).toBe(before);

    // Same read, same arguments, same roles, another company: its own rows, read from Odoo.
    const b = await listOrders(portalContext(gateway, 'brunoB'), q);
    expect(odooCalls()).toBeGreaterThan(before);
    const [bOrders] = await Promise.all([
      gateway.client().searchRead('sale.order', [['partner_id', 'child_of', [SEED_IDS.customers.B]]], { fields: ['id'], limit: 10_000 }),
    ]);
    const bIds = new Set(bOrders.map((o) => o.id));
    expect(b.rows.length).toBeGreaterThan(0);
    expect(b.rows.every((r) => bIds.has(r.id))).toBe(true);
    expect(b.rows.map((r) => r.id)).not.toEqual(a.rows.map((r) => r.id));

    // A's order by id from B's session: missing, even though A's answer for that id is cached.
    const aOrder = a.rows[0]!.id;
    expect(await getOrder(portalContext(gateway, 'bobA'), aOrder)).not.toBeNull();
    expect(await getOrder(portalContext(gateway, 'brunoB'), aOrder)).toBeNull();
  });

  it('keeps answers per role set: a buyer’s home page never serves a finance user', async () => {
    const buyer = await dashboard(portalContext(gateway, 'bobA'), NOW);
    const finance = await dashboard(portalContext(gateway, 'fionaA'), NOW);
    expect(buyer.invoices).toBeNull();
    expect(finance.invoices).not.toBeNull();
  });

  it('serves the cached answer until Odoo’s webhook names the change, then reads afresh', async () => {
    const ctx = () => portalContext(gateway, 'bobA');
    const [first] = (await listOrders(ctx(), orderListQuery.parse({}))).rows;
    const order = await getOrder(ctx(), first!.id);
    sim.store.update('sale.order', first!.id, { client_order_ref: 'PO-CHANGED-IN-ODOO' });
    expect((await getOrder(ctx(), first!.id))!.poReference).toBe(order!.poReference); // cached

    // What Odoo's automation rule posts: the order with its partner (a contact of A).
    const [rec] = await gateway.client().searchRead('sale.order', [['id', '=', first!.id]], { fields: ['partner_id'] });
    const result = await applyOdooChange(gateway.client(), {
      _model: 'sale.order',
      _id: first!.id,
      _action: 'Portal cache: sale.order(#1)',
      partner_id: (rec!.partner_id as [number, string])[0],
    });
    expect(result).toEqual({ model: 'sale.order', tenants: [SEED_IDS.customers.A] });
    expect((await getOrder(ctx(), first!.id))!.poReference).toBe('PO-CHANGED-IN-ODOO');
    expect((await listOrders(ctx(), orderListQuery.parse({}))).rows[0]!.poReference).toBe('PO-CHANGED-IN-ODOO');
  });

  it('maps a change named only by record ids (a signed sender) to its tenant', async () => {
    const ctx = () => portalContext(gateway, 'fionaA');
    const page = await listInvoices(ctx(), invoiceListQuery.parse({}), NOW);
    const id = page.rows[0]!.id;
    await getInvoice(ctx(), id, NOW);
    sim.store.update('account.move', id, { ref: 'REF-CHANGED' });
    expect((await getInvoice(ctx(), id, NOW))!.reference).not.toBe('REF-CHANGED');
    expect(await applyOdooChange(gateway.client(), { model: 'account.move', ids: [id] })).toEqual({
      model: 'account.move',
      tenants: [SEED_IDS.customers.A],
    });
    expect((await getInvoice(ctx(), id, NOW))!.reference).toBe('REF-CHANGED');
  });

  it('lets an entry go after its TTL when no webhook comes', async () => {
    const ctx = () => portalContext(gateway, 'bobA');
    const [first] = (await listOrders(ctx(), orderListQuery.parse({ sort: 'number' }))).rows;
    sim.store.update('sale.order', first!.id, { client_order_ref: 'PO-TTL' });
    clock += 59_000;
    expect((await listOrders(ctx(), orderListQuery.parse({ sort: 'number' }))).rows[0]!.poReference).not.toBe('PO-TTL');
    clock += 2_000;
    expect((await listOrders(ctx(), orderListQuery.parse({ sort: 'number' }))).rows[0]!.poReference).toBe('PO-TTL');
  });

  it('never keeps a read that was in flight when its data changed', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = cache.read(SEED_IDS.customers.A, ['x'], ['orders'], async () => {
      await gate;
      return 'read before the change';
    });
    cache.invalidate([readTag('orders', SEED_IDS.customers.A)]);
    release();
    expect((await slow).value).toBe('read before the change');
    expect((await cache.read(SEED_IDS.customers.A, ['x'], ['orders'], async () => 'read after')).value).toBe('read after');
  });
});

describe('invalidation across instances', () => {
  it('ends the entry on another instance through Redis pub/sub', async () => {
    const channel = `test-cache-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const one = new TenantReadCache(60_000);
    const two = new TenantReadCache(60_000);
    const busOne = createCacheBus(one, redisUrl, channel);
    const busTwo = createCacheBus(two, redisUrl, channel);
    buses.push(busOne, busTwo);
    await Promise.all([busOne.ready, busTwo.ready]);
    await two.read(10, ['k'], ['orders'], async () => 'old');
    const received = new Promise<void>((resolve) => {
      const invalidate = two.invalidate.bind(two);
      two.invalidate = (tags) => {
        invalidate(tags);
        resolve();
      };
    });
    await busOne.publish([readTag('orders', 10)]);
    await received;
    expect((await two.read(10, ['k'], ['orders'], async () => 'new')).value).toBe('new');
    // Another tenant's entry on that instance stays.
    await two.read(11, ['k'], ['orders'], async () => 'eleven');
    await busOne.publish([readTag('orders', 10)]);
    expect((await two.read(11, ['k'], ['orders'], async () => 'reloaded')).value).toBe('eleven');
  });
});
