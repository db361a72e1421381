import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { OdooGateway } from '../../lib/odoo/client';
import { OdooCallLog } from '../../lib/odoo/call-log';
import type { StaffContext } from '../../lib/context';
import type { OdooSimulator } from '../../odoo-sim/server';
import { SEED_IDS } from '../../odoo-sim/seed';
import { startSimulator } from '../helpers/odoo-sim';
import { scratchDatabase } from '../helpers/postgres';

// lib/portal/audit keys a request's audit state on the request's headers object (next/headers):
// here a test names the request it is in, or none.
vi.mock('next/headers', () => ({
  headers: async () => {
    const current = (globalThis as { testRequest?: object }).testRequest;
    if (!current) throw new Error('headers() outside a request');
    return current;
  },
}));
/** Runs `fn` as one HTTP request (its own headers object). */
async function inRequest<T>(fn: () => Promise<T>): Promise<T> {
  (globalThis as { testRequest?: object }).testRequest = new Headers();
  try {
    return await fn();
  } finally {
    delete (globalThis as { testRequest?: object }).testRequest;
  }
}

const database = scratchDatabase('portal_audit');
let sim: OdooSimulator;
let gateway: OdooGateway;

beforeAll(async () => {
  await database.create();
  const started = await startSimulator();
  sim = started.sim;
  gateway = new OdooGateway(started.config());
});

afterAll(async () => {
  await sim.close();
  await database.drop();
});

/** The same modules, loaded fresh against one store: PostgreSQL via DATABASE_URL, or PGlite without it. */
/** Mia starts a 30-minute session for Bob of customer A. */
function actForBob(
  support: Awaited<ReturnType<typeof loadWith>>['support'],
  mia: Parameters<Awaited<ReturnType<typeof loadWith>>['support']['startSupportSession']>[0],
  reason: string,
  canWrite: boolean,
) {
  return support.startSupportSession(
    mia,
    { customerId: SEED_IDS.customers.A, contactId: SEED_IDS.contacts.bobBuyerA, reason, canWrite },
    30,
  );
}

async function loadWith(env: { DATABASE_URL?: string }) {
  // The store is one per process (lib/process-singleton.ts): close it so the next use opens the one asked for.
  await (await import('../../lib/db/sql')).closePortalDb();
  vi.resetModules();
  if (env.DATABASE_URL) process.env.DATABASE_URL = env.DATABASE_URL;
  else delete process.env.DATABASE_URL;
  process.env.AUDIT_PGLITE_DIR = 'memory://';
  return {
    audit: await import('../../lib/portal/audit'),
    support: {
      ...(await import('../../lib/portal/support-customers')),
      ...(await import('../../lib/portal/support-sessions')),
      ...(await import('../../lib/portal/access-log')),
    },
    db: await import('../../lib/db/sql'),
  };
}

function staff(roles: ('account-manager' | 'support-admin')[], odooUserId: number, name = 'Mia Manager'): StaffContext {
  const requestId = randomUUID();
  return {
    requestId,
    ip: '10.0.0.7',
    user: { sub: `staff-${name}`, email: 'mia.manager@northwind.example', name },
    roles: new Set(roles),
    locale: 'en',
    odooUserId,
    odoo: gateway.client(new OdooCallLog(requestId)),
  };
}

describe.each([
  ['PostgreSQL', () => ({ DATABASE_URL: database.url })],
  ['PGlite', () => ({})],
])('the audit store on %s', (_name, env) => {
  it('keeps every field of an event and lists them newest first per tenant', async () => {
    const { audit } = await loadWith(env());
    const actor = {
      requestId: 'req-1',
      ip: '10.1.2.3',
      user: { sub: 'u1', email: 'bob@brightline.example', name: 'Bob Buyer' },
      tenant: { id: 10, name: 'A' },
      contact: { id: 21, name: 'Bob Buyer' },
    };
    await audit.recordAudit(actor, { action: 'address.create', target: { model: 'res.partner', id: 77 }, outcome: 'success' });
    await audit.recordAudit(
      { ...actor, requestId: 'req-2' },
      { action: 'order.place', outcome: 'failure', detail: { error: 'odoo_unavailable' } },
    );
    await audit.recordAudit({ ...actor, tenant: { id: 11, name: 'B' } }, { action: 'order.place', outcome: 'success' });
    const events = await audit.listAuditEvents({ tenantId: 10 });
    expect(events.map((e) => e.requestId)).toEqual(['req-2', 'req-1']);
    expect(events[1]).toMatchObject({
      actor: { sub: 'u1', name: 'Bob Buyer', email: 'bob@brightline.example' },
      actingFor: { id: 21, name: 'Bob Buyer' },
      tenantId: 10,
      // The customer's name as it was then, so the staff trail names it.
      tenantName: 'A',
      action: 'address.create',
      target: { model: 'res.partner', id: 77 },
      outcome: 'success',
      ip: '10.1.2.3',
    });
    expect(events[0]!.detail).toEqual({ error: 'odoo_unavailable' });
  });

  it('filters the trail by person, customer, action and days, counts it, and pages through it', async () => {
    const { audit, db } = await loadWith(env());
    const who = (sub: string, tenant: number) => ({
      requestId: `req-${randomUUID()}`,
      ip: '10.1.2.3',
      user: { sub, email: `${sub}@example.com`, name: `Person ${sub}` },
      tenant: { id: tenant, name: 'T' },
    });
    const tag = randomUUID().slice(0, 8);
    for (let i = 0; i < 5; i++) await audit.recordAudit(who(`p1-${tag}`, 910), { action: 'order.place', outcome: 'success' });
    await audit.recordAudit(who(`p1-${tag}`, 910), { action: 'address.create', outcome: 'success' });
    await audit.recordAudit(who(`p2-${tag}`, 911), { action: 'order.place', outcome: 'denied' });
    // One event of the day before yesterday.
    await (await db.portalDb()).query(`UPDATE audit_events SET at = now() - interval '2 days' WHERE actor_sub = $1`, [`p2-${tag}`]);

    const p1Orders = { actorSub: `p1-${tag}`, action: 'order.place' };
    expect(await audit.countAuditEvents(p1Orders)).toBe(5);
    const first = await audit.listAuditEvents({ ...p1Orders, limit: 2, offset: 0 });
    const third = await audit.listAuditEvents({ ...p1Orders, limit: 2, offset: 4 });
    expect(first).toHaveLength(2);
    expect(third).toHaveLength(1);
    expect(first[0]!.id).toBeGreaterThan(first[1]!.id);
    expect(third[0]!.id).toBeLessThan(first[1]!.id);
    expect(await audit.countAuditEvents({ tenantId: 911 })).toBe(1);
    const today = new Date().toISOString().slice(0, 10);
    expect(await audit.countAuditEvents({ tenantId: 911, from: today })).toBe(0);
    expect(await audit.countAuditEvents({ tenantId: 911, to: today })).toBe(1);
    expect(await audit.countAuditEvents({ tenantId: 910, from: today, to: today })).toBe(6);
    const people = await audit.listAuditActors();
    expect(people.filter((p) => p.sub.endsWith(tag)).map((p) => p.name)).toEqual([`Person p1-${tag}`, `Person p2-${tag}`]);
  });

  it('runs a support session from start to stop, and the customer’s access log shows who, why and what changed', async () => {
    const { audit, support } = await loadWith(env());
    const mia = staff(['account-manager'], SEED_IDS.users.managerMia);
    const session = await actForBob(support, mia, 'Customer asked for help with a reorder', false);
    expect(Date.parse(session.expiresAt) - Date.parse(session.startedAt)).toBe(30 * 60_000);
    const active = await support.activeSupportSession(mia.user.sub, session.id);
    expect(active).toMatchObject({ id: session.id, contact: { id: SEED_IDS.contacts.bobBuyerA }, canWrite: false });
    // Someone else's staff sub cannot use this session id.
    expect(await support.activeSupportSession('staff-someone-else', session.id)).toBeNull();
    const identity = await support.actingIdentity(mia, active!);
    const ctx = { ...mia, ...identity!, roles: new Set(identity!.roles) };
    await audit.recordAudit(ctx, { action: 'support.request', outcome: 'success', detail: { path: 'GET /orders' } });
    await audit.recordAudit(ctx, {
      action: 'support.request',
      outcome: 'success',
      detail: { path: 'GET /invoices/export?from=2020-01-01' },
    });
    await audit.recordAudit(ctx, { action: 'support.request', outcome: 'success', detail: { path: 'GET /invoices/1097/pdf' } });
    // Not of the account: a refused download (another customer's invoice id), the staff member's
    // own support pages and the portal's data routes.
    await audit.recordAudit(ctx, { action: 'support.request', outcome: 'denied', detail: { path: 'GET /invoices/1174/pdf' } });
    await audit.recordAudit(ctx, { action: 'support.request', outcome: 'denied', detail: { path: 'GET /orders/1174' } });
    await audit.recordAudit(ctx, { action: 'support.request', outcome: 'success', detail: { path: 'GET /support/audit' } });
    await audit.recordAudit(ctx, { action: 'support.request', outcome: 'success', detail: { path: 'GET /support' } });
    await audit.recordAudit(ctx, { action: 'support.request', outcome: 'success', detail: { path: 'GET /api/me' } });
    await audit.recordAudit(ctx, { action: 'support.request', outcome: 'success', detail: { path: 'GET /api/products?q=bolt' } });
    // A delivery read through its data route is that delivery seen, once; a page's own polls add nothing.
    await audit.recordAudit(ctx, { action: 'support.request', outcome: 'success', detail: { path: 'GET /api/deliveries/77' } });
    await audit.recordAudit(ctx, { action: 'support.request', outcome: 'success', detail: { path: 'GET /api/deliveries/77' } });
    await audit.recordAudit(ctx, { action: 'support.request', outcome: 'success', detail: { path: 'GET /deliveries/88' } });
    await audit.recordAudit(ctx, { action: 'support.request', outcome: 'success', detail: { path: 'GET /api/deliveries/88' } });
    await audit.recordAudit(ctx, { action: 'support.request', outcome: 'denied', detail: { path: 'GET /api/deliveries/1174' } });
    await support.setSessionWrite(mia.user.sub, session.id, true);
    await audit.recordAudit(ctx, { action: 'support.set-write', outcome: 'success', detail: { canWrite: true } });
    await audit.recordAudit(ctx, { action: 'order.place', target: { model: 'sale.order', id: 5000, name: 'S05000' }, outcome: 'success' });
    // Read-only again before the end: the log still says changes were allowed in this session.
    await support.setSessionWrite(mia.user.sub, session.id, false);
    await audit.recordAudit(ctx, { action: 'support.set-write', outcome: 'success', detail: { canWrite: false } });
    expect(await support.endSupportSession(mia.user.sub, session.id, 'stopped')).toBe(true);
    expect(await support.activeSupportSession(mia.user.sub, session.id)).toBeNull();

    const alice = {
      ...ctx,
      actingAs: undefined,
      roles: new Set(['customer-admin'] as const),
      tenant: { id: SEED_IDS.customers.A, name: 'Brightline Hardware Ltd' },
    };
    const [entry] = await support.accessLog(alice);
    expect(entry).toMatchObject({
      id: session.id,
      staff: { name: 'Mia Manager' },
      reason: 'Customer asked for help with a reorder',
      endReason: 'stopped',
      canWrite: false,
      changesAllowed: true,
      // /orders, delivery 77 (by its data route) and delivery 88 (its page, then its poll).
      pagesViewed: 3,
    });
    // Downloads are listed with their filters, not counted among the pages.
    expect(entry!.downloads.map((d) => d.path)).toEqual(['/invoices/export?from=2020-01-01', '/invoices/1097/pdf']);
    expect(entry!.changes).toEqual([
      expect.objectContaining({ action: 'support.set-write', detail: { canWrite: true } }),
      expect.objectContaining({ action: 'order.place', target: { model: 'sale.order', id: 5000, name: 'S05000' }, outcome: 'success' }),
      expect.objectContaining({ action: 'support.set-write', detail: { canWrite: false } }),
    ]);
  });

  it('writes one row per request while acting, with the outcome the request had', async () => {
    const { audit, support } = await loadWith(env());
    const mia = staff(['account-manager'], SEED_IDS.users.managerMia);
    const session = await actForBob(support, mia, 'Customer asked for help with an address', true);
    const identity = await support.actingIdentity(mia, (await support.activeSupportSession(mia.user.sub, session.id))!);
    const acting = (requestId: string) => ({ ...mia, requestId, ...identity!, roles: new Set(identity!.roles) });

    // Another customer's order: the page answers 404 (not-found settles the request as denied).
    await inRequest(async () => {
      await audit.recordActingRequest(acting('r-foreign'), 'GET /orders/999999');
      await audit.settleRequest('denied');
    });
    // A route handler that answered 200.
    await inRequest(async () => {
      await audit.recordActingRequest(acting('r-api'), 'GET /api/me');
      await audit.settleRequest(audit.outcomeOfStatus(200));
    });
    // A POST: the action's session, its event, then the page it re-renders runs the session again.
    await inRequest(async () => {
      await audit.recordActingRequest(acting('r-post'), 'POST /account/addresses');
      await audit.recordAudit(acting('r-post'), { action: 'address.create', target: { model: 'res.partner', id: 91 }, outcome: 'success' });
      await audit.recordActingRequest(acting('r-post'), 'POST /account/addresses');
    });
    // Starting to act: the staff action's event, then the re-rendered page already acting.
    await inRequest(async () => {
      await audit.recordAudit(
        { ...mia, requestId: 'r-start', tenant: identity!.tenant, contact: identity!.contact },
        { action: 'support.start', outcome: 'success' },
      );
      await audit.recordActingRequest(acting('r-start'), 'POST /support/customers/10');
    });
    // A staff page opened while acting, refusing a customer: its own event, not the acting row's.
    await inRequest(async () => {
      await audit.recordActingRequest(acting('r-staff'), 'GET /support/customers/11');
      await audit.recordAudit(
        { ...mia, requestId: 'r-staff' },
        { action: 'support.open-customer', target: { model: 'res.partner', id: 11 }, outcome: 'denied' },
      );
    });

    const rows = (await audit.listAuditEvents({ actorSub: mia.user.sub })).filter((e) => e.requestId?.startsWith('r-'));
    const byRequest = (id: string) =>
      rows.filter((e) => e.requestId === id).map((e) => [e.action, e.outcome, e.detail?.path ?? null, e.tenantId, e.actingFor?.id ?? null]);
    expect(byRequest('r-foreign')).toEqual([
      ['support.request', 'denied', 'GET /orders/999999', SEED_IDS.customers.A, SEED_IDS.contacts.bobBuyerA],
    ]);
    expect(byRequest('r-api')).toEqual([['support.request', 'success', 'GET /api/me', SEED_IDS.customers.A, SEED_IDS.contacts.bobBuyerA]]);
    expect(byRequest('r-post')).toEqual([
      ['address.create', 'success', 'POST /account/addresses', SEED_IDS.customers.A, SEED_IDS.contacts.bobBuyerA],
    ]);
    expect(byRequest('r-start')).toEqual([['support.start', 'success', null, SEED_IDS.customers.A, SEED_IDS.contacts.bobBuyerA]]);
    expect(byRequest('r-staff')).toEqual([
      ['support.open-customer', 'denied', null, null, null],
      ['support.request', 'success', 'GET /support/customers/11', SEED_IDS.customers.A, SEED_IDS.contacts.bobBuyerA],
    ]);
  });

  it('maps every refusal to denied and every other error to failure', async () => {
    const { audit } = await loadWith(env());
    expect(
      [undefined, 'unauthenticated', 'forbidden', 'not_found', 'bad_request', 'conflict', 'odoo_unavailable', 'internal'].map((c) =>
        audit.outcomeOfError(c as never),
      ),
    ).toEqual(['success', 'denied', 'denied', 'denied', 'failure', 'failure', 'failure', 'failure']);
    expect([200, 302, 400, 401, 403, 404, 409, 429, 500, 503].map(audit.outcomeOfStatus)).toEqual([
      'success',
      'success',
      'failure',
      'denied',
      'denied',
      'denied',
      'failure',
      'failure',
      'failure',
      'failure',
    ]);
  });

  it('closes a session at its time limit', async () => {
    const { support, db } = await loadWith(env());
    const mia = staff(['account-manager'], SEED_IDS.users.managerMia);
    const session = await actForBob(support, mia, 'Checking a late delivery for them', false);
    await (await db.portalDb()).query(`UPDATE support_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [session.id]);
    expect(await support.activeSupportSession(mia.user.sub, session.id)).toBeNull();
    const [closed] = await support.listSupportSessions({ staffSub: mia.user.sub, limit: 1 });
    expect(closed).toMatchObject({ id: session.id, endReason: 'expired' });
  });

  it('knows an ended session without reading the store again: a cookie that still names it costs no query', async () => {
    const { support, db } = await loadWith(env());
    const mia = staff(['account-manager'], SEED_IDS.users.managerMia);
    const session = await actForBob(support, mia, 'Checking a late delivery for them', false);
    expect(await support.supportSessionState(mia.user.sub, session.id)).toMatchObject({ open: { id: session.id } });
    expect(await support.endSupportSession(mia.user.sub, session.id, 'reassigned')).toBe(true);
    expect(await support.supportSessionState(mia.user.sub, session.id)).toEqual({ ended: 'reassigned' });
    const store = await db.portalDb();
    const reads = vi.spyOn(store, 'query');
    expect(await support.supportSessionState(mia.user.sub, session.id)).toEqual({ ended: 'reassigned' });
    expect(await support.activeSupportSession(mia.user.sub, session.id)).toBeNull();
    expect(reads).not.toHaveBeenCalled();
    // Another staff member naming the same id is answered apart (from the store: it is not theirs).
    expect(await support.supportSessionState('staff-someone-else', session.id)).toEqual({ ended: 'ended' });
    expect(reads).toHaveBeenCalledOnce();
    reads.mockRestore();
  });

  it('refuses a customer the account manager does not manage, and staff contacts', async () => {
    const { support } = await loadWith(env());
    const mia = staff(['account-manager'], SEED_IDS.users.managerMia);
    await expect(
      support.startSupportSession(
        mia,
        {
          customerId: SEED_IDS.customers.B,
          contactId: SEED_IDS.contacts.brunoBuyerB,
          reason: 'I would like to look around please',
          canWrite: true,
        },
        30,
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await support.getManagedCustomer(mia, SEED_IDS.customers.B)).toBeNull();
    expect((await support.searchCustomers(mia, undefined)).map((c) => c.id).sort()).toEqual(
      [SEED_IDS.customers.C, SEED_IDS.customers.A].sort(),
    );
    // A contact who is also an internal user (staff) is never offered for acting.
    const odoo = gateway.client();
    const staffContact = await odoo.create('res.partner', {
      name: `Staff Under A ${Date.now()}`,
      parent_id: SEED_IDS.customers.A,
      type: 'contact',
      email: `staff.${Date.now()}@northwind.example`,
    });
    await odoo.create('res.users', { name: 'Staff Under A', login: `staff-under-a-${Date.now()}`, partner_id: staffContact, share: false });
    const a = await support.getManagedCustomer(mia, SEED_IDS.customers.A);
    expect(a!.contacts.map((c) => c.id)).toContain(SEED_IDS.contacts.bobBuyerA);
    expect(a!.contacts.map((c) => c.id)).not.toContain(staffContact);
    await expect(
      support.startSupportSession(
        mia,
        { customerId: SEED_IDS.customers.A, contactId: staffContact, reason: 'Trying to act as a colleague', canWrite: false },
        30,
      ),
    ).rejects.toMatchObject({ code: 'bad_request' });
    // The seller's own company (where staff contacts live) is never a customer, even for a support admin.
    const sofia = staff(['support-admin'], SEED_IDS.users.support, 'Sofia Support');
    expect(await support.getManagedCustomer(sofia, SEED_IDS.company)).toBeNull();
    expect((await support.searchCustomers(sofia, undefined)).length).toBeGreaterThanOrEqual(4);
  });

  it("never lists another of the seller's companies as a customer, one the portal's Odoo user cannot open included", async () => {
    const { support } = await loadWith(env());
    const sofia = staff(['support-admin'], SEED_IDS.users.support, 'Sofia Support');
    await support.searchCustomers(sofia, undefined); // the seller's companies as read now are kept a day
    // A second company of the seller (Odoo's multi-company), set up after that read: a company
    // partner with no parent, as every customer is, and no company of its own.
    const odoo = gateway.client();
    const name = `Northwind East ${Date.now()}`;
    const partner = await odoo.create('res.partner', { name, is_company: true });
    const company = await odoo.create('res.company', { name, partner_id: partner });
    // The portal's Odoo user works in the first company only: Odoo answers it no other res.company.
    const [bot] = await odoo.searchRead('res.users', [['login', '=', 'portal-bot']], { fields: ['company_ids'] });
    await odoo.write('res.users', [bot!.id], { company_ids: [[6, 0, (bot!.company_ids as number[]).filter((id) => id !== company)]] });
    expect((await odoo.searchRead('res.company', [], { fields: ['name'] })).map((c) => c.id)).not.toContain(company);
    expect(await support.searchCustomers(sofia, name)).toEqual([]);
    expect((await support.searchCustomers(sofia, undefined)).map((c) => c.id)).not.toContain(partner);
    expect(await support.getManagedCustomer(sofia, partner)).toBeNull();
    // A customer company of that name is still found.
    const customer = await odoo.create('res.partner', { name: `${name} Customer`, is_company: true });
    expect((await support.searchCustomers(sofia, name)).map((c) => c.id)).toEqual([customer]);
  });
});
