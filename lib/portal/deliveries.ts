import 'server-only';
import type { Domain } from '../odoo';
import { likeLiteral } from '../odoo';
import type { DeliveryListQuery } from '../schemas/deliveries';
import type { PortalContext } from '../context';
import { FIELDS, m2o, num, text, utc } from './fields';
import { cachedRead } from './read-cache';
import { tenantDomain } from './tenant';

/** The steps a customer follows: Odoo's picking states folded into four. */
export type DeliveryStep = 'planned' | 'ready' | 'shipped' | 'cancelled';

export interface DeliveryRow {
  id: number;
  name: string;
  order: { id: number; name: string } | null;
  step: DeliveryStep;
  scheduledDate: string | null;
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

/** Odoo stores datetimes in UTC; "now" in the same format compares as text. */
export function odooNow(now = new Date()): string {
  return now.toISOString().slice(0, 19).replace('T', ' ');
}

export function deliveryDomain(ctx: Pick<PortalContext, 'tenant'>, q: Pick<DeliveryListQuery, 'status' | 'q'>, now: string): Domain {
  const d: Domain = [...tenantDomain(ctx), ['picking_type_code', '=', 'outgoing']];
  if (q.status === 'in-progress') d.push(['state', 'in', OPEN_STATES]);
  if (q.status === 'delivered') d.push(['state', '=', 'done']);
  if (q.status === 'late') d.push(['state', 'in', OPEN_STATES], ['scheduled_date', '<', now]);
  if (q.q) {
    const literal = likeLiteral(q.q); // a % or _ typed is searched as itself
    d.push('|', '|', ['name', 'ilike', literal], ['origin', 'ilike', literal], ['carrier_tracking_ref', 'ilike', literal]);
  }
  return d;
}

export async function listDeliveries(ctx: PortalContext, q: DeliveryListQuery, now = new Date()) {
  return cachedRead(ctx, 'deliveries.list', [q], ['deliveries'], () => readDeliveryPage(ctx, q, now));
}

async function readDeliveryPage(ctx: PortalContext, q: DeliveryListQuery, now: Date) {
  const domain = deliveryDomain(ctx, q, odooNow(now));
  const [records, total] = await Promise.all([
    ctx.odoo.searchRead('stock.picking', domain, {
      fields: FIELDS.picking,
      offset: (q.page - 1) * q.size,
      limit: q.size,
      order: 'scheduled_date desc, id desc',
    }),
    ctx.odoo.searchCount('stock.picking', domain),
  ]);
  return {
    rows: records.map((r) => toDeliveryRow(r, now)),
    total,
    page: q.page,
    size: q.size,
    pageCount: Math.max(1, Math.ceil(total / q.size)),
  };
}

/**
 * One delivery of the tenant with its products and the backorders split off it, or null
 * when the id is not the tenant's. Three parallel calls, each carrying the tenant domain.
 */
export async function getDelivery(ctx: PortalContext, id: number, now = new Date()): Promise<DeliveryDetail | null> {
  return cachedRead(ctx, 'deliveries.get', [id], ['deliveries'], () => readDelivery(ctx, id, now));
}

async function readDelivery(ctx: PortalContext, id: number, now: Date): Promise<DeliveryDetail | null> {
  const [pickings, moves, backorders] = await Promise.all([
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
  ]);
  const picking = pickings[0];
  if (!picking) return null;
  return {
    ...toDeliveryRow(picking, now),
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

function toDeliveryRow(r: Record<string, unknown> & { id: number }, now: Date): DeliveryRow {
  const step = stepOf(r.state);
  const scheduled = utc(r.scheduled_date);
  return {
    id: r.id,
    name: String(r.name),
    order: m2o(r.sale_id),
    step,
    scheduledDate: scheduled,
    doneDate: utc(r.date_done),
    late: (step === 'planned' || step === 'ready') && !!scheduled && new Date(scheduled) < now,
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
