import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OdooGateway } from '../../lib/odoo/client';
import { getAccount } from '../../lib/portal/account';
import type { OdooSimulator } from '../../odoo-sim/server';
import { startSimulator } from '../helpers/odoo-sim';
import { portalContext } from '../helpers/portal-context';

let sim: OdooSimulator;
let gateway: OdooGateway;

beforeAll(async () => {
  const started = await startSimulator();
  sim = started.sim;
  gateway = new OdooGateway(started.config());
});
afterAll(() => sim.close());

describe('the credit limit', () => {
  it('is in the company currency Odoo keeps it in, whatever currency the customer buys in', async () => {
    // Brightline buys in US$ and Kestrel in €; the seller's company keeps its books in US$.
    expect((await getAccount(portalContext(gateway, 'bobA'))).company.creditLimit).toEqual({ amount: 150_000, currency: 'USD' });
    expect((await getAccount(portalContext(gateway, 'brunoB'))).company.creditLimit).toEqual({ amount: 80_000, currency: 'USD' });
  });
});
