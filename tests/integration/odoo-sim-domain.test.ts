import { describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../odoo-sim/seed';
import { simulatorClient } from '../helpers/odoo-sim';

/**
 * The simulator resolves a path through a one2many (order_line.product_id.default_code) as
 * Odoo's SQL does, from the lines up through a many2one index: it must find exactly the
 * orders whose lines hold a matching product, and see lines written after the index was built.
 */
const sim = simulatorClient();

async function ordersWithSkuByWalkingLines(sku: string): Promise<number[]> {
  const products = await sim.odoo.searchRead(
    'product.product',
    [
      ['default_code', 'ilike', sku],
      ['active', 'in', [true, false]],
    ],
    { fields: ['id'] },
  );
  const lines = await sim.odoo.searchRead('sale.order.line', [['product_id', 'in', products.map((p) => p.id)]], {
    fields: ['order_id'],
    limit: 100_000,
  });
  return [...new Set(lines.map((l) => (l.order_id as [number, string])[0]))].sort((a, b) => a - b);
}

describe('a domain through a one2many path', () => {
  it('finds exactly the orders whose lines hold a matching product', async () => {
    const domain = [['order_line.product_id.default_code', 'ilike', 'FAS-100']];
    const found = await sim.odoo.searchRead('sale.order', domain, { fields: ['id'], limit: 100_000, order: 'id' });
    const expected = await ordersWithSkuByWalkingLines('FAS-100');
    expect(expected.length).toBeGreaterThan(10);
    expect(found.map((o) => o.id)).toEqual(expected);
    expect(await sim.odoo.searchCount('sale.order', domain)).toBe(expected.length);
  });

  it('sees an order created after the first search, and combines with other conditions', async () => {
    const [product] = await sim.odoo.searchRead('product.product', [['default_code', '=', 'FAS-1001']], { fields: ['id'] });
    const domain = [
      ['partner_id', 'child_of', [SEED_IDS.customers.B]],
      ['order_line.product_id.default_code', '=ilike', 'fas-1001'],
    ];
    const before = await sim.odoo.searchCount('sale.order', domain);
    const id = await sim.odoo.create('sale.order', {
      partner_id: SEED_IDS.contacts.brunoBuyerB,
      order_line: [[0, 0, { product_id: product!.id, product_uom_qty: 1 }]],
    });
    const after = await sim.odoo.searchRead('sale.order', domain, { fields: ['id'], limit: 100_000 });
    expect(after).toHaveLength(before + 1);
    expect(after.map((o) => o.id)).toContain(id);
  });
});

describe('a domain that names ids', () => {
  it('answers as a scan of the whole table does: order, other conditions, offset, counts', async () => {
    const all = await sim.odoo.searchRead('sale.order', [], {
      fields: ['id', 'state', 'partner_id'],
      limit: 100_000,
      order: 'date_order desc, id',
    });
    const ids = all.filter((_, i) => i % 3 === 0).map((o) => o.id);
    const scanned = all.filter((o) => ids.includes(o.id) && o.state === 'sale').map((o) => o.id);
    expect(scanned.length).toBeGreaterThan(3);

    const domain = [
      ['id', 'in', ids],
      ['state', '=', 'sale'],
    ];
    const found = await sim.odoo.searchRead('sale.order', domain, { fields: ['id'], order: 'date_order desc, id', limit: 100_000 });
    expect(found.map((o) => o.id)).toEqual(scanned);
    const paged = await sim.odoo.searchRead('sale.order', domain, { fields: ['id'], order: 'date_order desc, id', offset: 1, limit: 2 });
    expect(paged.map((o) => o.id)).toEqual(scanned.slice(1, 3));
    expect(await sim.odoo.searchCount('sale.order', domain)).toBe(scanned.length);

    // id = n together with the tenant: only the tenant's own order.
    const own = all.find(
      (o) =>
        (o.partner_id as [number, string])[0] === SEED_IDS.contacts.bobBuyerA ||
        (o.partner_id as [number, string])[0] === SEED_IDS.customers.A,
    )!;
    const tenant = ['partner_id', 'child_of', [SEED_IDS.customers.B]];
    expect(await sim.odoo.searchCount('sale.order', [['id', '=', own.id]])).toBe(1);
    expect(await sim.odoo.searchCount('sale.order', [['id', '=', own.id], tenant])).toBe(0);
    // Ids that match nothing, or that are not integers, as before.
    expect(await sim.odoo.searchCount('sale.order', [['id', 'in', []]])).toBe(0);
    expect(await sim.odoo.searchCount('sale.order', [['id', '=', false]])).toBe(0);
    expect(await sim.odoo.searchCount('sale.order', ['|', ['id', '=', own.id], ['id', '=', ids[0]!]])).toBe(own.id === ids[0] ? 1 : 2);
  });
});

describe('a float field with digits', () => {
  it('is rounded as Odoo writes it: an order line’s quantity to 2 decimals (0.004 is 0)', async () => {
    const [product] = await sim.odoo.searchRead('product.product', [['sale_ok', '=', true]], { fields: ['id'], limit: 1 });
    const orderId = await sim.odoo.create('sale.order', {
      partner_id: SEED_IDS.customers.A,
      order_line: [
        [0, 0, { product_id: product!.id, product_uom_qty: 0.004 }],
        [0, 0, { product_id: product!.id, product_uom_qty: 1.125 }],
        [0, 0, { product_id: product!.id, product_uom_qty: 2.5 }],
      ],
    });
    const lines = await sim.odoo.searchRead('sale.order.line', [['order_id', '=', orderId]], { fields: ['product_uom_qty'], order: 'id' });
    expect(lines.map((l) => l.product_uom_qty)).toEqual([0, 1.13, 2.5]);
  });
});
