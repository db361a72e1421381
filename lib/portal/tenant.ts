import 'server-only';
import type { Domain } from '../odoo';
import type { PortalContext } from '../context';

/**
 * The tenant filter every lib/portal read adds itself: records of the session's commercial
 * partner and its contacts (Odoo 19 portal rule `partner_id child_of commercial partner`).
 */
export function tenantDomain(ctx: Pick<PortalContext, 'tenant'>, field = 'partner_id'): Domain {
  return [[field, 'child_of', [ctx.tenant.id]]];
}

/**
 * Whether a partner nested by a web_read (`{id, commercial_partner_id}`) is one of the
 * tenant's: for related records Odoo 17+ nests without the tenant's domain. Stricter than
 * `child_of` for a company set up below the tenant (a branch with its own commercial
 * partner): its records stay out, never another company's in.
 */
export function isTenantPartner(ctx: Pick<PortalContext, 'tenant'>, partner: unknown): boolean {
  const value = partner && typeof partner === 'object' ? (partner as { commercial_partner_id?: unknown }).commercial_partner_id : null;
  return typeof value === 'number' && value === ctx.tenant.id;
}
