import { describe, expect, it } from 'vitest';
import type { PortalContext } from '../../lib/context';
import type { Domain } from '../../lib/odoo';
import { ordersNamed } from '../../lib/portal/order-names';

/** A context whose Odoo answers a search of orders by number from `orders`, noting the numbers asked. */
function contextWith(orders: Record<string, number>) {
  const asked: string[][] = [];
  const odoo = {
    async searchRead(_model: string, domain: Domain) {
      const names = (domain[0] as [string, string, string[]])[2];
      asked.push(names);
      return names.filter((n) => orders[n]).map((n) => ({ id: orders[n]!, name: n }));
    },
  };
  return { ctx: { tenant: { id: 7 }, odoo } as unknown as PortalContext, asked };
}

describe('orders named by an invoice origin', () => {
  it('answers from every order number of the tenant without asking Odoo, a number not among them naming none', async () => {
    const { ctx, asked } = contextWith({ S1: 1, S2: 2 });
    const found = await ordersNamed(ctx, ['S1', 'S9', 'S1'], { ids: new Map([['S1', 1]]), complete: true });
    expect([...found]).toEqual([['S1', 1]]);
    expect(asked).toEqual([]);
  });

  it('looks up only the numbers beyond the newest kept ones, once each', async () => {
    const { ctx, asked } = contextWith({ S1: 1, S2: 2 });
    const found = await ordersNamed(ctx, ['S1', 'S2', 'S9', 'S2'], { ids: new Map([['S1', 1]]), complete: false });
    expect(new Map(found)).toEqual(
      new Map([
        ['S1', 1],
        ['S2', 2],
      ]),
    );
    expect(asked).toEqual([['S2', 'S9']]);
  });

  it('looks up every number when none are known (no cache), and asks nothing for no numbers', async () => {
    const { ctx, asked } = contextWith({ S1: 1 });
    expect([...(await ordersNamed(ctx, ['S1', 'S3'], null))]).toEqual([['S1', 1]]);
    expect([...(await ordersNamed(ctx, [], null))]).toEqual([]);
    expect(asked).toEqual([['S1', 'S3']]);
  });
});
