import 'server-only';
import { LRUCache } from 'lru-cache';
import type { OdooClient } from '../odoo';
import { findCustomer, findStaffUser, type CustomerIdentity, type Unlinked } from '../portal/identity';
import { portalConfig } from '../config';
import { log } from '../log';
import { processSingleton } from '../process-singleton';
import { isStaffRole, rolesFromGroups, type Role } from '../roles';

/** What the session cookie carries: the IdP's claims, nothing the portal derived. */
export interface SessionClaims {
  sub: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  groups?: unknown;
  partnerId?: number;
}

export type Identity = (CustomerIdentity & { roles: Role[] }) | { kind: 'staff'; roles: Role[]; odooUserId: number | null } | Unlinked;

export interface IdentityOptions {
  mapping: 'email' | 'claim';
  roleGroups: Partial<Record<Role, string>>;
  ttlSeconds: number;
}

const claimsKey = (claims: SessionClaims) =>
  JSON.stringify([claims.sub, claims.email, claims.emailVerified, claims.partnerId, claims.groups]);

/** A cached mapping and the moment from which a request refreshes it in the background. */
type Entry = { identity: Identity; refreshAt: number };

/**
 * Maps the claims to an Odoo identity, cached for at most PORTAL_MAPPING_TTL_SECONDS (5
 * minutes by default) so an archived contact or a removed tag loses access soon, without
 * an Odoo lookup on every request.
 *
 * A request never waits for a mapping that is still valid: past half its lifetime, the
 * request is answered from the cache and the mapping is looked up again in the background
 * (stale-while-revalidate inside the TTL, never beyond it). Someone who keeps using the
 * portal therefore never pays the lookup; only a first request, or one after a whole TTL
 * of silence, waits for Odoo. Concurrent lookups of one key share one Odoo round trip.
 */
export class IdentityResolver {
  private readonly cache: LRUCache<string, Entry>;
  private readonly inFlight = new Map<string, Promise<Identity>>();
  /** Bumped by forget(): a lookup begun before it may not write its (older) answer. */
  private generation = 0;

  constructor(private readonly opts: IdentityOptions) {
    // The clock is looked up on each call rather than the one lru-cache keeps from start-up, so fake timers move it in tests.
    this.cache = new LRUCache({ max: 10_000, ttl: opts.ttlSeconds * 1000, perf: { now: () => performance.now() } });
  }

  async resolve(odoo: OdooClient, claims: SessionClaims): Promise<Identity> {
    return this.cached(claimsKey(claims), () => this.lookup(odoo, claims));
  }

  /** Looks the claims up in Odoo now and caches the answer: a sign-in sees a contact linked a moment ago. */
  async resolveFresh(odoo: OdooClient, claims: SessionClaims): Promise<Identity> {
    return this.load(claimsKey(claims), () => this.lookup(odoo, claims), { fresh: true });
  }

  /**
   * A contact by id, as a support session acts for it: the same lookup and the same
   * time-limited cache as a sign-in mapped by the `odoo_partner_id` claim.
   */
  async resolveContact(odoo: OdooClient, contactId: number): Promise<CustomerIdentity | Unlinked> {
    const key = JSON.stringify(['contact', contactId]);
    const found = await this.cached(key, async () => {
      const customer = await findCustomer(odoo, { sub: `contact:${contactId}`, partnerId: contactId }, 'claim');
      return customer.kind === 'customer' ? { ...customer, roles: customer.odooRoles } : customer;
    });
    return found as CustomerIdentity | Unlinked;
  }

  forget() {
    this.generation += 1;
    this.inFlight.clear();
    this.cache.clear();
  }

  /**
   * Drops the mappings a change to these Odoo partners can alter, so the person's next request
   * looks them up again instead of waiting out the TTL: a contact moved to another company,
   * archived or given other role tags, or its company changed. Mappings to no contact go too,
   * as the change may have made one match. Called on every instance through the cache bus,
   * for Odoo's res.partner webhook and the portal's own changes to contacts (account/actions.ts).
   */
  forgetPartners(partnerIds: ReadonlySet<number>) {
    if (partnerIds.size === 0) return;
    // A lookup in flight may have read the partner before the change: it must not write its answer.
    this.generation += 1;
    this.inFlight.clear();
    for (const [key, { identity }] of this.cache.entries()) {
      if (identity.kind === 'staff') continue;
      if (identity.kind === 'unlinked' || partnerIds.has(identity.contact.id) || partnerIds.has(identity.tenant.id)) this.cache.delete(key);
    }
  }

  private async cached(key: string, lookup: () => Promise<Identity>): Promise<Identity> {
    const hit = this.cache.get(key);
    if (!hit) return this.load(key, lookup);
    if (performance.now() >= hit.refreshAt) {
      // The old mapping answers this request; a failed refresh leaves it until its TTL ends.
      this.load(key, lookup).catch((err: unknown) =>
        log.warn({ err: err instanceof Error ? err.message : String(err) }, 'identity mapping not refreshed'),
      );
    }
    return hit.identity;
  }

  /**
   * One lookup per key at a time, shared by whoever asks meanwhile. A fresh one (after a
   * change to the person's own contact) never joins a lookup that began before the change,
   * and only the latest lookup begun for a key may write it: an older answer arriving later
   * cannot undo the change.
   */
  private load(key: string, lookup: () => Promise<Identity>, opts: { fresh?: boolean } = {}): Promise<Identity> {
    const running = this.inFlight.get(key);
    if (running && !opts.fresh) return running;
    const generation = this.generation;
    const loading: Promise<Identity> = lookup()
      .then((identity) => {
        if (generation === this.generation && this.inFlight.get(key) === loading) {
          this.cache.set(key, { identity, refreshAt: performance.now() + (this.opts.ttlSeconds * 1000) / 2 });
        }
        return identity;
      })
      .finally(() => {
        if (this.inFlight.get(key) === loading) this.inFlight.delete(key);
      });
    this.inFlight.set(key, loading);
    return loading;
  }

  private async lookup(odoo: OdooClient, claims: SessionClaims): Promise<Identity> {
    const idpRoles = rolesFromGroups(claims.groups, this.opts.roleGroups);
    const staffRoles = idpRoles.filter(isStaffRole);
    if (staffRoles.length > 0) {
      return { kind: 'staff', roles: staffRoles, odooUserId: await findStaffUser(odoo, claims) };
    }
    const found = await findCustomer(
      odoo,
      { sub: claims.sub, email: claims.email, emailVerified: claims.emailVerified, partnerId: claims.partnerId },
      this.opts.mapping,
    );
    if (found.kind !== 'customer') return found;
    // Roles from the IdP, when it sends any, take precedence over the tags on the Odoo contact.
    return { ...found, roles: idpRoles.length > 0 ? idpRoles : found.odooRoles };
  }
}

/**
 * The process's one resolver: the sign-in's lookup warms the cache for the first page, and a
 * change to a contact (the cache bus's forgetPartners) ends what pages and route handlers cached.
 */
export function identityResolver(): IdentityResolver {
  return processSingleton('identity-resolver', () => {
    const c = portalConfig();
    return new IdentityResolver({
      mapping: c.PORTAL_PARTNER_MAPPING,
      roleGroups: c.PORTAL_ROLE_GROUPS,
      ttlSeconds: c.PORTAL_MAPPING_TTL_SECONDS,
    });
  });
}
