import 'server-only';
import type { Domain } from '../odoo';
import { likeLiteral } from '../odoo';
import type { DeliveryListQuery } from '../schemas/deliveries';
import type { PortalContext } from '../context';
import { portalConfig } from '../config';
import { dayIn, isLate, odooDateTime, startOfDay } from '../delivery-promise';
import { FIELDS, ids, m2o, num, text, utc } from './fields';
import { cachedRead, shown, type Dependency } from './read-cache';
import { recordsAndCount } from './records-and-count';
import { tenantDomain } from './tenant';

/** The steps a customer follows: Odoo's picking states folded into four. */
export type DeliveryStep = 'planned' | 'ready' | 'shipped' | 'cancelled';

export interface DeliveryRow {
  id: number;
  name: string;
  order: { id: number; name: string } | null;
  step: DeliveryStep;
  scheduledDate: string | null;
  /** The day promised (`YYYY-MM-DD`): the order's commitment date, else the scheduled date; late once that day has ended. */
  promisedDate: string | null;
  /** The day the order itself promised (`YYYY-MM-DD`, its commitment date), or null when it named none. */
  committedDate: string | null;
  /** The scheduled date's day (`YYYY-MM-DD`), in the same time zone as the promised days, to compare with them. */
  scheduledDay: string | null;
  doneDate: string | null;
  late: boolean;
  backorderOf: { id: number; name: string } | null;
  carrier: string | null;
  trackingRef: string | null;
  trackingUrl: string | null;
}

export interface DeliveryLine {
  id: number;
  product: string;
  ordered: number;
  done: number;
  unit: string | null;
}

export interface DeliveryDetail extends DeliveryRow {
  lines: DeliveryLine[];
  backorders: { id: number; name: string; step: DeliveryStep }[];
}

const OPEN_STATES = ['draft', 'waiting', 'confirmed', 'assigned'];

/** The portal's time zone: the calendar whose day end a delivery without a commitment date is promised by. */
function timeZone(): string {
  return portalConfig().PORTAL_TIME_ZONE;
}

/**
 * The late rule of lib/delivery-promise.ts as an Odoo domain, so the list filter and the
 * home page counter count exactly the deliveries the rows flag. Past the end of the promised
 * day means promised (or scheduled) before today started. A delivery without an order (or an
 * order without a commitment date) falls to the scheduled date: a path through an empty
 * many2one matches nothing in Odoo, so that case is spelled out.
 */
export function lateDomain(now: Date, tz = timeZone()): Domain {
  return [
    ['state', 'in', OPEN_STATES],
    '|',
    ['sale_id.commitment_date', '<', odooDateTime(startOfDay(now, tz))],
    '&',
    '|',
    ['sale_id', '=', false],
    ['sale_id.commitment_date', '=', false],
    ['scheduled_date', '<', odooDateTime(startOfDay(now, tz))],
  ];
}

export function deliveryDomain(ctx: Pick<PortalContext, 'tenant'>, q: Pick<DeliveryListQuery, 'status' | 'q'>, now: Date): Domain {
  const d: Domain = [...tenantDomain(ctx), ['picking_type_code', '=', 'outgoing']];
  if (q.status === 'in-progress') d.push(['state', 'in', OPEN_STATES]);
  if (q.status === 'delivered') d.push(['state', '=', 'done']);
  if (q.status === 'late') d.push(...lateDomain(now));
  if (q.q) {
    const literal = likeLiteral(q.q); // a % or _ typed is searched as itself
    d.push('|', '|', ['name', 'ilike', literal], ['origin', 'ilike', literal], ['carrier_tracking_ref', 'ilike', literal]);
  }
  return d;
}

export async function listDeliveries(ctx: PortalContext, q: DeliveryListQuery, now = new Date()) {
  // The late filter looks through the orders' commitment dates: any order may move a delivery in or out.
  return cachedRead(
    ctx,
    'deliveries.list',
    [q],
    q.status === 'late' ? ['deliveries', 'orders'] : ['deliveries'],
    () => readDeliveryPage(ctx, q, now),
    { dependsOn: (page) => [...shown('deliveries', page.rows), ...ordersOf(page.rows)] },
  );
}

/**
 * Each filter in the order its rows' dates read: what is in progress or late by the planned
 * date, soonest (longest overdue) first; what has shipped by the day it shipped, latest
 * first; all of them by the planned date, latest first, which shipped rows show beside
 * their shipping day.
 */
const DELIVERY_ORDER = {
  all: 'scheduled_date desc, id desc',
  'in-progress': 'scheduled_date asc, id asc',
  late: 'scheduled_date asc, id asc',
  delivered: 'date_done desc, id desc',
} as const satisfies Record<NonNullable<DeliveryListQuery['status']> | 'all', string>;

async function readDeliveryPage(ctx: PortalContext, q: DeliveryListQuery, now: Date) {
  const domain = deliveryDomain(ctx, q, now);
  const { records, count: total } = await recordsAndCount(ctx, 'stock.picking', domain, FIELDS.picking, {
    offset: (q.page - 1) * q.size,
    limit: q.size,
    order: DELIVERY_ORDER[q.status ?? 'all'],
  });
  return {
    rows: await deliveryRows(ctx, records, now),
    total,
    page: q.page,
    size: q.size,
    pageCount: Math.max(1, Math.ceil(total / q.size)),
  };
}

/**
 * One delivery of the tenant with its products and the backorders split off it, or null
 * when the id is not the tenant's. Four parallel calls, each carrying the tenant domain.
 */
export async function getDelivery(ctx: PortalContext, id: number, now = new Date()): Promise<DeliveryDetail | null> {
  return cachedRead(ctx, 'deliveries.get', [id], [{ topic: 'deliveries', id }], () => readDelivery(ctx, id, now), {
    dependsOn: (d) => (d ? [...ordersOf([d]), ...shown('deliveries', d.backorders)] : []),
  });
}

/** The orders whose commitment dates these rows show. */
function ordersOf(rows: readonly DeliveryRow[]): Dependency[] {
  return shown(
    'orders',
    rows.flatMap((r) => (r.order ? [r.order] : [])),
  );
}

async function readDelivery(ctx: PortalContext, id: number, now: Date): Promise<DeliveryDetail | null> {
  const [pickings, moves, backorders, orders] = await Promise.all([
    ctx.odoo.searchRead('stock.picking', [['id', '=', id], ['picking_type_code', '=', 'outgoing'], ...tenantDomain(ctx)], {
      fields: FIELDS.picking,
      limit: 1,
    }),
    ctx.odoo.searchRead('stock.move', [['picking_id', '=', id], ...tenantDomain(ctx, 'picking_id.partner_id')], {
      fields: FIELDS.move,
      order: 'id',
      limit: 1000,
    }),
    ctx.odoo.searchRead('stock.picking', [['backorder_id', '=', id], ...tenantDomain(ctx)], {
      fields: ['name', 'state'],
      order: 'id',
      limit: 100,
    }),
    // The order's commitment date, read alongside (its id is not known before the picking is).
    ctx.odoo.searchRead('sale.order', [['picking_ids', 'in', [id]], ...tenantDomain(ctx)], { fields: ['commitment_date'], limit: 1 }),
  ]);
  const picking = pickings[0];
  if (!picking) return null;
  const commitments = new Map(orders.map((o) => [o.id, utc(o.commitment_date)]));
  return {
    ...toDeliveryRow(picking, commitments, now),
    lines: moves.map((m) => ({
      id: m.id,
      product: m2o(m.product_id)?.name ?? '',
      ordered: num(m.product_uom_qty),
      done: num(m.quantity),
      unit: m2o(m.product_uom)?.name ?? null,
    })),
    backorders: backorders.map((b) => ({ id: b.id, name: String(b.name), step: stepOf(b.state) })),
  };
}

export function stepOf(state: unknown): DeliveryStep {
  if (state === 'done') return 'shipped';
  if (state === 'cancel') return 'cancelled';
  if (state === 'assigned') return 'ready';
  return 'planned';
}

/**
 * The commitment dates of the orders behind these deliveries, by order id: one read of the
 * tenant's orders. Odoo's own date_deadline on a picking is set for every sale delivery
 * (the expected date when no commitment was given), so it cannot tell a promise apart.
 */
async function commitmentDates(ctx: PortalContext, pickings: Record<string, unknown>[]): Promise<Map<number, string | null>> {
  const orderIds = [...new Set(pickings.flatMap((p) => ids([m2o(p.sale_id)?.id])))];
  if (!orderIds.length) return new Map();
  const orders = await ctx.odoo.searchRead('sale.order', [['id', 'in', orderIds], ...tenantDomain(ctx)], {
    fields: ['commitment_date'],
    limit: orderIds.length,
  });
  return new Map(orders.map((o) => [o.id, utc(o.commitment_date)]));
}

/** Deliveries as the portal shows them: their orders' commitment dates read in one call, to tell which are late. */
export async function deliveryRows(
  ctx: PortalContext,
  records: (Record<string, unknown> & { id: number })[],
  now: Date,
): Promise<DeliveryRow[]> {
  const commitments = await commitmentDates(ctx, records);
  return records.map((r) => toDeliveryRow(r, commitments, now));
}

function toDeliveryRow(r: Record<string, unknown> & { id: number }, commitments: Map<number, string | null>, now: Date): DeliveryRow {
  const step = stepOf(r.state);
  const scheduled = utc(r.scheduled_date);
  const order = m2o(r.sale_id);
  const commitment = (order && commitments.get(order.id)) ?? null;
  const open = step === 'planned' || step === 'ready';
  const [committedDay, scheduledDay] = [dayIn(commitment, timeZone()), dayIn(scheduled, timeZone())];
  return {
    id: r.id,
    name: String(r.name),
    order,
    step,
    scheduledDate: scheduled,
    promisedDate: committedDay ?? scheduledDay,
    committedDate: committedDay,
    scheduledDay,
    doneDate: utc(r.date_done),
    late: isLate({ open, scheduled, commitment }, now, timeZone()),
    backorderOf: m2o(r.backorder_id),
    carrier: m2o(r.carrier_id)?.name ?? null,
    trackingRef: text(r.carrier_tracking_ref),
    trackingUrl: safeHttpUrl(text(r.carrier_tracking_url)),
  };
}

/** A tracking link from Odoo is shown only when it is http(s): never `javascript:` in an href. */
function safeHttpUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}
