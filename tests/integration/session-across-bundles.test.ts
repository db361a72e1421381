import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { randomUUID } from 'node:crypto';
import { dropProcessSingleton } from '../../lib/process-singleton';
import type { OdooSimulator } from '../../odoo-sim/server';
import { SEED_IDS } from '../../odoo-sim/seed';
import { startSimulator } from '../helpers/odoo-sim';
import { scratchDatabase } from '../helpers/postgres';

/**
 * Next compiles pages, server actions and route handlers into separate bundles, each with
 * its own copy of every module it imports. Here each "bundle" is the real module loaded
 * afresh (vi.resetModules), with one browser's cookie jar behind next/headers, so what one
 * bundle writes (a support session started or stopped, a sign-out) must be what the others
 * read: one store per process, with PGlite as with PostgreSQL.
 */
const SECRET = 'session-across-bundles-secret-0123456789';
const COOKIE = 'authjs.session-token';
const MAX_AGE = 8 * 3600;
const REASON = 'Customer asked us to check an order for them';

const browser = vi.hoisted(() => ({ cookie: null as string | null, payload: null as Record<string, unknown> | null }));

vi.mock('next/headers', () => ({
  cookies: async () => ({ getAll: () => (browser.cookie ? [{ name: 'authjs.session-token', value: browser.cookie }] : []) }),
  headers: async () => new Headers({ 'x-request-id': `req-${Math.random().toString(36).slice(2)}`, 'x-portal-path': 'GET /test' }),
}));

// next-auth's cookie writes, as they reach the browser: a support session's update re-encrypts the cookie, sign-out clears it.
vi.mock('@/auth', () => ({
  updateSession: async ({ acting }: { acting: string | null }) => {
    browser.payload = { ...browser.payload, acting };
    browser.cookie = await encode({
      token: browser.payload,
      secret: process.env.AUTH_SECRET!,
      salt: 'authjs.session-token',
      maxAge: 8 * 3600,
    });
  },
  signOut: async () => {
    browser.cookie = null;
    browser.payload = null;
  },
  signIn: async () => undefined,
}));

type Bundles = Awaited<ReturnType<typeof loadBundles>>;

/** Each entry point loaded into its own module graph, as Next bundles them. */
async function loadBundles() {
  const fresh = async <T>(load: () => Promise<T>): Promise<T> => {
    vi.resetModules();
    return load();
  };
  return {
    page: await fresh(() => import('../../lib/session/require-session')),
    supportActions: await fresh(() => import('../../app/(support)/support/actions')),
    authActions: await fresh(() => import('../../app/(auth)/actions')),
    me: await fresh(() => import('../../app/api/me/route')),
    delivery: await fresh(() => import('../../app/api/deliveries/[id]/route')),
    ordersExport: await fresh(() => import('../../app/(portal)/orders/export/route')),
    support: await fresh(() => import('../../lib/portal/support-sessions')),
    audit: await fresh(() => import('../../lib/portal/audit')),
  };
}

async function signInAs(claims: Record<string, unknown>) {
  browser.payload = { claims, sid: randomUUID(), acting: null };
  browser.cookie = await encode({ token: browser.payload, secret: SECRET, salt: COOKIE, maxAge: MAX_AGE });
  return browser.cookie;
}

const MIA = {
  sub: 'idp|mia',
  email: 'mia.manager@northwind.example',
  emailVerified: true,
  name: 'Mia Manager',
  groups: ['Northwind Account Managers'],
};
const BOB = { sub: 'idp|bob', email: 'bob@brightline.example', emailVerified: true, name: 'Bob Buyer', groups: [] };

/** A route handler's answer to this browser (its current cookie). */
async function get(
  route: { GET: (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> },
  path: string,
  params: Record<string, string> = {},
) {
  const res = await route.GET(new NextRequest(`http://localhost${path}`), { params: Promise.resolve(params) });
  return { status: res.status, body: await res.text() };
}

/** What a page does first: requireSession(); a redirect is reported as its target. */
async function pageSession(b: Bundles) {
  try {
    return { ctx: await b.page.requireSession() };
  } catch (err) {
    const { digest } = err as { digest?: unknown };
    if (typeof digest !== 'string' || !digest.startsWith('NEXT_REDIRECT')) throw err;
    return { redirect: digest.split(';')[2] };
  }
}

const database = scratchDatabase('portal_bundles');
let sim: OdooSimulator;
let deliveryOfA: number;

beforeAll(async () => {
  await database.create();
  const started = await startSimulator();
  sim = started.sim;
  const c = started.config();
  Object.assign(process.env, {
    AUTH_SECRET: SECRET,
    ODOO_URL: c.url,
    ODOO_DB: c.db,
    ODOO_LOGIN: c.login,
    ODOO_API_KEY: c.apiKey,
    PORTAL_ROLE_GROUPS: JSON.stringify({ 'account-manager': 'Northwind Account Managers' }),
  });
  for (const name of ['odoo-gateway', 'identity-resolver', 'sign-in-revocations', 'session-token-cache']) dropProcessSingleton(name);
  const ofA = (partnerId: unknown) => sim.store.get('res.partner', partnerId as number)?.commercial_partner_id === SEED_IDS.customers.A;
  deliveryOfA = [...sim.store.all('stock.picking')].find((p) => p.picking_type_code === 'outgoing' && ofA(p.partner_id))!.id;
});

afterAll(async () => {
  const { closePortalDb } = await import('../../lib/db/sql');
  await closePortalDb();
  await sim.close();
  await database.drop();
});

// Eight module graphs and an embedded database on a shared machine: more time than the default.
vi.setConfig({ testTimeout: 60_000 });

describe.each([
  ['PGlite', () => undefined],
  ['PostgreSQL', () => database.url],
])('one portal store for pages, actions and route handlers, on %s', (_name, databaseUrl) => {
  let b: Bundles;
  beforeAll(async () => {
    const { closePortalDb, portalDb } = await import('../../lib/db/sql');
    await closePortalDb();
    const url = databaseUrl();
    if (url) process.env.DATABASE_URL = url;
    else delete process.env.DATABASE_URL;
    await portalDb();
    b = await loadBundles();
  }, 120_000);

  async function startActing() {
    await signInAs(MIA);
    const started = await b.supportActions.startActingAction(null, {
      customerId: SEED_IDS.customers.A,
      contactId: SEED_IDS.contacts.bobBuyerA,
      reason: REASON,
      canWrite: false,
    });
    expect(started).toMatchObject({ ok: true });
    return (started as { data: { id: string } }).data.id;
  }

  /** Every kind of entry point, with this browser's current cookie, acts for customer A. */
  async function expectActingForA(sessionId: string) {
    expect((await pageSession(b)).ctx).toMatchObject({ tenant: { id: SEED_IDS.customers.A }, actingAs: { sessionId } });
    const me = await get(b.me, '/api/me');
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ tenant: { id: SEED_IDS.customers.A }, actingAs: { sessionId } });
    expect((await get(b.delivery, `/api/deliveries/${deliveryOfA}`, { id: String(deliveryOfA) })).status).toBe(200);
    const csv = await get(b.ordersExport, '/orders/export');
    expect(csv.status).toBe(200);
    expect(/^"S\d{5}",/m.test(csv.body), 'the CSV lists A’s orders (text cells are quoted)').toBe(true);
  }

  /** The same cookie now reaches no customer data anywhere. */
  async function expectNoCustomerData(pageTarget: string, routeStatus: number) {
    expect(await pageSession(b)).toEqual({ redirect: pageTarget });
    for (const [route, path, params] of [
      [b.me, '/api/me', {}],
      [b.delivery, `/api/deliveries/${deliveryOfA}`, { id: String(deliveryOfA) }],
      [b.ordersExport, '/orders/export', {}],
    ] as const) {
      const res = await get(route, path, params);
      expect(res.status, path).toBe(routeStatus);
      expect(res.body).not.toMatch(/Brightline|BRL|S\d{5}|actingAs/);
    }
  }

  it('a support session started in an action is the one pages and route handlers act in, and once stopped its old cookie reaches nothing', async () => {
    const sessionId = await startActing();
    const preStop = browser.cookie;
    await expectActingForA(sessionId);

    expect(await b.supportActions.stopActingAction(null, {})).toMatchObject({ ok: true });
    browser.cookie = preStop; // the cookie copied before stopping, replayed
    await expectNoCustomerData('/support?ended=ended', 403);
    // Stopping again answers that there is nothing to stop.
    expect(await b.supportActions.stopActingAction(null, {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('a support session past its time limit reaches nothing', async () => {
    const sessionId = await startActing();
    await expectActingForA(sessionId);
    const { portalDb } = await import('../../lib/db/sql');
    await (await portalDb()).query(`UPDATE support_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [sessionId]);
    // The staff member is sent to their support page, which says the time limit ended it.
    await expectNoCustomerData('/support?ended=expired', 403);
    expect((await b.support.listSupportSessions({ staffSub: MIA.sub, limit: 1 }))[0]).toMatchObject({
      id: sessionId,
      endReason: 'expired',
    });
  });

  it('sign-out in an action ends the sign-in and its support session for every bundle: the copied cookie is signed out', async () => {
    const sessionId = await startActing();
    const copied = browser.cookie;
    await expectActingForA(sessionId);
    await b.authActions.signOutAction();
    browser.cookie = copied;
    await expectNoCustomerData('/signin', 401);
    expect((await b.support.listSupportSessions({ staffSub: MIA.sub, limit: 1 }))[0]).toMatchObject({
      id: sessionId,
      endReason: 'signed-out',
    });
    // Nor can the copy start acting again.
    await expect(
      b.supportActions.startActingAction(null, {
        customerId: SEED_IDS.customers.A,
        contactId: SEED_IDS.contacts.bobBuyerA,
        reason: REASON,
        canWrite: false,
      }),
    ).rejects.toMatchObject({ digest: expect.stringContaining('/signin') });
  });

  it('a support session whose contact is archived in Odoo ends at the next request, says why, and stays ended once the contact is back', async () => {
    const sessionId = await startActing();
    await expectActingForA(sessionId);
    const { identityResolver } = await import('../../lib/session/identity');
    sim.store.update('res.partner', SEED_IDS.contacts.bobBuyerA, { active: false });
    try {
      identityResolver().forget(); // as Odoo's webhook on res.partner does
      await expectNoCustomerData('/support?ended=contact-gone', 403);
      expect((await b.support.listSupportSessions({ staffSub: MIA.sub, limit: 1 }))[0]).toMatchObject({
        id: sessionId,
        endReason: 'contact-gone',
      });
      const [ended] = await b.audit.listAuditEvents({ supportSessionId: sessionId, limit: 1 });
      expect(ended).toMatchObject({ action: 'support.end', outcome: 'denied', detail: { reason: 'contact-gone' } });
    } finally {
      sim.store.update('res.partner', SEED_IDS.contacts.bobBuyerA, { active: true });
      identityResolver().forget();
    }
    // Reactivated, the contact does not bring the ended session back.
    expect(await pageSession(b)).toEqual({ redirect: '/support?ended=contact-gone' });
  });

  it('a customer’s copied cookie is signed out after sign-out, on pages and route handlers', async () => {
    const copied = await signInAs(BOB);
    expect((await get(b.me, '/api/me')).status).toBe(200);
    await b.authActions.signOutAction();
    browser.cookie = copied;
    expect(await pageSession(b)).toEqual({ redirect: '/signin' });
    expect((await get(b.me, '/api/me')).status).toBe(401);
    expect((await get(b.ordersExport, '/orders/export')).status).toBe(401);
  });

  it('an account manager who is no longer the customer’s salesperson loses the session at the next request, and the trail says so', async () => {
    const sessionId = await startActing();
    await expectActingForA(sessionId);
    sim.store.update('res.partner', SEED_IDS.customers.A, { user_id: SEED_IDS.users.managerSam });
    try {
      expect((await get(b.me, '/api/me')).status).toBe(403);
      expect((await b.support.listSupportSessions({ staffSub: MIA.sub, limit: 1 }))[0]).toMatchObject({
        id: sessionId,
        endReason: 'reassigned',
      });
      const [ended] = await b.audit.listAuditEvents({ supportSessionId: sessionId, limit: 1 });
      expect(ended).toMatchObject({
        action: 'support.end',
        outcome: 'denied',
        tenantId: SEED_IDS.customers.A,
        actor: { sub: MIA.sub },
        detail: { reason: 'reassigned' },
      });
      // Given back, the ended session stays ended, and the support page says why it ended.
      sim.store.update('res.partner', SEED_IDS.customers.A, { user_id: SEED_IDS.users.managerMia });
      expect(await pageSession(b)).toEqual({ redirect: '/support?ended=reassigned' });
    } finally {
      sim.store.update('res.partner', SEED_IDS.customers.A, { user_id: SEED_IDS.users.managerMia });
    }
  });
});
