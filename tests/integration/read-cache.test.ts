import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OdooGateway } from '../../lib/odoo/client';
import { createCacheBus, invalidateRecords, setCacheBus, type CacheBus } from '../../lib/portal/cache-bus';
import { dashboard } from '../../lib/portal/dashboard';
import { statement } from '../../lib/portal/statement';
import { getInvoice, listInvoices } from '../../lib/portal/invoices';
import { applyOdooChange } from '../../lib/portal/odoo-webhook';
import { getOrder, listOrders } from '../../lib/portal/orders';
import { changeTags, readTag, recordIdsIn, recordTag, setTenantReadCache, TenantReadCache } from '../../lib/portal/read-cache';
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

  it('reads back the records of one topic from a change’s tags, and nothing else', () => {
    const tags = [
      ...changeTags('partners', [10], [21, 30]),
      ...changeTags('orders', [10], [21]),
      'partners#abc',
      'partners#-4',
      'partners#0',
    ];
    expect([...recordIdsIn('partners', tags)]).toEqual([21, 30]);
    expect([...recordIdsIn('orders', tags)]).toEqual([21]);
    expect(recordIdsIn('invoices', tags).size).toBe(0);
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

/** A loader whose first read hangs until released (a slow Odoo); read n answers `read n`. */
function gatedLoader() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let reads = 0;
  const load = async () => {
    const n = ++reads;
    if (n === 1) await gate;
    return `read ${n}`;
  };
  return { load, release, reads: () => reads };
}

/** What Odoo's automation rule posts for a changed order of customer A. */
async function orderChangedInOdoo(id: number, vals: Record<string, unknown>) {
  sim.store.update('sale.order', id, vals);
  const [rec] = await gateway.client().searchRead('sale.order', [['id', '=', id]], { fields: ['partner_id'] });
  return applyOdooChange(gateway.client(), { _model: 'sale.order', _id: id, partner_id: (rec!.partner_id as [number, string])[0] });
}

/** The Odoo methods (`model.method`) called since this snapshot of the simulator's routes. */
function askedSince(before: ReadonlyMap<string, number>): string[] {
  return [...sim.stats.byRoute]
    .filter(([route, n]) => route.startsWith('/json') && n > (before.get(route) ?? 0))
    .map(([route]) => route.split('/').slice(3).join('.'))
    .sort();
}

describe('what a change ends', () => {
  it('ends an order’s page when one of the company’s addresses changes: the page shows them', async () => {
    const ctx = () => portalContext(gateway, 'bobA');
    const TACOMA = 27; // one of Brightline's delivery addresses in the seed
    const [order] = await gateway.client().searchRead('sale.order', [['partner_shipping_id', '=', TACOMA]], { fields: ['name'], limit: 1 });
    expect((await getOrder(ctx(), order!.id))!.shippingAddress!.lines[0]).toBe('15 Port Blvd');
    sim.store.update('res.partner', TACOMA, { street: '16 Port Blvd' });
    try {
      await invalidateRecords('partners', [SEED_IDS.customers.A], [TACOMA]); // what the address form's action does
      expect((await getOrder(ctx(), order!.id))!.shippingAddress!.lines[0]).toBe('16 Port Blvd');
    } finally {
      sim.store.update('res.partner', TACOMA, { street: '15 Port Blvd' });
    }
  });

  it('ends the changed order’s page and the tenant’s order lists, and keeps the pages of its other orders', async () => {
    const ctx = () => portalContext(gateway, 'bobA');
    const q = orderListQuery.parse({});
    const [changed, other] = (await listOrders(ctx(), q)).rows;
    await getOrder(ctx(), changed!.id);
    const otherPage = await getOrder(ctx(), other!.id);
    await orderChangedInOdoo(changed!.id, { client_order_ref: 'PO-ONLY-THIS-ONE' });

    const before = odooCalls();
    expect(await getOrder(ctx(), other!.id)).toEqual(otherPage);
    expect(odooCalls()).toBe(before); // still cached
    expect((await getOrder(ctx(), changed!.id))!.poReference).toBe('PO-ONLY-THIS-ONE');
    expect((await listOrders(ctx(), q)).rows.find((r) => r.id === changed!.id)!.poReference).toBe('PO-ONLY-THIS-ONE');
    expect(odooCalls()).toBeGreaterThan(before);
  });

  it('ends an order’s page and the order lists in the company it left when the order moves to another customer', async () => {
    const q = orderListQuery.parse({});
    const [order] = (await listOrders(portalContext(gateway, 'bobA'), q)).rows; // A's list, cached
    const page2 = orderListQuery.parse({ page: 2, size: 10 });
    const before = await listOrders(portalContext(gateway, 'bobA'), page2); // cached, and not showing the order
    expect(before.rows.map((r) => r.id)).not.toContain(order!.id);
    expect(await getOrder(portalContext(gateway, 'bobA'), order!.id)).not.toBeNull(); // cached for A
    const result = await orderChangedInOdoo(order!.id, { partner_id: SEED_IDS.customers.B });
    expect(result.tenants).toEqual([SEED_IDS.customers.B]); // the rule names only the new customer
    expect(await getOrder(portalContext(gateway, 'bobA'), order!.id)).toBeNull();
    expect((await listOrders(portalContext(gateway, 'bobA'), q)).rows.map((r) => r.id)).not.toContain(order!.id);
    expect((await listOrders(portalContext(gateway, 'bobA'), page2)).total).toBe(before.total - 1); // A's count, though that page never showed it
    expect(await getOrder(portalContext(gateway, 'brunoB'), order!.id)).not.toBeNull();
  });

  it('ends an invoice list when an order it links to changes, and keeps it for orders it does not show', async () => {
    const ctx = () => portalContext(gateway, 'fionaA');
    const q = invoiceListQuery.parse({});
    const page = await listInvoices(ctx(), q, NOW);
    const linked = page.rows.flatMap((r) => r.originOrders)[0]!;
    const orders = (await listOrders(portalContext(gateway, 'bobA'), orderListQuery.parse({ size: 100 }))).rows;
    const unlinked = orders.find((o) => !page.rows.some((r) => r.originOrders.some((l) => l.id === o.id)))!;
    const unresolved = page.rows.some((r) => (r.origin ?? '').split(',').filter((s) => s.trim()).length > r.originOrders.length);
    expect(unresolved).toBe(false); // else any order change ends the list, and the second half proves nothing

    await orderChangedInOdoo(unlinked.id, { client_order_ref: 'PO-NOT-ON-THE-INVOICES' });
    let before = odooCalls();
    await listInvoices(ctx(), q, NOW);
    expect(odooCalls()).toBe(before);

    await orderChangedInOdoo(linked.id, { client_order_ref: 'PO-ON-AN-INVOICE' });
    before = odooCalls();
    await listInvoices(ctx(), q, NOW);
    expect(odooCalls()).toBeGreaterThan(before);
  });

  it('links a changed invoice’s origin from the kept order numbers: one round trip, and never to another company’s order', async () => {
    const ctx = () => portalContext(gateway, 'fionaA');
    const q = invoiceListQuery.parse({});
    const page = await listInvoices(ctx(), q, NOW);
    const invoice = page.rows.find((r) => r.kind === 'invoice')!;
    const ordersOf = (customer: number) =>
      gateway.client().searchRead('sale.order', [['partner_id', 'child_of', [customer]]], { fields: ['name'], limit: 1000, order: 'id' });
    const other = (await ordersOf(SEED_IDS.customers.A)).find((o) => !invoice.originOrders.some((l) => l.id === o.id))!;
    const [bOrder] = await ordersOf(SEED_IDS.customers.B);

    const originChanged = async (origin: string) => {
      sim.store.update('account.move', invoice.id, { invoice_origin: origin });
      await applyOdooChange(gateway.client(), { model: 'account.move', ids: [invoice.id] });
      const before = new Map(sim.stats.byRoute);
      const row = (await listInvoices(ctx(), q, NOW)).rows.find((r) => r.id === invoice.id)!;
      return { row, asked: askedSince(before) };
    };
    // Another of A's orders: linked, with no search of orders after the page.
    const toA = await originChanged(`${String(other.name)}, NOT-AN-ORDER`);
    expect(toA.row.originOrders).toEqual([{ id: other.id, name: String(other.name) }]);
    expect(toA.asked.filter((m) => m.startsWith('sale.order'))).toEqual([]);
    // B's order: its number is no order of A's, so not linked, and still no search.
    const toB = await originChanged(String(bOrder!.name));
    expect(toB.row.origin).toBe(String(bOrder!.name));
    expect(toB.row.originOrders).toEqual([]);
    expect(toB.asked.filter((m) => m.startsWith('sale.order'))).toEqual([]);

    // A new order of A's, told by Odoo's rule, answers to a number: the kept numbers are read again.
    const created = await gateway.client().create('sale.order', { partner_id: SEED_IDS.customers.A });
    await orderChangedInOdoo(created, {});
    const [newOrder] = await gateway.client().searchRead('sale.order', [['id', '=', created]], { fields: ['name'] });
    const toNew = await originChanged(String(newOrder!.name));
    expect(toNew.row.originOrders).toEqual([{ id: created, name: String(newOrder!.name) }]);
  });

  it('past the kept order numbers, a patched invoice list links only the rows it replaced', async () => {
    const ctx = () => portalContext(gateway, 'fionaA');
    const q = invoiceListQuery.parse({});
    // More orders than are kept: the invoices' own, older, orders fall outside the newest numbers.
    const added: number[] = [];
    for (let i = 0; i < 1001; i++)
      added.push(sim.store.insert('sale.order', { name: `SX${i}`, partner_id: SEED_IDS.customers.A, state: 'draft' }).id);
    const newest = added.at(-1)!;
    await orderChangedInOdoo(newest, {});
    const page = await listInvoices(ctx(), q, NOW);
    const invoice = page.rows.find((r) => r.kind === 'invoice')!;
    try {
      expect(page.rows.some((r) => r.originOrders.length > 0)).toBe(true); // linked by a search beyond the kept numbers
      sim.store.update('account.move', invoice.id, { invoice_origin: 'SX1000' });
      await applyOdooChange(gateway.client(), { model: 'account.move', ids: [invoice.id] });
      const before = new Map(sim.stats.byRoute);
      const again = await listInvoices(ctx(), q, NOW);
      // The changed row's number is among the kept ones: no search, and the other rows keep their links.
      expect(askedSince(before)).toEqual(['account.move.search_read']);
      expect(again.rows.find((r) => r.id === invoice.id)!.originOrders).toEqual([{ id: newest, name: 'SX1000' }]);
      expect(again.rows.filter((r) => r.id !== invoice.id)).toEqual(page.rows.filter((r) => r.id !== invoice.id));
    } finally {
      for (const id of added) sim.store.table('sale.order').delete(id);
      sim.store.update('account.move', invoice.id, { invoice_origin: invoice.origin ?? false });
    }
  });

  it('never links an invoice’s origin to an order that left the company with its contact', async () => {
    const { A, B } = SEED_IDS.customers;
    const ctx = () => portalContext(gateway, 'fionaA');
    const q = invoiceListQuery.parse({});
    const contact = await gateway.client().create('res.partner', { name: 'A contact who moves', parent_id: A });
    const orderId = await gateway.client().create('sale.order', { partner_id: contact });
    await orderChangedInOdoo(orderId, {});
    const [order] = await gateway.client().searchRead('sale.order', [['id', '=', orderId]], { fields: ['name'] });
    const page = await listInvoices(ctx(), q, NOW);
    const invoice = page.rows.find((r) => r.kind === 'invoice')!;
    sim.store.update('account.move', invoice.id, { invoice_origin: String(order!.name) });
    await applyOdooChange(gateway.client(), { model: 'account.move', ids: [invoice.id] });
    expect((await listInvoices(ctx(), q, NOW)).rows.find((r) => r.id === invoice.id)!.originOrders).toEqual([
      { id: orderId, name: String(order!.name) },
    ]);

    // The contact, and with it the order, moves to company B. Odoo's rule names B; A's contacts
    // end too where A's pages showed this contact (both stamped here).
    sim.store.update('res.partner', contact, { parent_id: B, commercial_partner_id: B });
    await invalidateRecords('partners', [A, B], [contact]);
    expect(
      await gateway.client().searchRead(
        'sale.order',
        [
          ['id', '=', orderId],
          ['partner_id', 'child_of', [A]],
        ],
        { fields: ['name'] },
      ),
    ).toEqual([]);
    expect(await getOrder(portalContext(gateway, 'bobA'), orderId)).toBeNull();
    // Any change to the invoice: its row is re-read and linked again.
    sim.store.update('account.move', invoice.id, { ref: 'REF-AFTER-THE-MOVE' });
    await applyOdooChange(gateway.client(), { model: 'account.move', ids: [invoice.id] });
    const row = (await listInvoices(ctx(), q, NOW)).rows.find((r) => r.id === invoice.id)!;
    expect(row.reference).toBe('REF-AFTER-THE-MOVE');
    expect(row.originOrders).toEqual([]); // B's order now
  });

  it('ends an invoice page when the contact it was made out to moves to another company', async () => {
    const { A, B } = SEED_IDS.customers;
    const ctx = () => portalContext(gateway, 'fionaA');
    const contact = await gateway.client().create('res.partner', { name: 'A contact who takes an invoice along', parent_id: A });
    const invoice = await gateway.client().create('account.move', {
      state: 'posted',
      name: 'INV/MOVES/1',
      move_type: 'out_invoice',
      partner_id: contact,
      commercial_partner_id: A,
      currency_id: 1,
      payment_state: 'not_paid',
      invoice_date: TEST_TODAY,
      invoice_date_due: TEST_TODAY,
      amount_total: 10,
      amount_residual: 10,
    });
    expect(await getInvoice(ctx(), invoice, NOW)).not.toBeNull();
    sim.store.update('res.partner', contact, { parent_id: B, commercial_partner_id: B });
    sim.store.update('account.move', invoice, { commercial_partner_id: B });
    await invalidateRecords('partners', [A, B], [contact]); // as in the test above
    expect(await getInvoice(ctx(), invoice, NOW)).toBeNull();
  });

  it('a patched invoice list equals a full read: filtered by text, by type, sorted otherwise, and an invoice leaving the filter', async () => {
    const ctx = () => portalContext(gateway, 'fionaA');
    for (const params of [{}, { type: 'credit' }, { q: 'PATCHQ' }, { sort: 'number', dir: 'asc' }, { status: 'open', sort: 'residual' }]) {
      const q = invoiceListQuery.parse(params);
      const all = await listInvoices(ctx(), invoiceListQuery.parse({ size: 100 }), NOW);
      const target = 'q' in params ? all.rows[3]! : (await listInvoices(ctx(), q, NOW)).rows[0]!;
      if ('q' in params) {
        sim.store.update('account.move', target.id, { ref: 'PATCHQ-1' });
        await applyOdooChange(gateway.client(), { model: 'account.move', ids: [target.id] });
      }
      const first = await listInvoices(ctx(), q, NOW);
      expect(first.rows.map((r) => r.id)).toContain(target.id);
      sim.store.update('account.move', target.id, { ref: 'q' in params ? 'GONE' : 'REF-PATCHED', narration: 'x' });
      await applyOdooChange(gateway.client(), { model: 'account.move', ids: [target.id] });
      const patched = await listInvoices(ctx(), q, NOW);
      cache.clear();
      const full = await listInvoices(ctx(), q, NOW);
      expect(patched).toEqual(full);
      if ('q' in params) expect(full.rows.map((r) => r.id)).not.toContain(target.id);
    }
  });

  it('re-reads only a shown invoice whose amounts stayed, and the whole list with its totals when its open amount moved', async () => {
    const ctx = () => portalContext(gateway, 'fionaA');
    const q = invoiceListQuery.parse({ status: 'open' });
    const page = await listInvoices(ctx(), q, NOW);
    const invoice = page.rows.find((r) => r.kind === 'invoice' && r.residual > 1)!;
    const changedInOdoo = async (vals: Record<string, unknown>) => {
      sim.store.update('account.move', invoice.id, vals);
      await applyOdooChange(gateway.client(), { model: 'account.move', ids: [invoice.id] });
      const before = new Map(sim.stats.byRoute);
      return { again: await listInvoices(ctx(), q, NOW), asked: askedSince(before) };
    };

    const renamed = await changedInOdoo({ ref: 'REF-ON-THE-LIST', invoice_origin: 'NOT-AN-ORDER' });
    expect(renamed.asked).toEqual(['account.move.search_read']); // the one invoice, not the page and its totals
    expect(renamed.again.rows.find((r) => r.id === invoice.id)).toMatchObject({ reference: 'REF-ON-THE-LIST', originOrders: [] });
    expect(renamed.again.totals).toEqual(page.totals);
    expect(renamed.again.rows.map((r) => r.id)).toEqual(page.rows.map((r) => r.id));

    // Part paid: its open amount and the open balance move, which only the totals' read tells.
    const paid = await changedInOdoo({ amount_residual: invoice.residual - 1, payment_state: 'partial' });
    expect(paid.asked).toContain('account.move.read_group');
    expect(paid.again.rows.find((r) => r.id === invoice.id)!.residual).toBe(invoice.residual - 1);
    const open = (totals: typeof page.totals) => totals.find((t) => t.currency === invoice.currency)!.openBalance;
    expect(open(paid.again.totals)).toBeCloseTo(open(page.totals) - 1, 2);
  });

  it('re-reads an invoice page without its taxes, orders and deliveries when only the invoice changed, and in full when a line did', async () => {
    const ctx = () => portalContext(gateway, 'fionaA');
    const list = await listInvoices(ctx(), invoiceListQuery.parse({ size: 100 }), NOW);
    const pages = await Promise.all(list.rows.map((r) => getInvoice(ctx(), r.id, NOW)));
    const page = pages.find((p) => p && p.orders.length > 0 && p.lines.some((l) => l.taxes.length > 0))!;
    const changedInOdoo = async (model: string, id: number, vals: Record<string, unknown>) => {
      sim.store.update(model, id, vals);
      await applyOdooChange(gateway.client(), { model: 'account.move', ids: [page.id] }); // Odoo's rule is on the invoice
      const patched = cache.stats.patched;
      const again = (await getInvoice(ctx(), page.id, NOW))!;
      return { again, patched: cache.stats.patched - patched };
    };

    const ref = await changedInOdoo('account.move', page.id, { ref: 'REF-ON-THE-INVOICE', payment_reference: 'PAY-REF-NEW' });
    expect(ref.patched).toBe(1);
    expect(ref.again).toEqual({ ...page, reference: 'REF-ON-THE-INVOICE', paymentReference: 'PAY-REF-NEW' });

    const line = page.lines.find((l) => l.kind === 'product')!;
    const relabelled = await changedInOdoo('account.move.line', line.id, { name: 'A label changed in Odoo' });
    expect(relabelled.patched).toBe(0);
    expect(relabelled.again.lines.find((l) => l.id === line.id)!.description).toBe('A label changed in Odoo');

    // Another tax on a line: the page reads its name, which the patch does not.
    const [otherTax] = await gateway.client().searchRead('account.tax', [['name', 'not in', line.taxes]], { fields: ['name'], limit: 1 });
    const [raw] = await gateway.client().searchRead('account.move.line', [['id', '=', line.id]], { fields: ['tax_ids'] });
    const retaxed = await changedInOdoo('account.move.line', line.id, { tax_ids: [...(raw!.tax_ids as number[]), otherTax!.id] });
    expect(retaxed.patched).toBe(0);
    expect(retaxed.again.lines.find((l) => l.id === line.id)!.taxes).toContain(String(otherTax!.name));
  });

  it('reads again only the home page’s order figures and late deliveries after an order changed', async () => {
    const ctx = () => portalContext(gateway, 'fionaA'); // a finance user's home page has every part
    const home = await dashboard(ctx(), NOW);
    expect(home.latestOpenOrders.length).toBeGreaterThan(0);
    const changed = home.latestOpenOrders[0]!;
    await orderChangedInOdoo(changed.id, { client_order_ref: 'PO-ON-THE-HOME-PAGE' });
    const before = new Map(sim.stats.byRoute);
    const again = await dashboard(ctx(), NOW);
    expect(again.latestOpenOrders[0]!.poReference).toBe('PO-ON-THE-HOME-PAGE');
    const { latestOpenOrders: _a, quotations: _b, ...rest } = again;
    const { latestOpenOrders: _c, quotations: _d, ...restBefore } = home;
    expect(rest).toEqual(restBefore);
    const asked = [...sim.stats.byRoute]
      .filter(([route, n]) => route.startsWith('/json') && n > (before.get(route) ?? 0))
      .map(([route]) => route.split('/').slice(3).join('.'));
    // The open orders, the quotations and the late deliveries (with their orders' promises); no count of deliveries, no invoice figure.
    expect(asked.sort()).toEqual(['sale.order.search_read', 'sale.order.web_search_read', 'stock.picking.web_search_read']);
  });

  it('keeps the statement until one of the tenant’s invoices changes', async () => {
    const ctx = () => portalContext(gateway, 'fionaA');
    const first = await statement(ctx(), NOW);
    const item = first.lines[0]!;
    sim.store.update('account.move', item.id, { ref: 'REF-ON-THE-STATEMENT' });
    expect((await statement(ctx(), NOW)).lines[0]!.reference).toBe(item.reference);
    await applyOdooChange(gateway.client(), { model: 'account.move', ids: [item.id] });
    expect((await statement(ctx(), NOW)).lines[0]!.reference).toBe('REF-ON-THE-STATEMENT');
    await expect(statement(portalContext(gateway, 'bobA'), NOW)).rejects.toThrow(); // a buyer has no statement, cached or not
  });

  it('never serves an answer whose revealed dependency changed while it was read, to a request made after the change', async () => {
    const { load, release } = gatedLoader();
    const shows7 = () => [{ topic: 'orders' as const, id: 7 }];
    const first = cache.read(10, ['page'], ['invoices'], load, { dependsOn: shows7 });
    cache.invalidate(changeTags('orders', [10], [7])); // order 7 changes while the page is read
    const second = cache.read(10, ['page'], ['invoices'], load, { dependsOn: shows7 }); // asked after the change
    release();
    expect((await first).value).toBe('read 1'); // asked before the change: may see the old data
    expect((await second).value).toBe('read 2');
    expect((await cache.read(10, ['page'], ['invoices'], load, { dependsOn: shows7 })).value).toBe('read 2'); // kept
    cache.invalidate([recordTag('orders', 8)]);
    expect((await cache.read(10, ['page'], ['invoices'], load, { dependsOn: shows7 })).value).toBe('read 2');
    cache.invalidate([recordTag('orders', 7)]);
    expect((await cache.read(10, ['page'], ['invoices'], load, { dependsOn: shows7 })).value).toBe('read 3');
  });

  it('forgets a change once every entry it could end has expired, and not before', async () => {
    await cache.read(10, ['x'], [{ topic: 'orders', id: 1 }], async () => 'read before');
    for (let id = 1; id <= 100; id++) cache.invalidate([recordTag('orders', id)]);
    expect(cache.trackedTags).toBe(101); // and tenant 10's orders, which showed order 1
    clock += 30_000;
    cache.invalidate([recordTag('orders', 200)]);
    expect(cache.trackedTags).toBe(102); // within the TTL: still on record
    expect((await cache.read(10, ['x'], [{ topic: 'orders', id: 1 }], async () => 'read after')).value).toBe('read after');
    clock += 31_000;
    cache.invalidate([recordTag('orders', 201)]);
    expect(cache.trackedTags).toBe(2); // the first hundred are over a TTL old
    expect((await cache.read(10, ['x'], [{ topic: 'orders', id: 1 }], async () => 'again')).value).toBe('read after');
  });

  it('never lets a request join a read begun before a change it no longer has on record', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    const load = async () => (++reads === 1 ? (await gate, 'read before the change') : 'read after the change');
    const deps = [{ topic: 'orders' as const, id: 7 }];
    const slow = cache.read(10, ['order', 7], deps, load); // a read that hangs on Odoo
    cache.invalidate([recordTag('orders', 7)]); // order 7 changes meanwhile
    clock += 61_000;
    cache.invalidate([recordTag('orders', 8)]); // a later change sweeps the first from the record
    const late = cache.read(10, ['order', 7], deps, load);
    release();
    expect((await slow).value).toBe('read before the change');
    expect((await late).value).toBe('read after the change');
  });

  it('reads again once, however many requests joined a read their change made stale', async () => {
    const { load, release, reads } = gatedLoader();
    const shows7 = () => [{ topic: 'orders' as const, id: 7 }];
    const first = cache.read(10, ['page'], ['invoices'], load, { dependsOn: shows7 });
    cache.invalidate([recordTag('orders', 7)]);
    const joiners = Array.from({ length: 5 }, () => cache.read(10, ['page'], ['invoices'], load, { dependsOn: shows7 }));
    release();
    await first;
    expect((await Promise.all(joiners)).map((r) => r.value)).toEqual(Array(5).fill('read 2'));
    expect(reads()).toBe(2);
  });
});

describe('a stale orders list re-reads only the orders a change named', () => {
  const bob = () => portalContext(gateway, 'bobA');

  it('re-reads a changed order shown on the page in one small call, keeps the other rows, and matches a full read', async () => {
    const q = orderListQuery.parse({});
    const page = await listOrders(bob(), q);
    expect(page.total).toBeGreaterThan(page.rows.length); // a page of a longer list
    const changed = page.rows[1]!;
    await orderChangedInOdoo(changed.id, { client_order_ref: 'PO-PATCHED-IN' });
    const before = new Map(sim.stats.byRoute);
    const again = await listOrders(bob(), q);
    expect(askedSince(before)).toEqual(['sale.order.search_read']); // no page read, no count
    expect(cache.stats.patched).toBe(1);
    expect(again).toEqual({ ...page, rows: page.rows.map((r) => (r.id === changed.id ? { ...r, poReference: 'PO-PATCHED-IN' } : r)) });
    cache.clear();
    expect(await listOrders(bob(), q)).toEqual(again);
  });

  it('reads the page anew when the change may move the order: its sort value changed', async () => {
    const q = orderListQuery.parse({ sort: 'po', dir: 'asc' });
    const page = await listOrders(bob(), q);
    await orderChangedInOdoo(page.rows[0]!.id, { client_order_ref: 'ZZZ-LAST-NOW' });
    const before = new Map(sim.stats.byRoute);
    const again = await listOrders(bob(), q);
    expect(askedSince(before)).toEqual(['sale.order.search_read', 'sale.order.web_search_read']); // tried, then the page
    expect(cache.stats.patched).toBe(0);
    expect(again.rows[0]!.id).not.toBe(page.rows[0]!.id);
    cache.clear();
    expect(await listOrders(bob(), q)).toEqual(again);
  });

  it('reads the page anew when an order enters the list or leaves it', async () => {
    const quotations = orderListQuery.parse({ state: 'quotation', size: 100 });
    const page = await listOrders(bob(), quotations);
    const leaving = page.rows[0]!;
    await orderChangedInOdoo(leaving.id, { state: 'sale' });
    const after = await listOrders(bob(), quotations);
    expect(after.total).toBe(page.total - 1);
    expect(after.rows.map((r) => r.id)).not.toContain(leaving.id);

    await orderChangedInOdoo(leaving.id, { state: 'draft' }); // back in
    const back = await listOrders(bob(), quotations);
    expect(back.total).toBe(page.total);
    expect(back.rows.map((r) => r.id)).toContain(leaving.id);
    expect(cache.stats.patched).toBe(0);
  });

  it('keeps a whole list as it is when the changed order is not in it, after one small check', async () => {
    const cancelled = orderListQuery.parse({ state: 'cancelled', size: 100 });
    const page = await listOrders(bob(), cancelled);
    expect(page.rows.length).toBe(page.total); // the whole list on one page
    const open = (await listOrders(bob(), orderListQuery.parse({ state: 'open' }))).rows[0]!;
    await orderChangedInOdoo(open.id, { client_order_ref: 'PO-NOT-CANCELLED' });
    const before = new Map(sim.stats.byRoute);
    expect(await listOrders(bob(), cancelled)).toEqual(page);
    expect(askedSince(before)).toEqual(['sale.order.search_read']);
  });

  it('drops an order moved to another company from the page, and never shows what the other company gave it', async () => {
    const q = orderListQuery.parse({});
    const page = await listOrders(bob(), q);
    const moved = page.rows[0]!;
    sim.store.update('sale.order', moved.id, { partner_id: SEED_IDS.contacts.brunoBuyerB, client_order_ref: 'B-SECRET-PO' });
    // Odoo's rule names the order's new customer only; A's page showed it, so A's list is stale too.
    await applyOdooChange(gateway.client(), { _model: 'sale.order', _id: moved.id, partner_id: SEED_IDS.contacts.brunoBuyerB });
    const again = await listOrders(bob(), q);
    expect(again.rows.map((r) => r.id)).not.toContain(moved.id);
    expect(JSON.stringify(again)).not.toContain('B-SECRET-PO');
    expect(again.total).toBe(page.total - 1);
  });

  it('asks Odoo nothing before a full read when a changed order is not on a page that holds part of the list', async () => {
    const q = orderListQuery.parse({});
    const page = await listOrders(bob(), q);
    const other = (await listOrders(bob(), orderListQuery.parse({ page: 2 }))).rows[0]!;
    expect(page.rows.map((r) => r.id)).not.toContain(other.id);
    await orderChangedInOdoo(other.id, { client_order_ref: 'PO-ON-PAGE-TWO' });
    const before = new Map(sim.stats.byRoute);
    await listOrders(bob(), q);
    expect(askedSince(before)).toEqual(['sale.order.web_search_read']);
  });

  it('patches rows whose sort value is empty (no requested date) in place, as a full read orders them', async () => {
    const q = orderListQuery.parse({ sort: 'delivery', dir: 'desc' });
    const page = await listOrders(bob(), q);
    const undated = page.rows.find((r) => r.requestedDate === null)!;
    await orderChangedInOdoo(undated.id, { client_order_ref: 'PO-NO-DATE' });
    const again = await listOrders(bob(), q);
    expect(cache.stats.patched).toBe(1);
    cache.clear();
    expect(await listOrders(bob(), q)).toEqual(again);
  });

  it('reads the page anew when one of the company’s contacts changed: a contact moved away takes their orders along', async () => {
    const q = orderListQuery.parse({});
    await listOrders(bob(), q);
    await invalidateRecords('partners', [SEED_IDS.customers.A], [SEED_IDS.contacts.bobBuyerA]);
    const before = new Map(sim.stats.byRoute);
    await listOrders(bob(), q);
    expect(askedSince(before)).toEqual(['sale.order.web_search_read']);
  });

  it('reads the page anew after a change that names no orders (the portal’s own write of a new order)', async () => {
    const q = orderListQuery.parse({});
    await listOrders(bob(), q);
    await invalidateRecords('orders', [SEED_IDS.customers.A], []);
    const before = new Map(sim.stats.byRoute);
    await listOrders(bob(), q);
    expect(askedSince(before)).toEqual(['sale.order.web_search_read']); // no patch tried
  });
});

describe('patching a stale answer (the cache itself)', () => {
  const patchTo = (value: string) => async () => value;

  it('patches only from changes that named their records, and only while they are on record', async () => {
    const read = (patch: (stale: string) => Promise<string | null>) =>
      cache.read(10, ['list'], ['orders'], async () => 'full read', { patch: (stale) => patch(stale) });
    await read(patchTo('unused'));
    cache.invalidate(changeTags('orders', [10], [7]));
    expect((await read(patchTo('patched'))).value).toBe('patched');
    cache.invalidate(changeTags('orders', [10], [])); // named nothing
    expect((await read(patchTo('patched again'))).value).toBe('full read');
    cache.invalidate(changeTags('orders', [10], [8]));
    expect((await read(async () => null)).value).toBe('full read'); // the patch could not tell
    for (let id = 1; id <= 33; id++) cache.invalidate(changeTags('orders', [10], [id])); // more than the log keeps
    expect((await read(patchTo('patched'))).value).toBe('full read');
  });

  it('hands the patch every record changed since the answer was read, by topic', async () => {
    let seen: [string, number[]][] = [];
    const read = () =>
      cache.read(10, ['list'], ['orders', 'invoices'], async () => 'full read', {
        patch: async (stale, changed) => ((seen = [...changed].map(([t, ids]) => [t, [...ids].sort()])), `${stale}+`),
      });
    await read();
    cache.invalidate(changeTags('orders', [10], [7]));
    cache.invalidate(changeTags('orders', [10, 11], [9, 8]));
    cache.invalidate(changeTags('invoices', [10], [3]));
    cache.invalidate(changeTags('orders', [11], [12])); // another tenant's
    expect((await read()).value).toBe('full read+');
    expect(seen).toEqual([
      ['orders', [7, 8, 9]],
      ['invoices', [3]],
    ]);
  });

  it('reads in full when the patch fails (Odoo timed out on its small read)', async () => {
    await cache.read(10, ['list'], ['orders'], async () => 'full read 1');
    cache.invalidate(changeTags('orders', [10], [7]));
    const again = cache.read(10, ['list'], ['orders'], async () => 'full read 2', {
      patch: async () => {
        throw new Error('Odoo timed out');
      },
    });
    await expect(again).resolves.toMatchObject({ value: 'full read 2' });
  });

  it('still patches after as many changes as the log keeps', async () => {
    const read = () => cache.read(10, ['list'], ['orders'], async () => 'full read', { patch: async (stale) => `${stale}+` });
    await read();
    for (let id = 1; id <= 32; id++) cache.invalidate(changeTags('orders', [10], [id]));
    expect((await read()).value).toBe('full read+');
  });

  it('patches in, at the next read, a change made while a patch was reading', async () => {
    const seen: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let n = 0;
    const read = () =>
      cache.read(10, ['list'], ['orders'], async () => 'full', {
        patch: async (stale, changed) => {
          seen.push([...changed.get('orders')!].sort());
          const mine = ++n;
          if (mine === 1) await gate;
          return `${stale}+${mine}`;
        },
      });
    await read();
    cache.invalidate(changeTags('orders', [10], [7]));
    const first = read();
    cache.invalidate(changeTags('orders', [10], [8])); // while the first patch reads
    const second = read(); // asked after that change: does not take the first patch's answer
    release();
    expect((await first).value).toBe('full+1');
    expect((await second).value).toBe('full+2');
    expect(seen).toEqual([[7], [7, 8]]);
    expect((await read()).value).toBe('full+2'); // kept
    cache.invalidate(changeTags('orders', [10], [9]));
    expect((await read()).value).toBe('full+2+3');
    expect(seen.at(-1)).toEqual([9]);
  });

  it('keeps the time of the read it patched: the TTL still ends it', async () => {
    const read = () =>
      cache.read(10, ['list'], ['orders'], async () => `read at ${clock}`, { patch: async (stale) => `${stale}, patched` });
    const first = await read();
    clock += 40_000;
    cache.invalidate(changeTags('orders', [10], [7]));
    const patched = await read();
    expect(patched).toMatchObject({ value: `${first.value}, patched`, at: first.at });
    clock += 21_000;
    expect((await read()).value).toBe(`read at ${clock}`);
  });
});

describe('invalidation across instances', () => {
  it('lets another instance patch from the records a Redis message names', async () => {
    const channel = `test-cache-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const one = new TenantReadCache(60_000, 1000, () => clock);
    const two = new TenantReadCache(60_000, 1000, () => clock);
    const busOne = createCacheBus(one, redisUrl, channel);
    const busTwo = createCacheBus(two, redisUrl, channel);
    buses.push(busOne, busTwo);
    await Promise.all([busOne.ready, busTwo.ready]);
    let seen: number[] = [];
    const read = () =>
      two.read(10, ['list'], ['orders'], async () => 'full', {
        patch: async (stale, changed) => ((seen = [...changed.get('orders')!]), `${stale}+`),
      });
    await read();
    await busOne.publish(changeTags('orders', [10], [7, 8]));
    for (let i = 0; i < 100 && (await read()).value === 'full'; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await read()).value).toBe('full+');
    expect(seen.sort()).toEqual([7, 8]);
  });

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
