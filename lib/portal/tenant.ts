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
