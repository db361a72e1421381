import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OdooGateway } from '../../lib/odoo/client';
import { IdentityResolver } from '../../lib/session/identity';
import type { OdooSimulator } from '../../odoo-sim/server';
import { SEED_IDS } from '../../odoo-sim/seed';
import { startSimulator } from '../helpers/odoo-sim';

let sim: OdooSimulator;
let gateway: OdooGateway;
const resolver = () => new IdentityResolver({ mapping: 'email', roleGroups: {}, ttlSeconds: 300 });

beforeAll(async () => {
  const started = await startSimulator();
  sim = started.sim;
  gateway = new OdooGateway(started.config());
});
afterAll(() => sim.close());

describe('mapping a sign-in to an Odoo partner', () => {
  it('maps a verified email to its contact, the tenant to the commercial partner, roles to the contact tags', async () => {
    const id = await resolver().resolve(gateway.client(), { sub: 's1', email: 'Bob@Brightline.example', emailVerified: true });
    expect(id).toMatchObject({
      kind: 'customer',
      contact: { id: SEED_IDS.contacts.bobBuyerA },
      tenant: { id: SEED_IDS.customers.A, name: 'Brightline Hardware Ltd' },
      roles: ['buyer'],
    });
  });

  it('lets roles from the IdP take precedence over the Odoo tags', async () => {
    const id = await resolver().resolve(gateway.client(), {
      sub: 's1',
      email: 'bob@brightline.example',
      emailVerified: true,
      groups: ['viewer'],
    });
    expect(id).toMatchObject({ kind: 'customer', roles: ['viewer'] });
  });

  it.each([
    ['nobody@unknown.example', true, 'no-match'],
    ['olga@brightline.example', true, 'archived'],
    ['orders@shared.example', true, 'ambiguous'],
    ['bob@brightline.example', false, 'unverified-email'],
    ['b_b@brightline.example', true, 'no-match'],
  ])('does not link %s (verified %s): %s', async (email, emailVerified, reason) => {
    expect(await resolver().resolve(gateway.client(), { sub: 'x', email, emailVerified })).toEqual({ kind: 'unlinked', reason });
  });

  it('maps by the odoo_partner_id claim when configured, and refuses a company id', async () => {
    const byClaim = new IdentityResolver({ mapping: 'claim', roleGroups: {}, ttlSeconds: 300 });
    expect(await byClaim.resolve(gateway.client(), { sub: 'c', partnerId: SEED_IDS.contacts.brunoBuyerB })).toMatchObject({
      kind: 'customer',
      tenant: { id: SEED_IDS.customers.B },
    });
    expect(await byClaim.resolve(gateway.client(), { sub: 'c', partnerId: SEED_IDS.customers.B })).toEqual({
      kind: 'unlinked',
      reason: 'no-company',
    });
    expect(await byClaim.resolve(gateway.client(), { sub: 'c' })).toEqual({ kind: 'unlinked', reason: 'no-match' });
  });

  const staffGroups = { 'account-manager': 'Northwind Sales', 'support-admin': 'Northwind Support' } as const;
  const staffResolver = () => new IdentityResolver({ mapping: 'email', roleGroups: staffGroups, ttlSeconds: 300 });

  it('treats account managers and support admins as staff, through the mapped groups, matched to their Odoo user', async () => {
    expect(
      await staffResolver().resolve(gateway.client(), {
        sub: 'm',
        email: 'mia.manager@northwind.example',
        emailVerified: true,
        groups: ['Northwind Sales'],
      }),
    ).toEqual({ kind: 'staff', roles: ['account-manager'], odooUserId: SEED_IDS.users.managerMia });
    expect(
      await staffResolver().resolve(gateway.client(), {
        sub: 's',
        email: 'Sofia.Support@northwind.example',
        emailVerified: true,
        groups: ['Northwind Support'],
      }),
    ).toEqual({ kind: 'staff', roles: ['support-admin'], odooUserId: SEED_IDS.users.support });
  });

  it('makes nobody staff for a group that merely carries a staff role’s name', async () => {
    for (const groups of [['support-admin'], ['account-manager']]) {
      expect(
        (await resolver().resolve(gateway.client(), { sub: 'x', email: 'bob@brightline.example', emailVerified: true, groups })).kind,
      ).toBe('customer');
      expect(
        (await staffResolver().resolve(gateway.client(), { sub: 'x', email: 'bob@brightline.example', emailVerified: true, groups })).kind,
      ).toBe('customer');
    }
  });

  it('finds a staff member’s Odoo user only by a verified email, never by a pattern', async () => {
    const resolve = (email: string, emailVerified: boolean) =>
      staffResolver().resolve(gateway.client(), { sub: 'm', email, emailVerified, groups: ['Northwind Sales'] });
    expect(await resolve('mia.manager@northwind.example', false)).toEqual({ kind: 'staff', roles: ['account-manager'], odooUserId: null });
    expect(await resolve('mia_manager@northwind.example', true)).toEqual({ kind: 'staff', roles: ['account-manager'], odooUserId: null });
    expect(await resolve('%@northwind.example', true)).toEqual({ kind: 'staff', roles: ['account-manager'], odooUserId: null });
  });

  it('keeps a mapping for the TTL only: an archived contact loses access once it expires', async () => {
    // The clocks and timeouts are faked (lru-cache drops its cached clock reading on a timeout); I/O stays real.
    vi.useFakeTimers({ toFake: ['performance', 'Date', 'setTimeout', 'clearTimeout'] });
    vi.advanceTimersByTime(1_000); // lru-cache reads a start time of 0 (the fake clock's first reading) as "no TTL"
    const short = new IdentityResolver({ mapping: 'email', roleGroups: {}, ttlSeconds: 300 });
    const claims = { sub: 'v', email: 'victor@brightline.example', emailVerified: true };
    const client = gateway.client();
    try {
      expect((await short.resolve(client, claims)).kind).toBe('customer');
      sim.store.update('res.partner', SEED_IDS.contacts.victorViewerA, { active: false });
      vi.advanceTimersByTime(299_000);
      expect((await short.resolve(client, claims)).kind).toBe('customer'); // still the cached mapping
      vi.advanceTimersByTime(2_000);
      expect(await short.resolve(client, claims)).toEqual({ kind: 'unlinked', reason: 'archived' });
    } finally {
      vi.useRealTimers();
      sim.store.update('res.partner', SEED_IDS.contacts.victorViewerA, { active: true });
    }
  });
});
