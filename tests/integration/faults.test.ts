import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { OdooGateway } from '../../lib/odoo/client';
import { OdooUnavailableError } from '../../lib/odoo/errors';
import { listOrders } from '../../lib/portal/orders';
import { placeOrder } from '../../lib/portal/place-order';
import { orderListQuery } from '../../lib/schemas/orders';
import type { OdooSimulator } from '../../odoo-sim/server';
import { SEED_IDS } from '../../odoo-sim/seed';
import { startSimulator } from '../helpers/odoo-sim';
import { portalContext } from '../helpers/portal-context';

let sim: OdooSimulator;
let config: ReturnType<Awaited<ReturnType<typeof startSimulator>>['config']>;

beforeAll(async () => {
  const started = await startSimulator();
  sim = started.sim;
  config = started.config({ timeoutMs: 250, readRetries: 1 });
});
afterAll(() => sim.close());

const countOrders = async () => new OdooGateway({ ...config, timeoutMs: 5000 }).client().searchCount('sale.order', []);
const input = () => ({ idempotencyKey: randomUUID(), lines: [{ productId: 1, quantity: 2 }], shippingAddressId: SEED_IDS.customers.A, poReference: 'PO-FAULT' });

describe('when Odoo fails', () => {
  it('answers a clear unavailable error when Odoo is down, without hanging, and works again when it is back', async () => {
    const ctx = portalContext(new OdooGateway(config), 'bobA');
    sim.setFaults({ outage: true });
    const started = performance.now();
    await expect(listOrders(ctx, orderListQuery.parse({}))).rejects.toBeInstanceOf(OdooUnavailableError);
    expect(performance.now() - started).toBeLessThan(2_000);
    sim.resetFaults();
    expect((await listOrders(ctx, orderListQuery.parse({}))).total).toBeGreaterThan(0);
  });

  it('gives up at the timeout when Odoo is slower than it', async () => {
    const ctx = portalContext(new OdooGateway(config), 'bobA');
    sim.setFaults({ latencyMs: 1_000 });
    const started = performance.now();
    await expect(listOrders(ctx, orderListQuery.parse({}))).rejects.toMatchObject({ reason: 'timeout', digest: 'odoo-timeout' });
    // Two attempts of 250 ms plus a short backoff: well under Odoo's 1 s.
    expect(performance.now() - started).toBeLessThan(900);
    sim.resetFaults();
  });

  it('a reorder whose create times out but lands in Odoo is found on retry: exactly one order', async () => {
    const gateway = new OdooGateway(config);
    const order = input();
    const before = await countOrders();
    sim.setFaults({ methodLatencyMs: { create: 400 } }); // the create answers after the 250 ms timeout, and still happens
    await expect(placeOrder(portalContext(gateway, 'bobA'), order, { mode: 'confirm' })).rejects.toMatchObject({ reason: 'timeout' });
    sim.resetFaults();
    await expect.poll(countOrders, { timeout: 10_000 }).toBe(before + 1); // Odoo finishes the create it received
    const retried = await placeOrder(portalContext(gateway, 'bobA'), order, { mode: 'confirm', staleAfterMs: 0 });
    expect(retried.created).toBe(false);
    expect(await countOrders()).toBe(before + 1);
  });

  it('a reorder refused by a failing Odoo is a clear failure with no order, and the same form can be sent again', async () => {
    const gateway = new OdooGateway(config);
    const order = input();
    const before = await countOrders();
    sim.setFaults({ errorRate: 1 });
    const failure = await placeOrder(portalContext(gateway, 'bobA'), order, { mode: 'confirm' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    sim.resetFaults();
    expect(await countOrders()).toBe(before);
    const placed = await placeOrder(portalContext(gateway, 'bobA'), order, { mode: 'confirm' });
    expect(placed.created).toBe(true);
    expect(await countOrders()).toBe(before + 1);
  });
});
