import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { portalDb } from '../../lib/db/sql';
import { OdooGateway } from '../../lib/odoo/client';
import { ROLE_TAGS } from '../../lib/roles';
import {
  archiveAddress,
  createAddress,
  getAccount,
  inviteContact,
  listAddresses,
  listContacts,
  listStates,
  setContactActive,
  setContactRoles,
  updateAddress,
  updateMyContact,
} from '../../lib/portal/account';
import { priceCart, reorderRequest } from '../../lib/portal/cart';
import { getDelivery, listDeliveries } from '../../lib/portal/deliveries';
import { getOrder, listOrders } from '../../lib/portal/orders';
import { placeOrder } from '../../lib/portal/place-order';
import { orderListQuery } from '../../lib/schemas/orders';
import { deliveryListQuery } from '../../lib/schemas/deliveries';
import type { OdooSimulator } from '../../odoo-sim/server';
import { SEED_IDS } from '../../odoo-sim/seed';
import { startSimulator } from '../helpers/odoo-sim';
import { portalContext } from '../helpers/portal-context';

let sim: OdooSimulator;
let gateway: OdooGateway;
const A = SEED_IDS.customers.A;
const B = SEED_IDS.customers.B;

beforeAll(async () => {
  const started = await startSimulator();
  sim = started.sim;
  gateway = new OdooGateway(started.config());
  await portalDb(); // the order claims' store opens once; PGlite's start takes long on a busy machine
}, 120_000);
afterAll(() => sim.close());

/** Ids of customer B's records, read with the integration user (outside any tenant). */
async function idsOfB() {
  const odoo = gateway.client();
  const [order] = await odoo.searchRead('sale.order', [['partner_id', 'child_of', [B]]], { fields: ['name'], limit: 1 });
  const [picking] = await odoo.searchRead(
    'stock.picking',
    [
      ['partner_id', 'child_of', [B]],
      ['picking_type_code', '=', 'outgoing'],
    ],
    { fields: ['name'], limit: 1 },
  );
  const [address] = await odoo.searchRead(
    'res.partner',
    [
      ['parent_id', '=', B],
      ['type', '=', 'delivery'],
    ],
    { fields: ['name', 'active'], limit: 1 },
  );
  return { order: order!.id, picking: picking!.id, address: address!.id, contact: SEED_IDS.contacts.brunoBuyerB };
}

/** Everything Odoo holds that a portal mutation could touch, to prove nothing changed. */
async function snapshotOfB() {
  const odoo = gateway.client();
  const [orders, partners] = await Promise.all([
    odoo.searchCount('sale.order', []),
    odoo.searchRead(
      'res.partner',
      [
        ['commercial_partner_id', '=', B],
        ['active', 'in', [true, false]],
      ],
      { fields: ['name', 'active', 'category_id', 'street', 'phone'], order: 'id' },
    ),
  ]);
  return { orders, partners };
}

describe('customer A cannot read customer B through lib/portal', () => {
  it('lists only A’s orders, and a search for B’s order number finds nothing', async () => {
    const b = await idsOfB();
    const ctx = portalContext(gateway, 'bobA');
    const page = await listOrders(ctx, orderListQuery.parse({ size: 100 }));
    expect(page.total).toBeGreaterThan(100);
    const [bOrder] = await gateway.client().read('sale.order', [b.order], ['name']);
    const inA = await gateway.client().searchCount('sale.order', [['partner_id', 'child_of', [A]]]);
    expect(page.total).toBe(inA);
    expect((await listOrders(ctx, orderListQuery.parse({ q: String(bOrder!.name) }))).total).toBe(0);
  });

  it('answers B’s order, delivery and reorder ids like ids that do not exist', async () => {
    const b = await idsOfB();
    const ctx = portalContext(gateway, 'bobA');
    expect(await getOrder(ctx, b.order)).toBeNull();
    expect(await getOrder(ctx, 99_999_999)).toBeNull();
    expect(await getDelivery(ctx, b.picking)).toBeNull();
    expect(await reorderRequest(ctx, b.order)).toBeNull();
    const deliveries = await listDeliveries(ctx, deliveryListQuery.parse({ size: 100 }));
    expect(deliveries.rows.every((d) => d.id !== b.picking)).toBe(true);
  });

  it('lists only A’s addresses and contacts', async () => {
    const ctx = portalContext(gateway, 'aliceA');
    const [addresses, contacts] = await Promise.all([listAddresses(ctx), listContacts(ctx)]);
    expect(addresses[0]).toMatchObject({ id: A, isCompany: true });
    expect(addresses.map((a) => a.id)).not.toContain((await idsOfB()).address);
    expect(contacts.map((c) => c.id)).toContain(SEED_IDS.contacts.bobBuyerA);
    expect(contacts.map((c) => c.id)).not.toContain(SEED_IDS.contacts.brunoBuyerB);
  });
});

describe('customer A cannot change customer B through lib/portal', () => {
  it('refuses every mutation on B’s ids with not_found and changes nothing', async () => {
    const b = await idsOfB();
    const ctx = portalContext(gateway, 'aliceA');
    const before = await snapshotOfB();
    const address = { name: 'Hijacked', street: 'x', zip: '1', city: 'y', countryCode: 'DE' };
    await expect(updateAddress(ctx, b.address, address)).rejects.toMatchObject({ code: 'not_found' });
    await expect(archiveAddress(ctx, b.address)).rejects.toMatchObject({ code: 'not_found' });
    await expect(setContactRoles(ctx, b.contact, ['customer-admin'])).rejects.toMatchObject({ code: 'not_found' });
    await expect(setContactActive(ctx, b.contact, false)).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      placeOrder(
        ctx,
        { idempotencyKey: randomUUID(), lines: [{ productId: 1, quantity: 1 }], shippingAddressId: b.address },
        { mode: 'confirm' },
      ),
    ).rejects.toMatchObject({ code: 'bad_request' });
    expect(await snapshotOfB()).toEqual(before);
  });

  it('edits only the signed-in contact, whatever the input says', async () => {
    const ctx = portalContext(gateway, 'bobA');
    await updateMyContact(ctx, { name: 'Bob Buyer', phone: '+44 20 7946 0000' });
    const { me } = await getAccount(ctx);
    expect(me).toMatchObject({ id: SEED_IDS.contacts.bobBuyerA, phone: '+44 20 7946 0000' });
  });
});

describe('placing an order', () => {
  async function cartFor(ctx: ReturnType<typeof portalContext>) {
    const page = await listOrders(ctx, orderListQuery.parse({ state: 'confirmed' }));
    const request = await reorderRequest(ctx, page.rows[0]!.id);
    const cart = await priceCart(ctx, request!.requests);
    return cart.lines.filter((l) => l.sellable).map((l) => ({ productId: l.productId, quantity: l.quantity }));
  }

  it('prices a quick order with this customer’s prices; an archived SKU answers like an unknown one', async () => {
    const ctx = portalContext(gateway, 'bobA');
    const cart = await priceCart(ctx, [
      { sku: 'FAS-1001', quantity: 2 },
      { sku: 'FAS-1006', quantity: 1, line: 2 },
      { sku: 'NOPE-1', quantity: 1, line: 3 },
    ]);
    expect(cart.lines.find((l) => l.sku === 'FAS-1001')).toMatchObject({ sellable: true, quantity: 2 });
    expect(cart.lines.find((l) => l.sku === 'FAS-1001')!.priceUnit).toBeGreaterThan(0);
    expect(cart.lines.find((l) => l.sku === 'FAS-1006')).toBeUndefined();
    expect(cart.errors).toContainEqual(expect.objectContaining({ line: 2, text: 'FAS-1006', message: 'Unknown SKU “FAS-1006”.' }));
    expect(cart.errors).toContainEqual(expect.objectContaining({ line: 3, text: 'NOPE-1', message: 'Unknown SKU “NOPE-1”.' }));
    expect(cart.amountTotal).toBeGreaterThan(cart.amountUntaxed);
  });

  it('creates exactly one order when the same form is submitted twice at once', async () => {
    const ctx = portalContext(gateway, 'bobA');
    const lines = await cartFor(ctx);
    const before = await gateway.client().searchCount('sale.order', []);
    const input = { idempotencyKey: randomUUID(), lines, shippingAddressId: A, poReference: 'PO-TWICE' };
    const [first, second] = await Promise.all([
      placeOrder(ctx, input, { mode: 'confirm' }),
      placeOrder(portalContext(gateway, 'bobA'), input, { mode: 'confirm' }),
    ]);
    expect(first.id).toBe(second.id);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(first.state).toBe('confirmed');
    expect(await gateway.client().searchCount('sale.order', [])).toBe(before + 1);
    const third = await placeOrder(ctx, input, { mode: 'confirm' });
    expect(third).toMatchObject({ id: first.id, created: false });
  });

  it('finds the order of a submit whose answer was lost instead of creating another', async () => {
    const ctx = portalContext(gateway, 'bobA');
    const lines = await cartFor(ctx);
    const key = randomUUID();
    // The order exists in Odoo with the form's key, but the portal never learnt its id.
    const existing = await gateway.client().create('sale.order', {
      partner_id: ctx.contact.id,
      origin: `portal:${key}`,
      order_line: [[0, 0, { product_id: lines[0]!.productId, product_uom_qty: 1 }]],
    });
    await (
      await portalDb()
    ).query(`INSERT INTO order_submissions (key, tenant_id, created_at) VALUES ($1, $2, now() - interval '1 hour')`, [`portal:${key}`, A]);
    const before = await gateway.client().searchCount('sale.order', []);
    const placed = await placeOrder(ctx, { idempotencyKey: key, lines, shippingAddressId: A }, { mode: 'confirm' });
    expect(placed).toMatchObject({ id: existing, created: false, state: 'confirmed' }); // found, then confirmed as the form asked
    expect(await gateway.client().searchCount('sale.order', [])).toBe(before);
  });

  it('places the order for the signed-in contact with the PO reference, requested date and address', async () => {
    const ctx = portalContext(gateway, 'bobA');
    const lines = await cartFor(ctx);
    const [address] = (await listAddresses(ctx)).filter((a) => !a.isCompany);
    const placed = await placeOrder(
      ctx,
      { idempotencyKey: randomUUID(), lines, shippingAddressId: address!.id, poReference: 'PO-4711', requestedDate: '2026-12-01' },
      { mode: 'quotation' },
    );
    const order = await getOrder(ctx, placed.id);
    expect(order).toMatchObject({ number: placed.number, state: 'quotation', poReference: 'PO-4711' });
    expect(order!.shippingAddress).toEqual({ name: expect.stringContaining(address!.name), lines: address!.lines });
    expect(order!.requestedDate).toMatch(/^2026-12-01/);
  });
});

describe('account management', () => {
  it('invites a colleague with roles as Odoo tags, changes the roles and deactivates them', async () => {
    const ctx = portalContext(gateway, 'aliceA');
    const id = await inviteContact(ctx, { name: 'Nina New', email: `nina.${Date.now()}@brightline.example`, roles: ['buyer', 'finance'] });
    expect((await listContacts(ctx)).find((c) => c.id === id)).toMatchObject({ roles: ['buyer', 'finance'], active: true });
    await setContactRoles(ctx, id, ['viewer']);
    await setContactActive(ctx, id, false);
    expect((await listContacts(ctx)).find((c) => c.id === id)).toMatchObject({ roles: ['viewer'], active: false });
    // A deactivated contact's roles stay as they were until the contact is reactivated.
    await expect(setContactRoles(ctx, id, ['customer-admin'])).rejects.toMatchObject({
      code: 'conflict',
      message: 'Nina New is deactivated: reactivate the contact first to change their roles.',
    });
    expect((await listContacts(ctx)).find((c) => c.id === id)).toMatchObject({ roles: ['viewer'], active: false });
    await setContactActive(ctx, id, true);
    await setContactRoles(ctx, id, ['buyer']);
    expect((await listContacts(ctx)).find((c) => c.id === id)).toMatchObject({ roles: ['buyer'], active: true });
  });

  it('creates one contact when the same invite is sent several times at once (two would leave the person unable to sign in)', async () => {
    const ctx = portalContext(gateway, 'aliceA');
    const email = `twice.${Date.now()}@brightline.example`;
    const invite = (typed: string) => inviteContact(ctx, { name: 'Tina Twice', email: typed, roles: ['buyer'] });
    const results = await Promise.allSettled([invite(email), invite(email.toUpperCase()), invite(` ${email}`), invite(email)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) expect(r.reason).toMatchObject({ code: 'conflict' });
    expect((await listContacts(ctx)).filter((c) => c.email === email)).toHaveLength(1);
  });

  it('leaves contacts and roles to the customer while staff act for an admin, even with changes allowed', async () => {
    const acting = portalContext(gateway, 'aliceA', {
      actingAs: {
        sessionId: randomUUID(),
        canWrite: true,
        expiresAt: new Date(Date.now() + 600_000).toISOString(),
        reason: 'Checking a customer issue',
      },
    });
    const before = await listContacts(acting);
    const bob = before.find((c) => c.roles.includes('buyer') && !c.roles.includes('customer-admin'))!;
    const refused = { code: 'forbidden', message: expect.stringContaining('customer’s own choice') };
    await expect(
      inviteContact(acting, { name: 'Back Door', email: `back.door.${Date.now()}@example.com`, roles: ['customer-admin'] }),
    ).rejects.toMatchObject(refused);
    await expect(setContactRoles(acting, bob.id, ['customer-admin', 'buyer'])).rejects.toMatchObject(refused);
    await expect(setContactActive(acting, bob.id, false)).rejects.toMatchObject(refused);
    expect(await listContacts(acting)).toEqual(before);
  });

  it('reads a role from any tag of its name, and gives and takes it through the oldest (two first invites at once may each create one)', async () => {
    const ctx = portalContext(gateway, 'aliceA');
    const admin = gateway.client();
    const [oldest] = await admin.searchRead('res.partner.category', [['name', '=', ROLE_TAGS.finance]], { fields: ['id'], order: 'id' });
    const twin = await admin.create('res.partner.category', { name: ROLE_TAGS.finance });
    try {
      const id = await inviteContact(ctx, { name: 'Tess Twin', email: `tess.${Date.now()}@brightline.example`, roles: ['viewer'] });
      await admin.write('res.partner', [id], { category_id: [[4, twin]] });
      expect((await listContacts(ctx)).find((c) => c.id === id)!.roles).toEqual(['finance', 'viewer']);
      await setContactRoles(ctx, id, ['buyer', 'finance']);
      const [tags] = await admin.read<{ id: number; category_id: number[] }>('res.partner', [id], ['category_id']);
      expect(tags!.category_id).toContain(oldest!.id);
      expect(tags!.category_id).not.toContain(twin);
      expect((await listContacts(ctx)).find((c) => c.id === id)!.roles).toEqual(['buyer', 'finance']);
    } finally {
      // Renamed rather than deleted: the tests after this one see the role tags as seeded.
      await admin.write('res.partner.category', [twin], { name: `Former twin ${twin}` });
    }
  });

  it('saves an address with a state of its country, and refuses a state of another country or none Odoo knows', async () => {
    const ctx = portalContext(gateway, 'bobA');
    const [washington] = (await listStates(ctx, 'US')).filter((s) => s.code === 'WA');
    expect(await listStates(ctx, 'DE')).toEqual([]);
    const depot = { name: `Depot ${randomUUID()}`, street: '1 Pier St', zip: '98101', city: 'Seattle', countryCode: 'US' };
    const id = await createAddress(ctx, { ...depot, stateId: washington!.id });
    const saved = (await listAddresses(ctx)).find((a) => a.id === id);
    expect(saved).toMatchObject({ stateId: washington!.id, lines: ['1 Pier St', '98101 Seattle', 'Washington', 'United States'] });
    const before = await gateway.client().searchCount('res.partner', []);
    for (const wrong of [
      { ...depot, countryCode: 'DE', stateId: washington!.id },
      { ...depot, stateId: 99_999 },
    ]) {
      await expect(createAddress(ctx, wrong)).rejects.toMatchObject({
        code: 'bad_request',
        fields: { stateId: ['Choose a state or province of that country from the list.'] },
      });
      await expect(updateAddress(ctx, id, wrong)).rejects.toMatchObject({ code: 'bad_request' });
    }
    expect(await gateway.client().searchCount('res.partner', [])).toBe(before);
    expect((await listAddresses(ctx)).find((a) => a.id === id)!.stateId).toBe(washington!.id);
  });

  it('does not let an admin lock themselves out', async () => {
    const ctx = portalContext(gateway, 'aliceA');
    await expect(setContactRoles(ctx, ctx.contact.id, ['buyer'])).rejects.toMatchObject({ code: 'bad_request' });
    await expect(setContactActive(ctx, ctx.contact.id, false)).rejects.toMatchObject({ code: 'bad_request' });
  });
});
