import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { OdooGateway, type OdooRecord } from '../../lib/odoo/client';
import { portalDb } from '../../lib/db/sql';
import { OdooUnavailableError } from '../../lib/odoo/errors';
import { priceCart, reorderRequest } from '../../lib/portal/cart';
import { invoicePdfSource, invoicesForExport } from '../../lib/portal/invoices';
import { invoiceZip, NOT_FETCHED } from '../../lib/portal/invoice-zip';
import { listOrders } from '../../lib/portal/orders';
import { placeOrder, type PlacedOrder } from '../../lib/portal/place-order';
import { orderListQuery } from '../../lib/schemas/orders';
import type { OdooSimulator } from '../../odoo-sim/server';
import { SEED_IDS } from '../../odoo-sim/seed';
import { startSimulator, TEST_TODAY } from '../helpers/odoo-sim';
import { portalContext } from '../helpers/portal-context';
import { unzip } from '../helpers/unzip';

let sim: OdooSimulator;
let config: ReturnType<Awaited<ReturnType<typeof startSimulator>>['config']>;

beforeAll(async () => {
  const started = await startSimulator();
  sim = started.sim;
  config = started.config({ timeoutMs: 250, readRetries: 1 });
  await portalDb(); // the order claims' store opens once; PGlite's start takes long on a busy machine
}, 120_000);
afterEach(() => sim.resetFaults());
afterAll(() => sim.close());

const admin = () => new OdooGateway({ ...config, timeoutMs: 5000 }).client();
const countOrders = async () => admin().searchCount('sale.order', []);
const input = () => ({
  idempotencyKey: randomUUID(),
  lines: [{ productId: 1, quantity: 2 }],
  shippingAddressId: SEED_IDS.customers.A,
  poReference: 'PO-FAULT',
});
/** The orders Odoo holds for one form (its key is the order's Source Document). */
const ordersOfForm = (key: string) =>
  admin().searchRead<OdooRecord & { name: string; state: string }>('sale.order', [['origin', '=', `portal:${key}`]], {
    fields: ['name', 'state'],
  });
/** A gateway that has asked Odoo its version and the seller's company, as a running portal has. */
async function warmGateway(overrides: Partial<typeof config>) {
  const gateway = new OdooGateway({ ...config, ...overrides });
  await gateway.client().sellerCompanyId();
  await gateway.client().hasWebRead();
  return gateway;
}

describe('when Odoo fails', () => {
  it('answers a clear unavailable error when Odoo is down, without hanging, and works again when it is back', async () => {
    const gateway = await warmGateway({ timeoutMs: 1_000 });
    sim.setFaults({ outage: true });
    const started = performance.now();
    await expect(listOrders(portalContext(gateway, 'bobA'), orderListQuery.parse({}))).rejects.toBeInstanceOf(OdooUnavailableError);
    expect(performance.now() - started).toBeLessThan(2_000);
    sim.resetFaults();
    expect((await listOrders(portalContext(gateway, 'bobA'), orderListQuery.parse({}))).total).toBeGreaterThan(0);
  });

  it('gives up at the timeout when Odoo is slower than it', async () => {
    const ctx = portalContext(new OdooGateway(config), 'bobA');
    sim.setFaults({ latencyMs: 1_000 });
    const started = performance.now();
    await expect(listOrders(ctx, orderListQuery.parse({}))).rejects.toMatchObject({ reason: 'timeout', digest: 'odoo-timeout' });
    // Well under Odoo's 1 s: the attempts share the 250 ms.
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('a reorder refused by a failing Odoo is a clear failure with no order, and the same form can be sent again', async () => {
    const gateway = await warmGateway({ timeoutMs: 2_000 });
    const order = input();
    const before = await countOrders();
    sim.setFaults({ errorRate: 1 });
    const failure = await placeOrder(portalContext(gateway, 'bobA'), order, { mode: 'confirm' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    sim.resetFaults();
    expect(await countOrders()).toBe(before);
    const placed = await placeOrder(portalContext(gateway, 'bobA'), order, { mode: 'confirm' });
    expect(placed).toMatchObject({ created: true, state: 'confirmed' });
    expect(await countOrders()).toBe(before + 1);
  });
});

/**
 * With ORDER_SUBMIT_MODE=confirm, a submit can stop after Odoo created the order: the
 * answer of `create` lost, `action_confirm` failing, or both. Each form still makes one
 * order, and the user is never told "placed" before Odoo confirmed it.
 */
describe('an order submit that stops half-way', () => {
  const confirm = { mode: 'confirm' } as const;

  it('finds the order whose create answer was lost, confirms it and says it was placed', async () => {
    const gateway = await warmGateway({ timeoutMs: 2_000 });
    const form = input();
    sim.setFaults({ answerLost: { create: 0 } }); // the order is created, the connection drops before the answer
    const placed = await placeOrder(portalContext(gateway, 'bobA'), form, confirm);
    expect(placed).toMatchObject({ state: 'confirmed', created: true });
    const orders = await ordersOfForm(form.idempotencyKey);
    expect(orders).toEqual([expect.objectContaining({ id: placed.id, state: 'sale' })]);
  });

  it('says it cannot tell when the create answered after the timeout, and the retry confirms that one order', async () => {
    const gateway = await warmGateway({ timeoutMs: 600 });
    const form = input();
    sim.setFaults({ answerLost: { create: 1_500 } }); // created at once, answered after the portal gave up
    const first = await placeOrder(portalContext(gateway, 'bobA'), form, confirm).catch((e: unknown) => e);
    expect(first).toMatchObject({
      code: 'odoo_unavailable',
      message: expect.stringMatching(/could not tell whether your order was created.*will not create a second order/),
    });
    expect(await ordersOfForm(form.idempotencyKey)).toEqual([expect.objectContaining({ state: 'draft' })]);
    sim.resetFaults();
    const retried = await placeOrder(portalContext(gateway, 'bobA'), form, { ...confirm, staleAfterMs: 0 });
    expect(retried).toMatchObject({ state: 'confirmed', created: false });
    expect(await ordersOfForm(form.idempotencyKey)).toEqual([expect.objectContaining({ id: retried.id, state: 'sale' })]);
  });

  it('tells the user the order is a quotation when action_confirm fails right after create, and the retry confirms it', async () => {
    const gateway = await warmGateway({ timeoutMs: 2_000 });
    const form = input();
    sim.setFaults({ methodErrorRate: { action_confirm: 1 } });
    const first = await placeOrder(portalContext(gateway, 'bobA'), form, confirm).catch((e: unknown) => e);
    const [draft] = await ordersOfForm(form.idempotencyKey);
    expect(draft).toMatchObject({ state: 'draft' });
    expect(first).toMatchObject({
      code: 'odoo_unavailable',
      message: `Order ${draft!.name} is saved as a quotation but is not confirmed yet: the ERP did not answer. Send the order again to confirm it; this will not create a second order.`,
    });
    sim.resetFaults();
    const retried = await placeOrder(portalContext(gateway, 'bobA'), form, confirm);
    expect(retried).toMatchObject({ id: draft!.id, number: draft!.name, state: 'confirmed', created: false });
    expect(await ordersOfForm(form.idempotencyKey)).toEqual([expect.objectContaining({ id: draft!.id, state: 'sale' })]);
  });

  it('does the same when both the create answer is lost and action_confirm fails', async () => {
    const gateway = await warmGateway({ timeoutMs: 2_000 });
    const form = input();
    sim.setFaults({ answerLost: { create: 0 }, methodErrorRate: { action_confirm: 1 } });
    const first = await placeOrder(portalContext(gateway, 'bobA'), form, confirm).catch((e: unknown) => e);
    const [draft] = await ordersOfForm(form.idempotencyKey);
    expect(draft).toMatchObject({ state: 'draft' });
    expect(first).toMatchObject({
      code: 'odoo_unavailable',
      message: expect.stringContaining(`Order ${draft!.name} is saved as a quotation`),
    });
    sim.resetFaults();
    const retried = await placeOrder(portalContext(gateway, 'bobA'), form, confirm);
    expect(retried).toMatchObject({ id: draft!.id, state: 'confirmed', created: false });
    expect(await ordersOfForm(form.idempotencyKey)).toEqual([expect.objectContaining({ state: 'sale' })]);
  });

  it('says placed when action_confirm ran but its answer was lost', async () => {
    const gateway = await warmGateway({ timeoutMs: 2_000 });
    const form = input();
    sim.setFaults({ answerLost: { action_confirm: 0 } });
    const placed = await placeOrder(portalContext(gateway, 'bobA'), form, confirm);
    expect(placed).toMatchObject({ state: 'confirmed', created: true });
    expect(await ordersOfForm(form.idempotencyKey)).toEqual([expect.objectContaining({ state: 'sale' })]);
  });

  it('with Odoo failing half the calls, 12 forms retried by the user: one order each, confirmed whenever the user was told it was placed', async () => {
    const gateway = await warmGateway({ timeoutMs: 2_000 });
    const forms = Array.from({ length: 12 }, input);
    const last = new Map<string, PlacedOrder | Error>();
    sim.setFaults({ errorRate: 0.5 });
    for (const form of forms) {
      for (let attempt = 0; attempt < 8; attempt++) {
        const result = await placeOrder(portalContext(gateway, 'bobA'), form, confirm).catch((e: unknown) => e as Error);
        last.set(form.idempotencyKey, result);
        if (!(result instanceof Error)) break;
      }
    }
    sim.resetFaults();
    for (const form of forms) {
      const orders = await ordersOfForm(form.idempotencyKey);
      const result = last.get(form.idempotencyKey)!;
      expect(orders.length).toBeLessThanOrEqual(1);
      if (!(result instanceof Error)) {
        expect(orders).toEqual([expect.objectContaining({ id: result.id, state: 'sale' })]);
      } else if (orders[0]) {
        // The order exists: the user was told so (a quotation, saved, or not known yet), never that nothing happened.
        expect(result.message).toMatch(orders[0].state === 'draft' ? /is saved|could not tell/ : /is saved|was placed|could not tell/);
      } else {
        expect(result.message).not.toMatch(/saved|was placed/);
      }
    }
  });
});

/** docs/security.md "Waiting on Odoo is bounded": one budget per request, retries included. */
describe('waiting on a slow Odoo', () => {
  it('a page waits ODOO_TIMEOUT_MS in all, not once per attempt', async () => {
    const gateway = await warmGateway({ timeoutMs: 1_000, readRetries: 2 });
    sim.setFaults({ latencyMs: 3_000 });
    const started = performance.now();
    await expect(listOrders(portalContext(gateway, 'bobA'), orderListQuery.parse({}))).rejects.toMatchObject({ reason: 'timeout' });
    expect(performance.now() - started).toBeLessThan(2_500); // three attempts of 1 s each before
  });

  it('a page with two round trips to Odoo shares one budget between them', async () => {
    const gateway = await warmGateway({ timeoutMs: 2_000 });
    const [order] = await admin().searchRead(
      'sale.order',
      [
        ['partner_id', 'child_of', [SEED_IDS.customers.A]],
        ['state', '=', 'sale'],
      ],
      { fields: ['name'], limit: 1 },
    );
    sim.setFaults({ latencyMs: 1_500 });
    const ctx = portalContext(gateway, 'bobA');
    const started = performance.now();
    const review = (async () => priceCart(ctx, (await reorderRequest(ctx, order!.id))!.requests))();
    await expect(review).rejects.toMatchObject({ reason: 'timeout' });
    expect(performance.now() - started).toBeLessThan(2_700); // 3 s before: 1.5 s for each round trip
  });

  it('an invoice PDF waits ODOO_TIMEOUT_MS in all', async () => {
    const gateway = await warmGateway({ timeoutMs: 1_000, readRetries: 2 });
    const [invoice] = await admin().searchRead(
      'account.move',
      [
        ['partner_id', 'child_of', [SEED_IDS.customers.A]],
        ['state', '=', 'posted'],
      ],
      { fields: ['name'], limit: 1 },
    );
    sim.setFaults({ latencyMs: 3_000 });
    const ctx = portalContext(gateway, 'fionaA');
    const started = performance.now();
    const pdf = (async () => {
      const source = await invoicePdfSource(ctx, invoice!.id);
      return ctx.odoo.invoicePdf(source!.id, source!.attachmentId);
    })();
    await expect(pdf).rejects.toMatchObject({ reason: 'timeout' });
    expect(performance.now() - started).toBeLessThan(2_500);
  });

  it('a ZIP stops asking for PDFs once Odoo stops answering, and lists the rest as not fetched', async () => {
    const gateway = await warmGateway({ timeoutMs: 1_000 });
    const ctx = portalContext(gateway, 'fionaA');
    const items = (await invoicesForExport(ctx, { type: 'invoice' }, 12, new Date(`${TEST_TODAY}T10:00:00Z`))).slice(0, 12);
    expect(items).toHaveLength(12);
    sim.setFaults({ pdfDelayMs: 3_000 }); // every PDF hangs before its first byte
    const started = performance.now();
    const entries = await unzip(await buffer(invoiceZip(ctx, items, 4)));
    expect(performance.now() - started).toBeLessThan(2_500); // three rounds of 1 s before
    const index = entries.get('index.csv')!.toString('utf8').split(/\r?\n/).filter(Boolean).slice(1);
    expect(index).toHaveLength(12);
    expect(index.every((row) => row.includes('failed: '))).toBe(true);
    expect(index.filter((row) => row.includes(NOT_FETCHED)).length).toBeGreaterThanOrEqual(8);
  });
});
