import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OdooGateway } from '../../lib/odoo/client';
import { NO_LONGER_AVAILABLE, priceCart, reorderRequest } from '../../lib/portal/cart';
import { dashboard } from '../../lib/portal/dashboard';
import { listDeliveries } from '../../lib/portal/deliveries';
import { getInvoice, listInvoices } from '../../lib/portal/invoices';
import { getOrder, listOrders } from '../../lib/portal/orders';
import { deliveryListQuery } from '../../lib/schemas/deliveries';
import { invoiceListQuery } from '../../lib/schemas/invoices';
import { orderListQuery } from '../../lib/schemas/orders';
import type { OdooSimulator } from '../../odoo-sim/server';
import { SEED_IDS } from '../../odoo-sim/seed';
import { startSimulator } from '../helpers/odoo-sim';
import { portalContext } from '../helpers/portal-context';

/**
 * Pages that read nested records in one web_search_read on Odoo 17+, against two servers
 * with the same seeded data: Odoo 19 (JSON-2) and Odoo 16 (JSON-RPC, no web_read
 * specification, so separate searches). Same answers either way, fewer calls on 17+.
 */
const sims: OdooSimulator[] = [];
let odoo19: OdooGateway;
let odoo16: OdooGateway;

beforeAll(async () => {
  const [a, b] = await Promise.all([startSimulator({ version: 19 }), startSimulator({ version: 16 })]);
  sims.push(a.sim, b.sim);
  odoo19 = new OdooGateway(a.config());
  odoo16 = new OdooGateway(b.config());
  // Asked once per process (the catalogue's company), as in a running portal: not counted below.
  await Promise.all([odoo19, odoo16].map((g) => g.client().sellerCompanyId()));
});
afterAll(() => Promise.all(sims.map((s) => s.close())));

/** A's orders that have section or note lines and deliveries: the richest order pages. */
async function richOrderIds(): Promise<number[]> {
  const odoo = odoo19.client();
  const lines = await odoo.searchRead(
    'sale.order.line',
    [
      ['order_id.partner_id', 'child_of', [SEED_IDS.customers.A]],
      ['display_type', '!=', false],
    ],
    { fields: ['order_id'], limit: 50 },
  );
  const ids = [...new Set(lines.map((l) => (l.order_id as [number, string])[0]))];
  const withPickings = await odoo.searchRead(
    'sale.order',
    [
      ['id', 'in', ids],
      ['picking_ids', '!=', false],
    ],
    { fields: ['name'], limit: 3 },
  );
  return withPickings.map((o) => o.id);
}

describe('locked orders (a flag beside "sale" on 17+, the state "done" on 16)', () => {
  it('read and filter the same on both servers', async () => {
    const confirmed = orderListQuery.parse({ state: 'confirmed', size: 100 });
    const [on19, on16] = await Promise.all([
      listOrders(portalContext(odoo19, 'bobA'), confirmed),
      listOrders(portalContext(odoo16, 'bobA'), confirmed),
    ]);
    expect(on16).toEqual(on19);
    expect(on19.rows.some((r) => r.state === 'locked')).toBe(true);
    expect(on19.rows.some((r) => r.state === 'confirmed')).toBe(true);
    // Odoo 16 answers a locked order in the state 'done' and has no field `locked` (the
    // simulator's 16 refuses it): the gateway gives 16's answer back as 17+ reads it.
    const locked = on19.rows.find((r) => r.state === 'locked')!;
    const [read16] = await odoo16.client().searchRead('sale.order', [['id', '=', locked.id]], { fields: ['state'] });
    expect(read16!.state).toBe('sale');
    const open = orderListQuery.parse({ state: 'open', size: 100 });
    expect(await listOrders(portalContext(odoo16, 'bobA'), open)).toEqual(await listOrders(portalContext(odoo19, 'bobA'), open));
    const detail16 = await getOrder(portalContext(odoo16, 'bobA'), locked.id);
    expect(detail16?.state).toBe('locked');
  });
});

describe('the order page', () => {
  it('reads the same order, addresses, lines and timeline from Odoo 19 in 1 call and from Odoo 16 in 5', async () => {
    const ids = await richOrderIds();
    expect(ids.length).toBeGreaterThan(0);
    let invoicesSeen = 0;
    for (const id of ids) {
      const new19 = portalContext(odoo19, 'bobA');
      const old16 = portalContext(odoo16, 'bobA');
      const [on19, on16] = await Promise.all([getOrder(new19, id), getOrder(old16, id)]);
      expect(on19).toEqual(on16);
      expect(on19!.lines.some((l) => l.kind !== 'product')).toBe(true);
      expect(on19!.lines.find((l) => l.kind === 'product')!.description).toMatch(/\S/);
      expect(on19!.currency).toMatch(/^[A-Z]{3}$/);
      // The addresses with their postal lines, as a letter shows them.
      expect(on19!.shippingAddress!.name).toMatch(/\S/);
      expect(on19!.shippingAddress!.lines.length).toBeGreaterThan(1);
      expect(on19!.invoiceAddress!.lines.length).toBeGreaterThan(1);
      expect(on19!.timeline.some((e) => e.kind === 'delivery')).toBe(true);
      invoicesSeen += on19!.timeline.filter((e) => e.kind === 'invoice').length;
      expect(new19.odoo.callLog.calls).toBe(1);
      expect(old16.odoo.callLog.calls).toBe(5);
    }
    expect(invoicesSeen).toBeGreaterThan(0);
  });

  it('leaves out of the timeline an order’s draft invoice, and an invoice and a delivery to another company, on both servers', async () => {
    const [id] = await richOrderIds();
    const admin19 = odoo19.client();
    const [order] = await admin19.searchRead('sale.order', [['id', '=', id!]], { fields: ['invoice_ids', 'partner_id'] });
    const [other] = await admin19.searchRead('res.partner', [['id', '=', SEED_IDS.customers.B]], { fields: ['name'] });
    const before = await getOrder(portalContext(odoo19, 'bobA'), id!);
    for (const gateway of [odoo19, odoo16]) {
      const odoo = gateway.client();
      // A draft invoice of the order's lines and a transfer of the order to customer B.
      const [line] = await odoo.searchRead(
        'sale.order.line',
        [
          ['order_id', '=', id!],
          ['display_type', '=', false],
        ],
        { fields: ['name'], limit: 1 },
      );
      const draft = await odoo.create('account.move', {
        move_type: 'out_invoice',
        state: 'draft',
        name: '/',
        partner_id: (order!.partner_id as [number, string])[0],
        commercial_partner_id: SEED_IDS.customers.A,
        invoice_line_ids: [[0, 0, { name: 'Draft line', sale_line_ids: [[6, 0, [line!.id]]] }]],
      });
      // A posted invoice of the same lines made out to another company.
      const foreign = await odoo.create('account.move', {
        move_type: 'out_invoice',
        state: 'posted',
        name: 'INV/OTHER/0001',
        invoice_date: '2026-01-05',
        partner_id: other!.id,
        commercial_partner_id: other!.id,
        invoice_line_ids: [[0, 0, { name: 'Foreign line', sale_line_ids: [[6, 0, [line!.id]]] }]],
      });
      // Odoo computes invoice_ids from the lines; the simulator stores it.
      await odoo.write('sale.order', [id!], { invoice_ids: [...(order!.invoice_ids as number[]), draft, foreign] });
      await odoo.create('stock.picking', { name: 'WH/OUT/OTHER', sale_id: id!, partner_id: other!.id, state: 'assigned' });
    }
    const [on19, on16] = await Promise.all([getOrder(portalContext(odoo19, 'bobA'), id!), getOrder(portalContext(odoo16, 'bobA'), id!)]);
    expect(on19!.timeline).toEqual(before!.timeline);
    expect(on16!.timeline).toEqual(before!.timeline);
  });

  it('shows an archived delivery address with its street on both servers: the order keeps its address', async () => {
    const TACOMA = 27; // one of Brightline's delivery addresses in the seed
    const [order] = await odoo19.client().searchRead('sale.order', [['partner_shipping_id', '=', TACOMA]], { fields: ['name'], limit: 1 });
    for (const sim of sims) sim.store.update('res.partner', TACOMA, { active: false });
    try {
      const [on19, on16] = await Promise.all([
        getOrder(portalContext(odoo19, 'bobA'), order!.id),
        getOrder(portalContext(odoo16, 'bobA'), order!.id),
      ]);
      expect(on19!.shippingAddress).toEqual({
        name: 'Brightline Hardware Ltd, Tacoma Store',
        lines: ['15 Port Blvd', '98421 Tacoma', 'Washington', 'United States'],
      });
      expect(on16!.shippingAddress).toEqual(on19!.shippingAddress);
    } finally {
      for (const sim of sims) sim.store.update('res.partner', TACOMA, { active: true });
    }
  });

  it('answers another tenant’s order as missing on both servers', async () => {
    const [bOrder] = await odoo19
      .client()
      .searchRead('sale.order', [['partner_id', 'child_of', [SEED_IDS.customers.B]]], { fields: ['name'], limit: 1 });
    expect(await getOrder(portalContext(odoo19, 'bobA'), bOrder!.id)).toBeNull();
    expect(await getOrder(portalContext(odoo16, 'bobA'), bOrder!.id)).toBeNull();
  });
});

describe('the order and delivery lists', () => {
  it('read the same pages and counts from Odoo 19 in 1 call and from Odoo 16 in 2', async () => {
    for (const q of [{}, { page: 2, size: 10 }, { state: 'open', size: 10 }, { q: 'S000' }]) {
      const new19 = portalContext(odoo19, 'bobA');
      const old16 = portalContext(odoo16, 'bobA');
      const [on19, on16] = await Promise.all([listOrders(new19, orderListQuery.parse(q)), listOrders(old16, orderListQuery.parse(q))]);
      expect(on19).toEqual(on16);
      expect(on19.rows.length).toBeGreaterThan(0);
      expect(new19.odoo.callLog.calls).toBe(1);
      expect(old16.odoo.callLog.calls).toBe(2);
    }
    const now = new Date('2026-11-23T12:00:00Z');
    const new19 = portalContext(odoo19, 'bobA');
    const old16 = portalContext(odoo16, 'bobA');
    const q = deliveryListQuery.parse({ size: 10 });
    const [on19, on16] = await Promise.all([listDeliveries(new19, q, now), listDeliveries(old16, q, now)]);
    expect(on19).toEqual(on16);
    expect(on19.total).toBeGreaterThan(on19.rows.length);
    // The page, then the commitment dates of its orders.
    expect(new19.odoo.callLog.calls).toBe(2);
    expect(old16.odoo.callLog.calls).toBe(3);
  });

  it('still count the orders on a page past the last one, where Odoo 17+ answers a length of 0', async () => {
    const all = await listOrders(portalContext(odoo19, 'bobA'), orderListQuery.parse({ size: 10 }));
    const past = orderListQuery.parse({ size: 10, page: all.pageCount + 3 });
    const [on19, on16] = await Promise.all([
      listOrders(portalContext(odoo19, 'bobA'), past),
      listOrders(portalContext(odoo16, 'bobA'), past),
    ]);
    expect(on19).toEqual(on16);
    expect(on19.rows).toEqual([]);
    expect(on19.total).toBe(all.total);
    expect(on19.pageCount).toBe(all.pageCount);
  });
});

describe('ordering an order again', () => {
  /** Two of A's orders; in the first, one product was archived in Odoo since it was ordered (on both servers). */
  async function reorderIds(): Promise<number[]> {
    const odoo = odoo19.client();
    const orders = await odoo.searchRead(
      'sale.order',
      [
        ['partner_id', 'child_of', [SEED_IDS.customers.A]],
        ['state', '=', 'sale'],
      ],
      { fields: ['name'], limit: 2, order: 'id' },
    );
    const [line] = await odoo.searchRead(
      'sale.order.line',
      [
        ['order_id', '=', orders[0]!.id],
        ['display_type', '=', false],
      ],
      { fields: ['product_id'], limit: 1 },
    );
    const product = (line!.product_id as [number, string])[0];
    await Promise.all([odoo19, odoo16].map((g) => g.client().write('product.product', [product], { active: false })));
    return orders.map((o) => o.id);
  }

  it('prices the same cart from Odoo 19 in 2 calls (order, lines and products in one) and from Odoo 16 in 4', async () => {
    const ids = await reorderIds();
    expect(ids.length).toBe(2);
    let flagged = 0;
    for (const id of ids) {
      const new19 = portalContext(odoo19, 'bobA');
      const old16 = portalContext(odoo16, 'bobA');
      const cartOf = async (ctx: typeof new19) => {
        const request = await reorderRequest(ctx, id);
        return { name: request!.orderName, cart: await priceCart(ctx, request!.requests) };
      };
      const [on19, on16] = await Promise.all([cartOf(new19), cartOf(old16)]);
      expect(on19).toEqual(on16);
      expect(on19.cart.lines.length).toBeGreaterThan(0);
      flagged += on19.cart.lines.filter((l) => !l.sellable && l.problem === NO_LONGER_AVAILABLE && l.available === null).length;
      expect(on19.cart.lines.filter((l) => l.sellable).every((l) => l.priceUnit > 0)).toBe(true);
      expect(new19.odoo.callLog.calls).toBe(2);
      expect(old16.odoo.callLog.calls).toBe(4);
    }
    expect(flagged).toBeGreaterThan(0);
  });

  it('answers another tenant’s order as missing on both servers', async () => {
    const [bOrder] = await odoo19
      .client()
      .searchRead('sale.order', [['partner_id', 'child_of', [SEED_IDS.customers.B]]], { fields: ['name'], limit: 1 });
    expect(await reorderRequest(portalContext(odoo19, 'bobA'), bOrder!.id)).toBeNull();
    expect(await reorderRequest(portalContext(odoo16, 'bobA'), bOrder!.id)).toBeNull();
  });
});

describe('the home page', () => {
  it('lists what needs attention and counts it, each figure agreeing with the list it links to, in one round trip per list on Odoo 19', async () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const new19 = portalContext(odoo19, 'bobA');
    const old16 = portalContext(odoo16, 'bobA');
    const [on19, on16] = await Promise.all([dashboard(new19, now), dashboard(old16, now)]);
    expect(on19).toEqual(on16);
    // Open orders, quotations, deliveries in progress, late deliveries, then the late ones' commitment dates.
    expect(new19.odoo.callLog.calls).toBe(on19.late.count > 0 ? 5 : 4);
    expect(old16.odoo.callLog.calls).toBe(on19.late.count > 0 ? 8 : 7);
    const bob = portalContext(odoo19, 'bobA');
    const open = await listOrders(bob, orderListQuery.parse({ state: 'open', size: 10 }));
    expect(on19.openOrders).toBe(open.total);
    expect(on19.openOrders).toBeGreaterThan(5);
    expect(on19.latestOpenOrders).toEqual(open.rows.slice(0, 5));
    const quotations = await listOrders(bob, orderListQuery.parse({ state: 'to-confirm', size: 10 }), now);
    expect(on19.quotations).toEqual({ count: quotations.total, first: quotations.rows.slice(0, 5) });
    expect(on19.quotations.count).toBeGreaterThan(0);
    const late = await listDeliveries(bob, deliveryListQuery.parse({ status: 'late', size: 100 }), now);
    expect(on19.late.count).toBe(late.total);
    expect(on19.late.first.map((r) => r.id).every((id) => late.rows.some((r) => r.id === id && r.late))).toBe(true);
    expect(on19.invoices).toBeNull(); // a buyer sees no invoice figures
    expect(on19.overdue).toBeNull();
  });

  it('lists a finance user’s overdue invoices, the oldest due first, as the overdue filter of the invoice list does', async () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const [on19, on16] = await Promise.all([
      dashboard(portalContext(odoo19, 'fionaA'), now),
      dashboard(portalContext(odoo16, 'fionaA'), now),
    ]);
    expect(on19).toEqual(on16);
    const overdue = await listInvoices(
      portalContext(odoo19, 'fionaA'),
      invoiceListQuery.parse({ status: 'overdue', sort: 'due', dir: 'asc', size: 10 }),
      now,
    );
    expect(on19.overdue!.count).toBe(overdue.total);
    expect(on19.overdue!.count).toBeGreaterThan(0);
    expect(on19.overdue!.first.map((r) => r.number)).toEqual(overdue.rows.slice(0, 5).map((r) => r.number));
    expect(on19.overdue!.first.every((r) => r.overdue && r.kind === 'invoice')).toBe(true);
  });
});

describe('the invoice page', () => {
  it('reads the same invoice, lines, taxes, orders and deliveries from Odoo 19 in 1 call and from Odoo 16 in 5', async () => {
    const odoo = odoo19.client();
    const invoices = await odoo.searchRead(
      'account.move',
      [
        ['partner_id', 'child_of', [SEED_IDS.customers.A]],
        ['state', '=', 'posted'],
        ['invoice_line_ids.tax_ids', '!=', false],
        ['invoice_origin', '!=', false],
      ],
      { fields: ['name'], limit: 3, order: 'id' },
    );
    expect(invoices.length).toBeGreaterThan(0);
    let deliveriesSeen = 0;
    for (const { id } of invoices) {
      const new19 = portalContext(odoo19, 'fionaA');
      const old16 = portalContext(odoo16, 'fionaA');
      const [on19, on16] = await Promise.all([getInvoice(new19, id), getInvoice(old16, id)]);
      expect(on19).toEqual(on16);
      expect(on19!.lines.some((l) => l.taxes.length > 0 && l.taxes.every((t) => /\S/.test(t)))).toBe(true);
      expect(on19!.orders.length).toBeGreaterThan(0);
      deliveriesSeen += on19!.deliveries.length;
      // The invoice with its lines, their orders and the orders' transfers nested.
      expect(new19.odoo.callLog.calls).toBe(1);
      expect(old16.odoo.callLog.calls).toBe(5);
    }
    expect(deliveriesSeen).toBeGreaterThan(0);
  });

  it('leaves out of an invoice’s orders and deliveries another company’s order, a transfer to another company and a return, on both servers', async () => {
    const [invoice] = await odoo19.client().searchRead(
      'account.move',
      [
        ['partner_id', 'child_of', [SEED_IDS.customers.A]],
        ['state', '=', 'posted'],
        ['invoice_origin', '!=', false],
      ],
      {
        fields: ['name'],
        limit: 1,
        order: 'id',
      },
    );
    const before = await getInvoice(portalContext(odoo19, 'fionaA'), invoice!.id);
    expect(before!.orders.length).toBeGreaterThan(0);
    const orderId = before!.orders[0]!.id;
    for (const gateway of [odoo19, odoo16]) {
      const odoo = gateway.client();
      await odoo.create('stock.picking', {
        name: 'WH/OUT/ELSEWHERE',
        sale_id: orderId,
        partner_id: SEED_IDS.customers.B,
        state: 'assigned',
        picking_type_code: 'outgoing',
      });
      await odoo.create('stock.picking', {
        name: 'WH/IN/RETURN',
        sale_id: orderId,
        partner_id: SEED_IDS.customers.A,
        state: 'done',
        picking_type_code: 'incoming',
      });
      // One of the invoice's lines also bills a line of customer B's order, which has a delivery of its own.
      const [bLine] = await odoo.searchRead('sale.order.line', [['order_id.partner_id', 'child_of', [SEED_IDS.customers.B]]], {
        fields: ['order_id'],
        limit: 1,
      });
      const bOrder = (bLine!.order_id as [number, string])[0];
      const [invoiceLine] = await odoo.searchRead(
        'account.move.line',
        [
          ['move_id', '=', invoice!.id],
          ['display_type', '=', 'product'],
        ],
        {
          fields: ['sale_line_ids'],
          limit: 1,
        },
      );
      await odoo.write('account.move.line', [invoiceLine!.id], {
        sale_line_ids: [[6, 0, [...(invoiceLine!.sale_line_ids as number[]), bLine!.id]]],
      });
      const [b] = await odoo.searchRead('sale.order', [['id', '=', bOrder]], { fields: ['invoice_ids'] });
      // Odoo computes invoice_ids from the lines; the simulator stores it.
      await odoo.write('sale.order', [bOrder], { invoice_ids: [...(b!.invoice_ids as number[]), invoice!.id] });
      await odoo.create('stock.picking', {
        name: 'WH/OUT/B',
        sale_id: bOrder,
        partner_id: SEED_IDS.customers.B,
        state: 'done',
        picking_type_code: 'outgoing',
      });
    }
    const [on19, on16] = await Promise.all([
      getInvoice(portalContext(odoo19, 'fionaA'), invoice!.id),
      getInvoice(portalContext(odoo16, 'fionaA'), invoice!.id),
    ]);
    expect(on19!.orders).toEqual(before!.orders);
    expect(on16!.orders).toEqual(before!.orders);
    expect(on19!.deliveries).toEqual(before!.deliveries);
    expect(on16!.deliveries).toEqual(before!.deliveries);
  });

  it('answers another tenant’s invoice as missing on both servers', async () => {
    const [bInvoice] = await odoo19.client().searchRead(
      'account.move',
      [
        ['partner_id', 'child_of', [SEED_IDS.customers.B]],
        ['state', '=', 'posted'],
      ],
      { fields: ['name'], limit: 1 },
    );
    expect(await getInvoice(portalContext(odoo19, 'fionaA'), bInvoice!.id)).toBeNull();
    expect(await getInvoice(portalContext(odoo16, 'fionaA'), bInvoice!.id)).toBeNull();
  });
});
