import 'server-only';
import type { PortalContext } from '../session/require-session';
import { tenantDomain } from './tenant';

export interface DashboardCounts {
  openOrders: number;
  deliveriesOnTheWay: number;
}

/** Headline figures for the home page; independent counts go out together. */
export async function dashboardCounts(ctx: PortalContext): Promise<DashboardCounts> {
  const [openOrders, deliveriesOnTheWay] = await Promise.all([
    ctx.odoo.searchCount('sale.order', [...tenantDomain(ctx), ['state', 'in', ['draft', 'sent', 'sale']], ['delivery_status', '!=', 'full']]),
    ctx.odoo.searchCount('stock.picking', [...tenantDomain(ctx), ['picking_type_code', '=', 'outgoing'], ['state', 'in', ['confirmed', 'waiting', 'assigned']]]),
  ]);
  return { openOrders, deliveriesOnTheWay };
}
