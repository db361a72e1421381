import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OdooGateway, type OdooClient, type OdooRecord } from '../../lib/odoo/client';
import { PortalError } from '../../lib/errors';
import { confirmQuotation } from '../../lib/portal/confirm-quotation';
import { getOrder, listOrders } from '../../lib/portal/orders';
import { portalToday } from '../../lib/schemas/common';
import { orderListQuery } from '../../lib/schemas/orders';
import type { OdooSimulator } from '../../odoo-sim/server';
import { SEED_IDS } from '../../odoo-sim/seed';
import { startSimulator } from '../helpers/odoo-sim';
import { portalContext } from '../helpers/portal-context';

let sim: OdooSimulator;
let gateway: OdooGateway;
let admin: OdooClient;

beforeAll(async () => {
  const started = await startSimulator();
  sim = started.sim;
  gateway = new OdooGateway(started.config());
  admin = gateway.client();
}, 120_000);
afterAll(() => sim.close());

const A = SEED_IDS.customers.A;
const bob = () => portalContext(gateway, 'bobA');

/** A quotation of Brightline (customer A) for two of product 1, in the state and terms given. */
async function quotation(values: Record<string, unknown> = {}): Promise<number> {
  const id = await admin.create('sale.order', {
    partner_id: SEED_IDS.contacts.bobBuyerA,
    order_line: [[0, 0, { product_id: 1, product_uom_qty: 2 }]],
  });
  await admin.write('sale.order', [id], { state: 'sent', validity_date: '2099-12-31', require_payment: false, ...values });
  return id;
}

const read = async (id: number) =>
  (
    await admin.searchRead<OdooRecord & { state: string; write_date: string; name: string }>('sale.order', [['id', '=', id]], {
      fields: ['state', 'write_date', 'name', 'picking_ids'],
    })
  )[0]!;

/** The portal's confirmation notes in an order's chatter. */
async function portalNotes(odoo: OdooClient, orderId: number): Promise<string[]> {
  const messages = await odoo.searchRead(
    'mail.message',
    [
      ['model', '=', 'sale.order'],
      ['res_id', '=', orderId],
    ],
    { fields: ['body'] },
  );
  return messages.map((m) => String(m.body)).filter((body) => body.includes('Confirmed in the customer portal'));
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('confirmed, where a refusal was expected');
    },
    (e: unknown) => e as PortalError,
  );

describe('confirming a quotation the seller sent', () => {
  it('confirms it in Odoo, makes its delivery and tells the seller who confirmed it', async () => {
    const id = await quotation();
    const before = await read(id);
    const shown = await getOrder(bob(), id);
    expect(shown).toMatchObject({ state: 'quotation', quotation: 'ready' });

    const confirmed = await confirmQuotation(bob(), { orderId: id, version: shown!.version });
    expect(confirmed).toEqual({ id, number: before.name, state: 'confirmed' });
    const after = await read(id);
    expect(after.state).toBe('sale');
    expect(after.picking_ids).toHaveLength(1);
    expect(await portalNotes(admin, id)).toEqual([expect.stringContaining('Confirmed in the customer portal by Bob Buyer')]);
    // The page read after the confirmation shows it confirmed, not a cached quotation.
    expect(await getOrder(bob(), id)).toMatchObject({ state: 'confirmed', quotation: null });
  });

  it('confirms once when two tabs confirm together: the other is told it is already confirmed', async () => {
    const id = await quotation();
    const { version } = (await getOrder(bob(), id))!;
    const answers = await Promise.allSettled([
      confirmQuotation(bob(), { orderId: id, version }),
      confirmQuotation(bob(), { orderId: id, version }),
      confirmQuotation(bob(), { orderId: id, version }),
    ]);
    // Only the request that confirmed it answers with a confirmation (and so is audited as one).
    expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    for (const a of answers.filter((a) => a.status === 'rejected'))
      expect(a.reason).toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/is already confirmed/),
      });
    expect((await read(id)).picking_ids).toHaveLength(1);
    // One note for the seller, from the confirmation Odoo carried out.
    expect(await portalNotes(admin, id)).toHaveLength(1);
    // Later, and whatever version it sends, it is told the order is confirmed; Odoo is not asked again.
    const later = await refusal(confirmQuotation(bob(), { orderId: id, version: 'any' }));
    expect(later.message).toMatch(/is already confirmed/);
  });

  it('confirms once on Odoo 16 too, where a second action_confirm is no error and dates the order again', async () => {
    const started16 = await startSimulator({ version: 16 });
    try {
      const gateway16 = new OdooGateway(started16.config());
      const admin16 = gateway16.client();
      const id = await admin16.create('sale.order', {
        partner_id: SEED_IDS.contacts.bobBuyerA,
        order_line: [[0, 0, { product_id: 1, product_uom_qty: 2 }]],
      });
      await admin16.write('sale.order', [id], { state: 'sent', validity_date: '2099-12-31', require_payment: false });
      const bob16 = () => portalContext(gateway16, 'bobA');
      const { version } = (await getOrder(bob16(), id))!;
      const answers = await Promise.allSettled([1, 2, 3].map(() => confirmQuotation(bob16(), { orderId: id, version })));
      expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      expect(await portalNotes(admin16, id)).toHaveLength(1);
    } finally {
      await started16.sim.close();
    }
  });

  it('refuses a quotation whose line the seller changed in the very second the page was read', async () => {
    const id = await quotation();
    const shown = (await getOrder(bob(), id))!;
    const [line] = await admin.searchRead('sale.order.line', [['order_id', '=', id]], { fields: ['id'] });
    await admin.write('sale.order.line', [line!.id], { product_uom_qty: 200 });
    const e = await refusal(confirmQuotation(bob(), { orderId: id, version: shown.version }));
    expect(e.message).toMatch(/changed since you opened it/);
    expect((await read(id)).state).toBe('sent');
  });

  it('refuses a quotation the seller changed after the page was read, and the page then shows the change', async () => {
    const id = await quotation();
    const shown = (await getOrder(bob(), id))!;
    // Odoo's write_date is to the second: the change lands in a later second than the page's read.
    await new Promise((r) => setTimeout(r, 1100));
    await admin.write('sale.order', [id], { order_line: [[0, 0, { product_id: 2, product_uom_qty: 5 }]] });
    const e = await refusal(confirmQuotation(bob(), { orderId: id, version: shown.version }));
    expect(e).toBeInstanceOf(PortalError);
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/changed since you opened it/);
    expect((await read(id)).state).toBe('sent');
    const again = (await getOrder(bob(), id))!;
    expect(again.version).not.toBe(shown.version);
    expect(again.lines).toHaveLength(2);
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['a draft the seller has not sent', { state: 'draft' }, 'not-sent', /has not been sent to you/],
    ['an expired quotation', { validity_date: '2020-01-31' }, 'expired', /has expired/],
    ['a quotation asking for an online payment', { require_payment: true }, 'needs-payment', /online payment/],
  ])('refuses %s and leaves it as it was', async (_name, values, status, message) => {
    const id = await quotation(values);
    const shown = (await getOrder(bob(), id))!;
    expect(shown.quotation).toBe(status);
    const e = await refusal(confirmQuotation(bob(), { orderId: id, version: shown.version }));
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(message);
    expect((await read(id)).state).toBe(values.state === 'draft' ? 'draft' : 'sent');
  });

  it('refuses a cancelled quotation', async () => {
    const id = await quotation({ state: 'cancel' });
    const e = await refusal(confirmQuotation(bob(), { orderId: id, version: (await read(id)).write_date }));
    expect(e.code).toBe('conflict');
    expect((await read(id)).state).toBe('cancel');
  });

  it("never confirms another company's quotation, even with its exact version", async () => {
    const id = await quotation();
    const { write_date } = await read(id);
    const e = await refusal(confirmQuotation(portalContext(gateway, 'brunoB'), { orderId: id, version: write_date }));
    expect(e.code).toBe('not_found');
    expect((await read(id)).state).toBe('sent');
  });
});

describe('the quotations waiting for the customer', () => {
  it('are the sent ones still valid and without an online payment, as the home page and the list filter count them', async () => {
    const ready = await quotation();
    const others = await Promise.all([
      quotation({ state: 'draft' }),
      quotation({ validity_date: '2020-01-31' }),
      quotation({ require_payment: true }),
    ]);
    const page = await listOrders(bob(), orderListQuery.parse({ state: 'to-confirm', size: '100' }));
    const ids = page.rows.map((r) => r.id);
    expect(ids).toContain(ready);
    for (const id of others) expect(ids).not.toContain(id);
    // Every one listed can be confirmed here.
    for (const row of page.rows) expect((await getOrder(bob(), row.id))?.quotation).toBe('ready');
    const sentValid = await admin.searchCount('sale.order', [
      ['partner_id', 'child_of', [A]],
      ['state', '=', 'sent'],
      ['require_payment', '=', false],
      '|',
      ['validity_date', '=', false],
      ['validity_date', '>=', portalToday()],
    ]);
    expect(page.total).toBe(sentValid);
  });
});
