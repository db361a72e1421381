import 'server-only';
import type { PortalContext } from '../context';
import type { Domain } from '../odoo';
import { deliveryDomain, deliveryRows, type DeliveryRow } from './deliveries';
import { FIELDS } from './fields';
import { firstRecordsAndCount } from './first-records';
import { invoiceDomain, odooToday, openTotals, toInvoiceRow, type CurrencyTotals, type InvoiceRow } from './invoices';
import { can } from '../roles';
import { orderDomain, orderSort, toOrderRow, type OrderRow } from './orders';
import { cachedRead } from './read-cache';

export interface Dashboard {
  openOrders: number;
  /** The newest of the open orders. */
  latestOpenOrders: OrderRow[];
  /** Quotations waiting for the customer's go-ahead, newest first. */
  quotations: { count: number; first: OrderRow[] };
  deliveriesInProgress: number;
  /** Late deliveries, the earliest scheduled first. */
  late: { count: number; first: DeliveryRow[] };
  /** Only for roles that see invoices. */
  invoices: CurrencyTotals[] | null;
  /** Overdue invoices, the oldest due date first; only for roles that see invoices. */
  overdue: { count: number; first: InvoiceRow[] } | null;
}

/** How many of each list the home page shows; its link leads to the rest. */
export const DASHBOARD_LIST_SIZE = 5;

/**
 * The home page: what needs the customer's attention (late deliveries, overdue invoices,
 * quotations to confirm), each listed with links and counted, every count the one of the
 * list filter the page links to, so a figure and its list always agree. Independent calls
 * go out together: on Odoo 17+ one web_search_read per list gives its first records and its
 * count.
 */
export async function dashboard(ctx: PortalContext, now = new Date()): Promise<Dashboard> {
  return cachedRead(ctx, 'dashboard', [], ['orders', 'deliveries', 'invoices'], () => readDashboard(ctx, now));
}

async function readDashboard(ctx: PortalContext, now: Date): Promise<Dashboard> {
  const finance = can(ctx.roles, 'see-invoices');
  const today = odooToday(now);
  const first = (model: string, domain: Domain, fields: readonly string[], order: string, limit = DASHBOARD_LIST_SIZE) =>
    firstRecordsAndCount(ctx, model, domain, fields, { limit, order });
  const newest = orderSort({ sort: 'date', dir: 'desc' });
  const [open, quotations, deliveriesInProgress, late, invoices, overdue] = await Promise.all([
    first('sale.order', orderDomain(ctx, { state: 'open' }), FIELDS.order, newest),
    first('sale.order', orderDomain(ctx, { state: 'quotation' }), FIELDS.order, newest),
    ctx.odoo.searchCount('stock.picking', deliveryDomain(ctx, { status: 'in-progress' }, now)),
    first('stock.picking', deliveryDomain(ctx, { status: 'late' }, now), FIELDS.picking, 'scheduled_date asc, id asc'),
    finance ? openTotals(ctx, now) : null,
    finance
      ? first('account.move', invoiceDomain(ctx, { status: 'overdue' }, today), FIELDS.invoice, 'invoice_date_due asc, id asc')
      : null,
  ]);
  return {
    openOrders: open.count,
    latestOpenOrders: open.records.map(toOrderRow),
    quotations: { count: quotations.count, first: quotations.records.map(toOrderRow) },
    deliveriesInProgress,
    late: { count: late.count, first: await deliveryRows(ctx, late.records, now) },
    invoices,
    overdue: overdue ? { count: overdue.count, first: overdue.records.map((r) => toInvoiceRow(r, today)) } : null,
  };
}
