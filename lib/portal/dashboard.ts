import 'server-only';
import type { PortalContext } from '../context';
import { deliveryDomain } from './deliveries';
import { FIELDS, webSpec } from './fields';
import { openTotals, type CurrencyTotals } from './invoices';
import { can } from '../roles';
import { orderDomain, orderSort, toOrderRow, type OrderRow } from './orders';
import { cachedRead } from './read-cache';

export interface Dashboard {
  openOrders: number;
  /** The newest of the open orders. */
  latestOpenOrders: OrderRow[];
  deliveriesInProgress: number;
  lateDeliveries: number;
  /** Only for roles that see invoices. */
  invoices: CurrencyTotals[] | null;
}

/**
 * Headline figures for the home page, each the count of the list filter the page links
 * to, so a figure and its list always agree. Independent calls go out together: three for
 * a buyer on Odoo 17+ (four on 16), plus the invoice totals' two for finance and admins.
 */
export async function dashboard(ctx: PortalContext, now = new Date()): Promise<Dashboard> {
  return cachedRead(ctx, 'dashboard', [], ['orders', 'deliveries', 'invoices'], () => readDashboard(ctx, now));
}

async function readDashboard(ctx: PortalContext, now: Date): Promise<Dashboard> {
  const [open, deliveriesInProgress, lateDeliveries, invoices] = await Promise.all([
    openOrders(ctx),
    ctx.odoo.searchCount('stock.picking', deliveryDomain(ctx, { status: 'in-progress' }, now)),
    ctx.odoo.searchCount('stock.picking', deliveryDomain(ctx, { status: 'late' }, now)),
    can(ctx.roles, 'see-invoices') ? openTotals(ctx, now) : null,
  ]);
  return { openOrders: open.count, latestOpenOrders: open.latest, deliveriesInProgress, lateDeliveries, invoices };
}

/** How many orders are open and the newest of them: one web_search_read on Odoo 17+ (its length is the count). */
async function openOrders(ctx: PortalContext, limit = 5): Promise<{ count: number; latest: OrderRow[] }> {
  const domain = orderDomain(ctx, { state: 'open' });
  const order = orderSort({ sort: 'date', dir: 'desc' });
  if (await ctx.odoo.hasWebRead()) {
    const { length, records } = await ctx.odoo.webSearchRead('sale.order', domain, webSpec(FIELDS.order), { limit, order });
    return { count: length, latest: records.map(toOrderRow) };
  }
  const [count, records] = await Promise.all([
    ctx.odoo.searchCount('sale.order', domain),
    ctx.odoo.searchRead('sale.order', domain, { fields: FIELDS.order, limit, order }),
  ]);
  return { count, latest: records.map(toOrderRow) };
}
