import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OdooGateway } from '../../lib/odoo/client';
import { priceCart } from '../../lib/portal/cart';
import { PRODUCT_SEARCH_LIMIT, searchProducts } from '../../lib/portal/product-search';
import { TenantReadCache, setTenantReadCache } from '../../lib/portal/read-cache';
import type { OdooSimulator } from '../../odoo-sim/server';
import { startSimulator } from '../helpers/odoo-sim';
import { portalContext } from '../helpers/portal-context';

/**
 * The quick order's typeahead against the simulator: it finds catalogue products by SKU
 * and by part of the name, with the signed-in customer's own price and stock, and nothing
 * else: no archived, unsellable or other company's product, and `%` / `_` typed are letters.
 */
let sim: OdooSimulator;
let gateway: OdooGateway;
const SKUS = {
  sellable: 'TYP-SELLABLE',
  archived: 'TYP-ARCHIVED',
  unsellable: 'TYP-NOT-SOLD',
  otherCompany: 'TYP-OTHER-CO',
  percent: 'TYP-100%OFF',
  percentDecoy: 'TYP-100XOFF',
  underscore: 'TYP_A',
  underscoreDecoy: 'TYPXA',
} as const;
const ids = {} as Record<keyof typeof SKUS, number>;

beforeAll(async () => {
  const started = await startSimulator();
  sim = started.sim;
  gateway = new OdooGateway(started.config());
  const odoo = gateway.client();
  const otherCompany = await odoo.create('res.company', { name: 'Other Seller Ltd' });
  const product = (key: keyof typeof SKUS, name: string, extra: Record<string, unknown> = {}) =>
    odoo
      .create('product.product', {
        name,
        default_code: SKUS[key],
        lst_price: 200,
        list_price: 200,
        qty_available: 12,
        type: 'consu',
        uom_id: 1,
        taxes_id: [1],
        ...extra,
      })
      .then((id) => (ids[key] = id));
  await Promise.all([
    product('sellable', 'Zephyr Torque Wrench'),
    product('archived', 'Zephyr Torque Wrench Archived', { active: false }),
    product('unsellable', 'Zephyr Torque Wrench Internal', { sale_ok: false }),
    product('otherCompany', 'Zephyr Torque Wrench Other Co', { company_id: otherCompany }),
    product('percent', 'Clearance 100% off'),
    product('percentDecoy', 'Clearance 100X off'),
    product('underscore', 'Quokka Clamp'),
    product('underscoreDecoy', 'Quokka Clamp Decoy'),
  ]);
  // Each test reads Odoo, not an answer an earlier one left in the process-wide cache.
  setTenantReadCache(new TenantReadCache(0));
}, 60_000);
afterAll(() => sim.close());

const bob = () => portalContext(gateway, 'bobA');
const skus = (r: { products: { sku: string }[] }) => r.products.map((p) => p.sku);

describe('the quick order product search', () => {
  it('finds a product by its SKU, whatever the case, exact match first', async () => {
    const result = await searchProducts(bob(), 'typ-sellable');
    expect(skus(result)).toEqual([SKUS.sellable]);
    expect(result.products[0]).toMatchObject({ productId: ids.sellable, name: 'Zephyr Torque Wrench', available: 12, unit: 'Units' });
  });

  it('finds a product by part of its name', async () => {
    const result = await searchProducts(bob(), 'zephyr torque wre');
    expect(skus(result)).toEqual([SKUS.sellable]);
  });

  it('never returns archived, not sellable or another company’s products', async () => {
    const result = await searchProducts(bob(), 'Zephyr');
    expect(skus(result)).toEqual([SKUS.sellable]);
    expect(JSON.stringify(result)).not.toMatch(/ARCHIVED|NOT-SOLD|OTHER-CO|Internal|Other Co/);
  });

  it('takes % and _ as themselves, not as wildcards', async () => {
    expect(skus(await searchProducts(bob(), '100%'))).toEqual([SKUS.percent]);
    expect(skus(await searchProducts(bob(), 'TYP_A'))).toEqual([SKUS.underscore]);
    expect(await searchProducts(bob(), '%%')).toEqual({ query: '%%', currency: null, products: [] });
    expect(await searchProducts(bob(), '__')).toMatchObject({ products: [] });
  });

  it('prices for the signed-in customer, as the cart does, not at list price nor at another customer’s price', async () => {
    const [a, b] = await Promise.all([
      searchProducts(bob(), SKUS.sellable),
      searchProducts(portalContext(gateway, 'brunoB'), SKUS.sellable),
    ]);
    const cart = await priceCart(bob(), [{ productId: ids.sellable, quantity: 1 }]);
    // Brightline's pricelist takes 10 % off in USD, Kestrel's 5 % in EUR.
    expect(a).toMatchObject({ currency: cart.currency, products: [{ priceUnit: cart.lines[0]!.priceUnit }] });
    expect(a.products[0]!.priceUnit).toBe(180);
    expect(b.products[0]!.priceUnit).toBe(190);
    expect(a.currency).not.toBe(b.currency);
  });

  it('answers at most ten products, in two Odoo calls however many match', async () => {
    const ctx = bob();
    await ctx.odoo.sellerCompanyId(); // asked once per process
    const before = ctx.odoo.callLog.calls;
    const result = await searchProducts(ctx, 'FAS-');
    expect(result.products).toHaveLength(PRODUCT_SEARCH_LIMIT);
    expect(result.products.every((p) => p.sku.startsWith('FAS-') && p.priceUnit > 0)).toBe(true);
    expect(ctx.odoo.callLog.calls - before).toBe(2);
  });

  it('keeps one tenant’s cached answer from another', async () => {
    setTenantReadCache(new TenantReadCache(60_000));
    try {
      const a = await searchProducts(bob(), SKUS.sellable);
      const b = await searchProducts(portalContext(gateway, 'brunoB'), SKUS.sellable);
      expect(a.products[0]!.priceUnit).toBe(180);
      expect(b.products[0]!.priceUnit).toBe(190);
    } finally {
      setTenantReadCache(new TenantReadCache(0));
    }
  });
});
