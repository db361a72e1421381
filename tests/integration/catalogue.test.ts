import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { portalDb } from '../../lib/db/sql';
import { OdooGateway } from '../../lib/odoo/client';
import { NO_LONGER_AVAILABLE, priceCart, reorderRequest } from '../../lib/portal/cart';
import { placeOrder } from '../../lib/portal/place-order';
import type { OdooSimulator } from '../../odoo-sim/server';
import { SEED_IDS } from '../../odoo-sim/seed';
import { startSimulator } from '../helpers/odoo-sim';
import { portalContext } from '../helpers/portal-context';

/**
 * Only active, sellable products of the seller's company (or of no company) are priced,
 * shown or ordered: an archived product, one with sale_ok = false and one of another
 * company of the same Odoo, next to a normal one, on Odoo 19 (products nested in the
 * order) and Odoo 16 (products searched).
 */
const sims: OdooSimulator[] = [];
const gateways: Record<'odoo19' | 'odoo16', OdooGateway> = {} as never;
const SKUS = { archived: 'CAT-ARCHIVED', unsellable: 'CAT-NOT-SOLD', otherCompany: 'CAT-OTHER-CO', sellable: 'CAT-SELLABLE' } as const;
const ids = {} as Record<keyof typeof SKUS, number>;
let pastOrder: number;

beforeAll(async () => {
  const [a, b] = await Promise.all([startSimulator({ version: 19 }), startSimulator({ version: 16 })]);
  sims.push(a.sim, b.sim);
  gateways.odoo19 = new OdooGateway(a.config());
  gateways.odoo16 = new OdooGateway(b.config());
  for (const gateway of Object.values(gateways)) {
    // The same records, with the same ids, in both servers.
    const odoo = gateway.client();
    const otherCompany = await odoo.create('res.company', { name: 'Other Seller Ltd' });
    const product = (sku: string, extra: Record<string, unknown>) =>
      odoo.create('product.product', {
        name: `Catalogue test ${sku}`,
        default_code: sku,
        lst_price: 100,
        list_price: 100,
        qty_available: 37,
        type: 'consu',
        uom_id: 1,
        taxes_id: [1],
        ...extra,
      });
    ids.archived = await product(SKUS.archived, { active: false });
    ids.unsellable = await product(SKUS.unsellable, { sale_ok: false });
    ids.otherCompany = await product(SKUS.otherCompany, { company_id: otherCompany });
    ids.sellable = await product(SKUS.sellable, {});
    // An earlier order of customer A with all four, from before they left the catalogue.
    pastOrder = await odoo.create('sale.order', {
      partner_id: SEED_IDS.contacts.bobBuyerA,
      order_line: Object.values(ids).map((id) => [0, 0, { product_id: id, product_uom_qty: 3 }]),
    });
  }
  await portalDb(); // the order claims' store opens once; PGlite's start takes long on a busy machine
}, 120_000);
afterAll(() => Promise.all(sims.map((s) => s.close())));

const outside = ['archived', 'unsellable', 'otherCompany'] as const;

describe('ordering again', () => {
  it('shows lines whose product left the catalogue as no longer available, with no price or stock, on Odoo 19 and 16', async () => {
    const carts = await Promise.all(
      Object.values(gateways).map(async (gateway) => {
        const ctx = portalContext(gateway, 'bobA');
        return priceCart(ctx, (await reorderRequest(ctx, pastOrder))!.requests);
      }),
    );
    expect(carts[0]).toEqual(carts[1]);
    const cart = carts[0]!;
    for (const which of outside) {
      expect(cart.lines.find((l) => l.productId === ids[which])).toEqual({
        productId: ids[which],
        sku: null,
        name: `[${SKUS[which]}] Catalogue test ${SKUS[which]}`,
        quantity: 3,
        unit: null,
        available: null,
        sellable: false,
        problem: NO_LONGER_AVAILABLE,
        priceUnit: 0,
        subtotal: 0,
      });
    }
    const sellable = cart.lines.find((l) => l.productId === ids.sellable)!;
    expect(sellable).toMatchObject({ sku: SKUS.sellable, sellable: true, available: 37, problem: null });
    expect(sellable.priceUnit).toBeGreaterThan(0);
    expect(cart.amountUntaxed).toBe(sellable.subtotal);
    expect(cart.currency).toBe('USD'); // Odoo's, from the priced order: Brightline buys in dollars
  });

  it('names no currency for a cart with no line to order: nothing was priced', async () => {
    const ctx = portalContext(gateways.odoo19, 'bobA');
    const { requests } = (await reorderRequest(ctx, pastOrder))!;
    const cart = await priceCart(
      ctx,
      requests.filter((r) => r.productId !== ids.sellable),
    );
    expect(cart.lines.length).toBe(outside.length);
    expect(cart.lines.some((l) => l.sellable)).toBe(false);
    expect(cart).toMatchObject({ currency: null, amountTotal: 0 });
  });
});

describe('quick order and repricing', () => {
  it('finds only catalogue SKUs: the others answer as unknown ones', async () => {
    const cart = await priceCart(
      portalContext(gateways.odoo19, 'bobA'),
      Object.entries(SKUS).map(([, sku], i) => ({ sku, quantity: 2, line: i + 1 })),
    );
    expect(cart.lines.map((l) => l.sku)).toEqual([SKUS.sellable]);
    expect(cart.errors).toEqual(
      outside.map((which) =>
        expect.objectContaining({
          line: Object.keys(SKUS).indexOf(which) + 1,
          text: SKUS[which],
          message: `Unknown SKU “${SKUS[which]}”.`,
        }),
      ),
    );
  });

  it('finds a SKU typed in another case, exactly: its `_` is no wildcard, on Odoo 19 and 16', async () => {
    for (const gateway of Object.values(gateways)) {
      const cart = await priceCart(portalContext(gateway, 'bobA'), [
        { sku: SKUS.sellable.toLowerCase(), quantity: 2, line: 1 },
        { sku: 'Cat-Sellable', quantity: 1, line: 2 },
        { sku: 'CAT_SELLABLE', quantity: 1, line: 3 },
        { sku: 'cat-sell%', quantity: 1, line: 4 },
        { sku: 'cat-not-sold', quantity: 1, line: 5 },
      ]);
      // One product written in two cases: one line, the quantities added up.
      expect(cart.lines.map((l) => [l.sku, l.quantity])).toEqual([[SKUS.sellable, 3]]);
      expect(cart.errors.map((e) => [e.line, e.message])).toEqual([
        [3, 'Unknown SKU “CAT_SELLABLE”.'],
        [4, 'Unknown SKU “cat-sell%”.'],
        [5, 'Unknown SKU “cat-not-sold”.'],
      ]);
    }
  });

  it('finds a SKU stored in mixed case, typed in one case', async () => {
    for (const gateway of Object.values(gateways)) {
      const odoo = gateway.client();
      const code = `Cat-Mixed-${gateway === gateways.odoo19 ? 19 : 16}`;
      await odoo.create('product.product', {
        name: 'Mixed case',
        default_code: code,
        lst_price: 10,
        list_price: 10,
        type: 'consu',
        uom_id: 1,
      });
      const ctx = portalContext(gateway, 'bobA');
      const cart = await priceCart(ctx, [
        { sku: code.toUpperCase(), quantity: 1, line: 1 },
        { sku: SKUS.sellable.toLowerCase(), quantity: 1, line: 2 },
      ]);
      expect(cart.lines.map((l) => l.sku)).toEqual([code, SKUS.sellable]);
      expect(cart.errors).toEqual([]);
    }
  });

  it('neither prices nor names a product id from outside the catalogue that the browser posts', async () => {
    for (const gateway of Object.values(gateways)) {
      const cart = await priceCart(
        portalContext(gateway, 'bobA'),
        Object.values(ids).map((productId) => ({ productId, quantity: 1 })),
      );
      expect(cart.lines.map((l) => l.productId)).toEqual([ids.sellable]);
      expect(cart.errors.map((e) => e.text)).toEqual(outside.map((which) => String(ids[which])));
      expect(JSON.stringify(cart)).not.toMatch(/CAT-(ARCHIVED|NOT-SOLD|OTHER-CO)/);
    }
  });
});

describe('placing an order', () => {
  it('refuses a line outside the catalogue even when the browser posts it, and creates nothing', async () => {
    const gateway = gateways.odoo19;
    const before = await gateway.client().searchCount('sale.order', []);
    for (const which of outside) {
      const lines = [
        { productId: ids.sellable, quantity: 1 },
        { productId: ids[which], quantity: 1 },
      ];
      await expect(
        placeOrder(
          portalContext(gateway, 'bobA'),
          { idempotencyKey: randomUUID(), lines, shippingAddressId: SEED_IDS.customers.A },
          { mode: 'confirm' },
        ),
      ).rejects.toMatchObject({ code: 'bad_request', message: 'Some products are no longer available. Review the order again.' });
    }
    expect(await gateway.client().searchCount('sale.order', [])).toBe(before);
    const placed = await placeOrder(
      portalContext(gateway, 'bobA'),
      { idempotencyKey: randomUUID(), lines: [{ productId: ids.sellable, quantity: 1 }], shippingAddressId: SEED_IDS.customers.A },
      { mode: 'confirm' },
    );
    expect(placed).toMatchObject({ created: true, state: 'confirmed' });
  });
});
