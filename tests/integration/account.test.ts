import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OdooGateway } from '../../lib/odoo/client';
import { createAddress, getAccount } from '../../lib/portal/account';
import { priceCart } from '../../lib/portal/cart';
import type { OdooSimulator } from '../../odoo-sim/server';
import { SEED_IDS } from '../../odoo-sim/seed';
import { startSimulator } from '../helpers/odoo-sim';
import { portalContext } from '../helpers/portal-context';

/**
 * Credit as Odoo keeps it (res.partner credit_limit and credit, in the company currency) and
 * Odoo's own sale.order.partner_credit_warning in the order review. The seeded company uses
 * credit limits; Brightline (A) is within its limit, Kestrel (B) is over its own.
 */
const sims: OdooSimulator[] = [];
let odoo19: OdooGateway;
let odoo16: OdooGateway;
let sim19: OdooSimulator;

beforeAll(async () => {
  const [a, b] = await Promise.all([startSimulator({ version: 19 }), startSimulator({ version: 16 })]);
  sims.push(a.sim, b.sim);
  sim19 = a.sim;
  odoo19 = new OdooGateway(a.config());
  odoo16 = new OdooGateway(b.config());
});
afterAll(() => Promise.all(sims.map((s) => s.close())));

/** Runs `body` with a seeded record changed on the Odoo 19 simulator, then puts it back. */
async function withChanged(model: string, id: number, values: Record<string, unknown>, body: () => Promise<void>) {
  const before = { ...sim19.store.get(model, id)! };
  sim19.store.update(model, id, values);
  try {
    await body();
  } finally {
    sim19.store.update(model, id, Object.fromEntries(Object.keys(values).map((k) => [k, before[k]])));
  }
}

const quickOrder = (sku: string, quantity: number) => [{ sku, quantity, line: 1 }];

describe('the credit on the account page', () => {
  it('shows the limit, what is used (Odoo’s credit: open invoices less credit notes) and what is left, in the company currency', async () => {
    const { credit } = (await getAccount(portalContext(odoo19, 'fionaA'))).company;
    expect(credit).toEqual({
      limit: 5_600_000,
      used: 5_397_472.22,
      available: 202_527.78,
      overLimit: false,
      currency: 'USD',
      partnerName: 'Brightline Hardware Ltd',
    });
  });

  it('is in the company currency whatever currency the customer buys in, and says when the customer is over the limit', async () => {
    // Kestrel buys in €; the seller's company keeps its books (and credit limits) in US$.
    const { credit } = (await getAccount(portalContext(odoo19, 'friedaB'))).company;
    expect(credit).toMatchObject({ limit: 80_000, currency: 'USD', overLimit: true });
    expect(credit!.available).toBeLessThan(0);
    expect(credit!.available).toBe(Math.round((credit!.limit - credit!.used) * 100) / 100);
  });

  it('is left out for those who do not see invoice amounts (its used part is the unpaid invoices)', async () => {
    expect((await getAccount(portalContext(odoo19, 'aliceA'))).company.credit).toMatchObject({ used: 5_397_472.22 });
    expect((await getAccount(portalContext(odoo19, 'bobA'))).company.credit).toBeNull();
    const viewer = { ...portalContext(odoo19, 'bobA'), roles: new Set(['viewer'] as const) };
    expect((await getAccount(viewer)).company.credit).toBeNull();
  });

  it('shows nothing for a customer without a limit', async () => {
    await withChanged('res.partner', SEED_IDS.customers.A, { credit_limit: 0 }, async () => {
      expect((await getAccount(portalContext(odoo19, 'fionaA'))).company.credit).toBeNull();
    });
  });

  it('shows nothing when the company does not use credit limits (Odoo’s “Sales Credit Limit” setting off)', async () => {
    await withChanged('res.company', SEED_IDS.company, { account_use_credit_limit: false }, async () => {
      expect((await getAccount(portalContext(odoo19, 'fionaA'))).company.credit).toBeNull();
      expect((await priceCart(portalContext(odoo19, 'bobA'), quickOrder('FAS-1001', 5000))).creditWarning).toBeNull();
    });
  });

  it('reads the same figures from Odoo 16', async () => {
    const [on19, on16] = await Promise.all([getAccount(portalContext(odoo19, 'bobA')), getAccount(portalContext(odoo16, 'bobA'))]);
    expect(on16.company.credit).toEqual(on19.company.credit);
  });
});

describe('the credit warning in the order review', () => {
  it('gives Odoo’s own warning when the priced cart takes the customer over the limit (Odoo 19 counts orders not yet invoiced)', async () => {
    const cart = await priceCart(portalContext(odoo19, 'aliceA'), quickOrder('FAS-1001', 5000));
    expect(cart.amountTotal).toBeGreaterThan(202_527.78);
    expect(cart.creditWarning).toMatch(
      /^Brightline Hardware Ltd has reached its credit limit of: \$\u00a05,600,000\.00\nTotal amount due \(including sales orders and this document\): \$\u00a0[\d,]+\.\d\d$/,
    );
  });

  it('tells a buyer the limit is reached without the amounts owed, which only those who see invoice amounts get', async () => {
    const cart = await priceCart(portalContext(odoo19, 'bobA'), quickOrder('FAS-1001', 5000));
    expect(cart.creditWarning).toBe('Brightline Hardware Ltd has reached its credit limit with this order.');
    const b = await priceCart(portalContext(odoo19, 'brunoB'), quickOrder('FAS-1001', 10));
    expect(b.creditWarning).toBe('Kestrel Builders GmbH has reached its credit limit with this order.');
  });

  it('gives no warning for an order within the limit, and none to a customer without a limit', async () => {
    const ctx = portalContext(odoo19, 'bobA');
    expect((await priceCart(ctx, quickOrder('FAS-1001', 10))).creditWarning).toBeNull();
    await withChanged('res.partner', SEED_IDS.customers.A, { credit_limit: 0 }, async () => {
      expect((await priceCart(ctx, quickOrder('FAS-1001', 5000))).creditWarning).toBeNull();
    });
  });

  it('warns a customer already over its limit on any order, the same cart that does not warn another', async () => {
    const [a, b] = await Promise.all([
      priceCart(portalContext(odoo19, 'bobA'), quickOrder('FAS-1001', 10)),
      priceCart(portalContext(odoo19, 'friedaB'), quickOrder('FAS-1001', 10)),
    ]);
    expect(a.creditWarning).toBeNull();
    expect(b.creditWarning).toMatch(/^Kestrel Builders GmbH has reached its credit limit of: \$\u00a080,000\.00\n/);
  });

  it('gives Odoo 16’s own words on Odoo 16', async () => {
    const cart = await priceCart(portalContext(odoo16, 'aliceA'), quickOrder('FAS-1001', 5000));
    expect(cart.creditWarning).toMatch(
      /^Brightline Hardware Ltd has reached its Credit Limit of : \$\u00a05,600,000\.00\nTotal amount due \(including this document\) : \$\u00a0[\d,]+\.\d\d$/,
    );
    expect((await priceCart(portalContext(odoo16, 'bobA'), quickOrder('FAS-1001', 10))).creditWarning).toBeNull();
  });
});

describe('a new delivery address', () => {
  it('is created once when the same address is sent twice at once, and an address that differs is created beside it', async () => {
    const input = { name: 'Dock 7', street: '7 Quay Road', zip: '98421', city: 'Tacoma', countryCode: 'US' };
    const [first, again] = await Promise.all([
      createAddress(portalContext(odoo19, 'aliceA'), input),
      createAddress(portalContext(odoo19, 'aliceA'), input),
    ]);
    expect(again).toBe(first);
    const other = await createAddress(portalContext(odoo19, 'aliceA'), { ...input, street2: 'Gate B' });
    expect(other).not.toBe(first);
    const saved = await odoo19.client().searchRead(
      'res.partner',
      [
        ['parent_id', '=', SEED_IDS.customers.A],
        ['name', '=', 'Dock 7'],
      ],
      { fields: ['street2'], order: 'id' },
    );
    expect(saved.map((r) => r.street2)).toEqual([false, 'Gate B']);
  });
});
