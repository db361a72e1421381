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

  describe('refreshing a mapping without making a request wait', () => {
    const claims = { sub: 'v', email: 'victor@brightline.example', emailVerified: true };

    /** The simulator's client, counting Odoo calls, held back while `hold` is set, failing while `down` is. */
    function watchedClient() {
      const client = gateway.client();
      const state = { calls: 0, hold: null as Promise<void> | null, down: false };
      const watched = new Proxy(client, {
        get(target, prop, receiver) {
          const value: unknown = Reflect.get(target, prop, receiver);
          if (typeof value !== 'function') return value;
          return async (...args: unknown[]) => {
            state.calls += 1;
            if (state.hold) await state.hold;
            if (state.down) throw new Error('Odoo is down');
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      return { client: watched, state };
    }

    function withFakeClock() {
      vi.useFakeTimers({ toFake: ['performance', 'Date', 'setTimeout', 'clearTimeout'] });
      vi.advanceTimersByTime(1_000); // lru-cache reads a start time of 0 as "no TTL"
    }

    it('answers from the cache past half the TTL while it looks the contact up again, and the next request sees the change', async () => {
      withFakeClock();
      const mapper = resolver();
      const { client, state } = watchedClient();
      try {
        expect((await mapper.resolve(client, claims)).kind).toBe('customer');
        const callsOfOneLookup = state.calls;
        sim.store.update('res.partner', SEED_IDS.contacts.victorViewerA, { active: false });

        vi.advanceTimersByTime(149_000); // before half the TTL: the cache answers, Odoo is not asked
        expect((await mapper.resolve(client, claims)).kind).toBe('customer');
        expect(state.calls).toBe(callsOfOneLookup);

        vi.advanceTimersByTime(2_000);
        let release!: () => void;
        state.hold = new Promise((r) => (release = r));
        // Odoo is held back, yet the request is answered: from the cache, with the old mapping.
        expect((await mapper.resolve(client, claims)).kind).toBe('customer');
        expect(state.calls).toBe(callsOfOneLookup + 1); // the refresh started
        state.hold = null;
        release();
        await vi.waitFor(async () => expect(await mapper.resolve(client, claims)).toEqual({ kind: 'unlinked', reason: 'archived' }));
      } finally {
        vi.useRealTimers();
        sim.store.update('res.partner', SEED_IDS.contacts.victorViewerA, { active: true });
      }
    });

    it('keeps the mapping when a background refresh fails, but never past the TTL', async () => {
      withFakeClock();
      const mapper = resolver();
      const { client, state } = watchedClient();
      try {
        expect((await mapper.resolve(client, claims)).kind).toBe('customer');
        state.down = true;
        vi.advanceTimersByTime(200_000);
        expect((await mapper.resolve(client, claims)).kind).toBe('customer'); // refresh fails in the background
        expect((await mapper.resolve(client, claims)).kind).toBe('customer');
        vi.advanceTimersByTime(101_000);
        await expect(mapper.resolve(client, claims)).rejects.toThrow('Odoo is down');
      } finally {
        vi.useRealTimers();
      }
    });

    it('makes one Odoo lookup for requests that arrive together', async () => {
      const { client, state } = watchedClient();
      await resolver().resolve(client, claims);
      const callsOfOneLookup = state.calls;
      state.calls = 0;
      const mapper = resolver();
      const answers = await Promise.all([1, 2, 3, 4].map(() => mapper.resolve(client, claims)));
      expect(answers.map((a) => a.kind)).toEqual(['customer', 'customer', 'customer', 'customer']);
      expect(state.calls).toBe(callsOfOneLookup);
    });

    it('looks up afresh at sign-in, and that answer serves the pages that follow', async () => {
      const mapper = resolver();
      const { client, state } = watchedClient();
      try {
        expect((await mapper.resolve(client, claims)).kind).toBe('customer');
        sim.store.update('res.partner', SEED_IDS.contacts.victorViewerA, { active: false });
        expect((await mapper.resolve(client, claims)).kind).toBe('customer'); // cached
        expect(await mapper.resolveFresh(client, claims)).toEqual({ kind: 'unlinked', reason: 'archived' });
        const calls = state.calls;
        expect(await mapper.resolve(client, claims)).toEqual({ kind: 'unlinked', reason: 'archived' });
        expect(state.calls).toBe(calls);
      } finally {
        sim.store.update('res.partner', SEED_IDS.contacts.victorViewerA, { active: true });
      }
    });

    it('lets a fresh lookup (after a change to the contact) win over one begun before it, whichever answers last', async () => {
      const mapper = resolver();
      const held = watchedClient();
      const free = watchedClient();
      let release!: () => void;
      held.state.hold = new Promise((r) => (release = r));
      const older = mapper.resolveFresh(held.client, claims); // e.g. a background refresh, begun first
      try {
        expect((await mapper.resolveFresh(free.client, claims)).kind).toBe('customer'); // begun later, answers first
        // What the older lookup reads once released differs, so whether it wrote shows.
        sim.store.update('res.partner', SEED_IDS.contacts.victorViewerA, { active: false });
        held.state.hold = null;
        release();
        expect(await older).toEqual({ kind: 'unlinked', reason: 'archived' });
        const calls = free.state.calls;
        expect((await mapper.resolve(free.client, claims)).kind).toBe('customer'); // the later lookup's answer stays
        expect(free.state.calls).toBe(calls);
      } finally {
        sim.store.update('res.partner', SEED_IDS.contacts.victorViewerA, { active: true });
      }
    });

    it('lets forget() win over a lookup that was already running', async () => {
      const mapper = resolver();
      const { client, state } = watchedClient();
      let release!: () => void;
      state.hold = new Promise((r) => (release = r));
      const running = mapper.resolve(client, claims);
      mapper.forget(); // e.g. an action changed this contact while the lookup ran
      try {
        state.hold = null;
        release();
        expect((await running).kind).toBe('customer');
        sim.store.update('res.partner', SEED_IDS.contacts.victorViewerA, { active: false });
        // The lookup begun before forget() was not cached: this request asks Odoo again.
        expect(await mapper.resolve(client, claims)).toEqual({ kind: 'unlinked', reason: 'archived' });
      } finally {
        sim.store.update('res.partner', SEED_IDS.contacts.victorViewerA, { active: true });
      }
    });
  });
});
