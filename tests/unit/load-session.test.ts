import { encode } from 'next-auth/jwt';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OdooClient } from '../../lib/odoo';
import type { SupportSession } from '../../lib/portal/support-sessions';
import type { ActingEnd } from '../../lib/schemas/support';
import type { Identity, SessionClaims } from '../../lib/session/identity';

/**
 * loadSession() as pages, actions and route handlers get it: the session cookie as next-auth
 * writes it, read for real; the Odoo mapping, the support session store and the audit trail
 * replaced by what each case needs, so no server runs.
 */

const SECRET = 'load-session-test-secret-0123456789';
const COOKIE = 'authjs.session-token';
/** The request's Odoo client; the session hands it on speaking the reader's language. */
const ODOO = {
  name: 'the request’s Odoo client',
  withLang: (lang: string) => ({ name: 'the request’s Odoo client', lang }),
} as unknown as OdooClient;

const request = vi.hoisted(() => ({ cookies: {}, headers: new Headers() }));
const identities = vi.hoisted(() => ({ bySub: new Map<string, Identity>(), byContact: new Map<number, Identity>() }));

vi.mock('next/headers', () => ({
  cookies: async () => ({ getAll: () => Object.entries(request.cookies).map(([name, value]) => ({ name, value })) }),
  headers: async () => request.headers,
}));
vi.mock('../../lib/portal/odoo-client', () => ({ requestOdooClient: () => ODOO }));
vi.mock('../../lib/session/identity', () => {
  const resolver = {
    resolve: async (_odoo: OdooClient, claims: SessionClaims) =>
      identities.bySub.get(claims.sub) ?? { kind: 'unlinked', reason: 'no-match' },
    resolveContact: async (_odoo: OdooClient, id: number) => identities.byContact.get(id) ?? { kind: 'unlinked', reason: 'no-match' },
    forget() {},
  };
  return { identityResolver: () => resolver };
});
vi.mock('../../lib/portal/audit', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/portal/audit')>()),
  recordAudit: vi.fn(async () => {}),
  recordActingRequest: vi.fn(async () => {}),
}));
vi.mock('../../lib/portal/support-sessions', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/portal/support-sessions')>()),
  supportSessionState: vi.fn(async (): Promise<{ open: SupportSession } | { ended: ActingEnd }> => ({ ended: 'ended' })),
}));
vi.mock('../../lib/portal/support-customers', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/portal/support-customers')>()),
  // Whether the account manager still manages the customer is an Odoo look-up: here, yes.
  stillManages: vi.fn(async () => true),
}));

const { loadSession } = await import('../../lib/session/require-session');
const { recordActingRequest } = await import('../../lib/portal/audit');
const { supportSessionState } = await import('../../lib/portal/support-sessions');
const { signInRevocations } = await import('../../lib/session/revocation');

const BRIGHTLINE = { id: 10, name: 'Brightline Hardware Ltd' };
const KESTREL = { id: 11, name: 'Kestrel Builders GmbH' };
const bob: Identity = {
  kind: 'customer',
  contact: { id: 21, name: 'Bob Buyer', email: 'bob@brightline.example', lang: 'en_US' },
  tenant: BRIGHTLINE,
  odooRoles: ['buyer'],
  roles: ['buyer'],
};
const victor: Identity = {
  kind: 'customer',
  contact: { id: 23, name: 'Victor Viewer', email: 'victor@brightline.example', lang: 'en_US' },
  tenant: BRIGHTLINE,
  odooRoles: ['viewer'],
  roles: ['viewer'],
};
const mia: Identity = { kind: 'staff', roles: ['account-manager'], odooUserId: 7 };

const supportSession = (over: Partial<SupportSession> = {}): SupportSession => ({
  id: '7d7f8c1e-0a4b-4f5e-9c1d-2b3a4c5d6e7f',
  staff: { sub: 'idp|mia', name: 'Mia Manager', email: 'mia.manager@northwind.example' },
  tenant: BRIGHTLINE,
  contact: { id: 23, name: 'Victor Viewer' },
  reason: 'Customer asked for help with an order',
  canWrite: false,
  startedAt: '2026-11-23T12:00:00.000Z',
  expiresAt: '2026-11-23T12:30:00.000Z',
  endedAt: null,
  endReason: null,
  ...over,
});

async function signedIn(sub: string, extra: Record<string, unknown> = {}) {
  const claims = { sub, email: `${sub.replace('idp|', '')}@example.test`, name: sub };
  request.cookies = {
    [COOKIE]: await encode({ token: { claims, sid: `sign-in-${sub}`, ...extra }, secret: SECRET, salt: COOKIE, maxAge: 3600 }),
  };
}

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  // The first sign-out check opens the embedded PGlite store (WASM start and migrations):
  // seconds on a busy machine, paid here rather than inside the first test's time limit.
  await signInRevocations().isRevoked('warm-up');
}, 120_000);
beforeEach(() => {
  request.cookies = {};
  request.headers = new Headers({ 'x-request-id': 'req-1', 'x-portal-path': '/orders' });
  identities.bySub = new Map<string, Identity>([
    ['idp|bob', bob],
    ['idp|mia', mia],
  ]);
  identities.byContact = new Map<number, Identity>([[23, victor]]);
  vi.mocked(recordActingRequest).mockClear();
  vi.mocked(supportSessionState).mockReset().mockResolvedValue({ ended: 'ended' });
});

describe('loadSession', () => {
  it('is anonymous without a session cookie', async () => {
    expect(await loadSession()).toEqual({ status: 'anonymous' });
  });

  it("gives a customer's contact the tenant, contact and roles of its Odoo mapping, under the proxy's request id", async () => {
    await signedIn('idp|bob');
    const state = await loadSession();
    expect(state.status).toBe('customer');
    if (state.status !== 'customer') return;
    expect(state.ctx).toMatchObject({
      requestId: 'req-1',
      user: { sub: 'idp|bob' },
      contact: { id: 21, name: 'Bob Buyer' },
      tenant: BRIGHTLINE,
      locale: 'en',
      // Odoo names things in the contact's own language (context.lang).
      odoo: { name: 'the request’s Odoo client', lang: 'en_US' },
    });
    expect([...state.ctx.roles]).toEqual(['buyer']);
    expect(state.ctx.actingAs).toBeUndefined();
    expect(state.staff).toBeUndefined();
  });

  it('is unlinked when the sign-in maps to no Odoo contact', async () => {
    await signedIn('idp|nobody');
    expect(await loadSession()).toMatchObject({ status: 'unlinked', identity: { kind: 'unlinked', reason: 'no-match' } });
  });

  it('gives a staff member the staff context when not acting', async () => {
    await signedIn('idp|mia');
    const state = await loadSession();
    expect(state).toMatchObject({ status: 'staff', ctx: { user: { sub: 'idp|mia' }, odooUserId: 7 } });
    expect(supportSessionState).not.toHaveBeenCalled();
  });

  it("while acting, gives the customer's context with the support session, keeps the staff context beside it, and audits the request", async () => {
    await signedIn('idp|mia', { acting: supportSession().id });
    vi.mocked(supportSessionState).mockResolvedValue({ open: supportSession() });
    const state = await loadSession();
    expect(supportSessionState).toHaveBeenCalledWith('idp|mia', supportSession().id);
    expect(state.status).toBe('customer');
    if (state.status !== 'customer') return;
    expect(state.ctx).toMatchObject({
      user: { sub: 'idp|mia' }, // the person signed in stays the staff member
      contact: { id: 23, name: 'Victor Viewer' },
      tenant: BRIGHTLINE,
      actingAs: { sessionId: supportSession().id, canWrite: false, expiresAt: supportSession().expiresAt, reason: supportSession().reason },
    });
    expect([...state.ctx.roles]).toEqual(['viewer']);
    expect(state.staff).toMatchObject({ user: { sub: 'idp|mia' }, roles: new Set(['account-manager']) });
    expect(recordActingRequest).toHaveBeenCalledWith(state.ctx, '/orders');
  });

  it('falls back to the staff context when the support session has ended, expired or is not theirs', async () => {
    await signedIn('idp|mia', { acting: supportSession().id });
    const state = await loadSession();
    expect(supportSessionState).toHaveBeenCalledWith('idp|mia', supportSession().id);
    expect(state).toMatchObject({ status: 'staff', ctx: { user: { sub: 'idp|mia' } }, actingEnded: 'ended' });
    expect(recordActingRequest).not.toHaveBeenCalled();
  });

  it('gives no customer context when the contact acted for now belongs to another company', async () => {
    await signedIn('idp|mia', { acting: supportSession().id });
    vi.mocked(supportSessionState).mockResolvedValue({ open: supportSession() });
    identities.byContact.set(23, { ...victor, tenant: KESTREL });
    expect(await loadSession()).toMatchObject({ status: 'staff', actingEnded: 'contact-gone' });
    expect(recordActingRequest).not.toHaveBeenCalled();
  });

  it('ignores a support session id in the cookie of a customer', async () => {
    await signedIn('idp|bob', { acting: supportSession().id });
    vi.mocked(supportSessionState).mockResolvedValue({ open: supportSession() });
    const state = await loadSession();
    expect(state).toMatchObject({ status: 'customer', ctx: { contact: { id: 21 } } });
    expect(supportSessionState).not.toHaveBeenCalled();
  });
});
