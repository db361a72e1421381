import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { OdooCallLog } from '../../lib/odoo/call-log';
import { OdooGateway } from '../../lib/odoo/client';
import { inviteContact, listContacts } from '../../lib/portal/account';
import { listDeliveries } from '../../lib/portal/deliveries';
import { SHARED_EMAIL_TAG } from '../../lib/portal/identity';
import { listInvoices } from '../../lib/portal/invoices';
import { listOrders } from '../../lib/portal/orders';
import { searchCustomers } from '../../lib/portal/support-customers';
import { deliveryListQuery } from '../../lib/schemas/deliveries';
import { invoiceListQuery } from '../../lib/schemas/invoices';
import { orderListQuery } from '../../lib/schemas/orders';
import { IdentityResolver } from '../../lib/session/identity';
import type { StaffContext } from '../../lib/context';
import type { OdooSimulator } from '../../odoo-sim/server';
import { SEED_IDS } from '../../odoo-sim/seed';
import { startSimulator } from '../helpers/odoo-sim';
import { portalContext } from '../helpers/portal-context';

/**
 * Look-ups on what a customer types are exact (`=` on Odoo's normalised email), and search
 * boxes, which match part of a text on purpose, take `%` and `_` as themselves. Against the
 * simulator, whose `like`/`ilike` read `%`, `_` and `\` as PostgreSQL does.
 */
let sim: OdooSimulator;
let gateway: OdooGateway;
const admin = () => gateway.client();

beforeAll(async () => {
  const started = await startSimulator();
  sim = started.sim;
  gateway = new OdooGateway(started.config());
});
afterAll(() => sim.close());

describe('inviting a colleague reveals nothing about other companies', () => {
  const invite = (email: string, name = 'Invited Person') => {
    const ctx = portalContext(gateway, 'aliceA');
    return { ctx, result: inviteContact(ctx, { name, email, roles: ['buyer'] }) };
  };

  it('takes the underscores of b____@kestrel.example as letters, not as any character (Bruno of Kestrel)', async () => {
    const id = await invite('b____@kestrel.example', 'Underscore Person').result;
    expect((await listContacts(portalContext(gateway, 'aliceA'))).find((c) => c.id === id)).toMatchObject({
      email: 'b____@kestrel.example',
      roles: ['buyer'],
    });
  });

  it('answers an email used at another company exactly as a new email, with the same Odoo calls, and keeps that person’s sign-in', async () => {
    await invite(`warm-up.${randomUUID()}@example.test`).result; // the first invite ever creates the portal's tags
    const fresh = invite(`new.${randomUUID()}@example.test`, 'Brand New');
    const taken = invite('Bruno@Kestrel.example', 'Bruno Twin');
    const [freshId, takenId] = await Promise.all([fresh.result, taken.result]);
    expect(typeof takenId).toBe('number');
    expect(taken.ctx.odoo.callLog.calls).toBe(fresh.ctx.odoo.callLog.calls);
    const contacts = await listContacts(portalContext(gateway, 'aliceA'));
    expect(contacts.find((c) => c.id === freshId)).toMatchObject({ roles: ['buyer'], active: true });
    expect(contacts.find((c) => c.id === takenId)).toMatchObject({ email: 'bruno@kestrel.example', roles: ['buyer'], active: true });

    // Bruno still signs in to Kestrel: the invited twin never takes his sign-in away.
    const resolver = new IdentityResolver({ mapping: 'email', roleGroups: {}, ttlSeconds: 300 });
    expect(await resolver.resolve(admin(), { sub: 'bruno', email: 'bruno@kestrel.example', emailVerified: true })).toMatchObject({
      kind: 'customer',
      contact: { id: SEED_IDS.contacts.brunoBuyerB },
      tenant: { id: SEED_IDS.customers.B },
    });
    // The seller's staff see why in Odoo (tag and internal note); neither reaches the customer.
    const [twin] = await admin().searchRead('res.partner', [['id', '=', takenId]], { fields: ['comment', 'category_id'] });
    const [tag] = await admin().searchRead('res.partner.category', [['name', '=', SHARED_EMAIL_TAG]], { fields: ['name'] });
    expect(twin!.category_id).toContain(tag!.id);
    expect(String(twin!.comment)).toContain('another customer');
    expect(JSON.stringify(contacts)).not.toMatch(/another customer|Email shared/);
  });

  it('says a colleague already has the email when they do, whatever its case, deactivated ones included', async () => {
    await expect(invite('BOB@Brightline.example').result).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('already in your contacts'),
    });
    await expect(invite('olga@brightline.example').result).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('search boxes take % and _ as themselves', () => {
  it('finds orders by a PO reference with an underscore, and a % or _ matches no other character', async () => {
    await admin().create('sale.order', {
      partner_id: SEED_IDS.contacts.bobBuyerA,
      client_order_ref: 'PO_LITERAL-7',
      order_line: [[0, 0, { product_id: 1, product_uom_qty: 1 }]],
    });
    const ctx = portalContext(gateway, 'bobA');
    const search = async (q: string) => (await listOrders(ctx, orderListQuery.parse({ q }))).rows.map((r) => r.poReference);
    expect(await search('PO_LITERAL')).toEqual(['PO_LITERAL-7']);
    expect(await search('_')).toEqual(['PO_LITERAL-7']);
    expect(await search('%')).toEqual([]);
    expect(await search('PO%LITERAL')).toEqual([]);
    expect(await search('PO_BRL')).toEqual([]); // seeded references are PO-BRL-…: `_` is not a wildcard
  });

  it('does the same for deliveries, invoices and the staff customer search', async () => {
    expect((await listDeliveries(portalContext(gateway, 'bobA'), deliveryListQuery.parse({ q: '%' }))).total).toBe(0);
    expect((await listInvoices(portalContext(gateway, 'fionaA'), invoiceListQuery.parse({ q: '%' }))).total).toBe(0);
    const requestId = randomUUID();
    const sofia: StaffContext = {
      requestId,
      ip: null,
      user: { sub: 'staff-sofia', email: 'sofia.support@northwind.example', name: 'Sofia Support' },
      roles: new Set(['support-admin']),
      locale: 'en',
      odooUserId: SEED_IDS.users.support,
      odoo: gateway.client(new OdooCallLog(requestId)),
    };
    expect(await searchCustomers(sofia, '%')).toEqual([]);
    expect((await searchCustomers(sofia, 'Harbor Marine')).map((c) => c.id)).toEqual([SEED_IDS.customers.C]);
  });
});
