import 'server-only';
import type { PortalContext } from '../context';
import type { Domain } from '../odoo';
import { deliveryDomain, deliveryRows, type DeliveryRow } from './deliveries';
import { FIELDS } from './fields';
import { recordsAndCount } from './records-and-count';
import { invoiceDomain, odooToday, openTotals, toInvoiceRow, type CurrencyTotals, type InvoiceRow } from './invoices';
import { can } from '../roles';
import { orderDomain, orderSort, toOrderRow, type OrderRow } from './orders';
import { cachedRead, shown } from './read-cache';
import { portalToday } from '../schemas/common';

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
 *
 * Each part is cached on its own, under what it reads: a changed order ends the order
 * figures and the late deliveries (their promise is the order's commitment date), and keeps
 * the deliveries in progress and the invoice figures.
 */
export async function dashboard(ctx: PortalContext, now = new Date()): Promise<Dashboard> {
  const finance = can(ctx.roles, 'see-invoices');
  const [orders, deliveriesInProgress, late, invoices] = await Promise.all([
    cachedRead(
      ctx,
      'dashboard.orders',
      [portalToday(now)], // the day orderDomain compares a quotation's validity with
      ['orders'],
      () => readOrderParts(ctx, now),
      { dependsOn: (o) => shown('orders', [...o.latestOpenOrders, ...o.quotations.first]) },
    ),
    cachedRead(ctx, 'dashboard.in-progress', [], ['deliveries'], () =>
      ctx.odoo.searchCount('stock.picking', deliveryDomain(ctx, { status: 'in-progress' }, now)),
    ),
    cachedRead(ctx, 'dashboard.late', [], ['deliveries', 'orders'], () => readLate(ctx, now), {
      dependsOn: (l) => shown('deliveries', l.first),
    }),
    finance
      ? cachedRead(ctx, 'dashboard.invoices', [odooToday(now)], ['invoices'], () => readInvoiceParts(ctx, now), {
          dependsOn: (i) => shown('invoices', i.overdue.first),
        })
      : null,
  ]);
  return { ...orders, deliveriesInProgress, late, invoices: invoices?.totals ?? null, overdue: invoices?.overdue ?? null };
}

const first = (ctx: PortalContext, model: string, domain: Domain, fields: readonly string[], order: string) =>
  recordsAndCount(ctx, model, domain, fields, { limit: DASHBOARD_LIST_SIZE, order });

async function readOrderParts(ctx: PortalContext, now: Date): Promise<Pick<Dashboard, 'openOrders' | 'latestOpenOrders' | 'quotations'>> {
  const newest = orderSort({ sort: 'date', dir: 'desc' });
  const [open, quotations] = await Promise.all([
    first(ctx, 'sale.order', orderDomain(ctx, { state: 'open' }, now), FIELDS.orderRow, newest),
    first(ctx, 'sale.order', orderDomain(ctx, { state: 'to-confirm' }, now), FIELDS.orderRow, newest),
  ]);
  return {
    openOrders: open.count,
    latestOpenOrders: open.records.map(toOrderRow),
    quotations: { count: quotations.count, first: quotations.records.map(toOrderRow) },
  };
}

async function readLate(ctx: PortalContext, now: Date): Promise<Dashboard['late']> {
  const late = await first(
    ctx,
    'stock.picking',
    deliveryDomain(ctx, { status: 'late' }, now),
    FIELDS.picking,
    'scheduled_date asc, id asc',
  );
  return { count: late.count, first: await deliveryRows(ctx, late.records, now) };
}

async function readInvoiceParts(
  ctx: PortalContext,
  now: Date,
): Promise<{ totals: CurrencyTotals[]; overdue: NonNullable<Dashboard['overdue']> }> {
  const today = odooToday(now);
  const [totals, overdue] = await Promise.all([
    openTotals(ctx, now),
    first(ctx, 'account.move', invoiceDomain(ctx, { status: 'overdue' }, today), FIELDS.invoiceRow, 'invoice_date_due asc, id asc'),
  ]);
  return { totals, overdue: { count: overdue.count, first: overdue.records.map((r) => toInvoiceRow(r, today)) } };
}
