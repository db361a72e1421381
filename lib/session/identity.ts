import 'server-only';
import { LRUCache } from 'lru-cache';
import type { OdooClient } from '../odoo';
import { findCustomer, findStaffUser, type CustomerIdentity, type Unlinked } from '../portal/identity';
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

/**
 * Maps the claims to an Odoo identity, cached for at most PORTAL_MAPPING_TTL_SECONDS (5
 * minutes by default) so an archived contact or a removed tag loses access soon, without
 * an Odoo lookup on every request.
 */
export class IdentityResolver {
  private readonly cache: LRUCache<string, Identity>;

  constructor(private readonly opts: IdentityOptions) {
    // The clock is looked up on each call rather than the one lru-cache keeps from start-up, so fake timers move it in tests.
    this.cache = new LRUCache({ max: 10_000, ttl: opts.ttlSeconds * 1000, perf: { now: () => performance.now() } });
  }

  async resolve(odoo: OdooClient, claims: SessionClaims): Promise<Identity> {
    const key = JSON.stringify([claims.sub, claims.email, claims.emailVerified, claims.partnerId, claims.groups]);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const identity = await this.lookup(odoo, claims);
    this.cache.set(key, identity);
    return identity;
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

  /**
   * A contact by id, as a support session acts for it: the same lookup and the same
   * time-limited cache as a sign-in mapped by the `odoo_partner_id` claim.
   */
  async resolveContact(odoo: OdooClient, contactId: number): Promise<CustomerIdentity | Unlinked> {
    const key = JSON.stringify(['contact', contactId]);
    const hit = this.cache.get(key);
    if (hit) return hit as CustomerIdentity | Unlinked;
    const found = await findCustomer(odoo, { sub: `contact:${contactId}`, partnerId: contactId }, 'claim');
    this.cache.set(key, found.kind === 'customer' ? { ...found, roles: found.odooRoles } : found);
    return found;
  }

  forget() {
    this.cache.clear();
  }
}
