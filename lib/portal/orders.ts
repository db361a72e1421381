import 'server-only';
import { createHash } from 'node:crypto';
import { portalError } from '../errors';
import type { Domain } from '../odoo';
import { likeLiteral } from '../odoo';
import { portalToday } from '../schemas/common';
import type { OrderListQuery } from '../schemas/orders';
import type { PortalContext } from '../context';
import { can } from '../roles';
import { currency, FIELDS, lineKind, m2o, num, ORDER_LINE_SPEC, text, TIMELINE_SPEC, utc, webSpec } from './fields';
import { stepOf } from './deliveries';
import { patchListPage, placeOf, type PatchableList, type SortedPage } from './list-patch';
import { cachedRead, shown } from './read-cache';
import { recordsAndCount } from './records-and-count';
import { readRecordWithLines } from './record-with-lines';
import { isTenantPartner, tenantDomain } from './tenant';

export type OrderState = 'quotation' | 'confirmed' | 'locked' | 'cancelled';

export interface OrderRow {
  id: number;
  number: string;
  date: string | null;
  state: OrderState;
  poReference: string | null;
  deliveryStatus: 'pending' | 'partial' | 'full' | 'started' | null;
  invoiceStatus: string;
  requestedDate: string | null;
  total: number;
  currency: string;
}

export interface OrderPage {
  rows: OrderRow[];
  total: number;
  page: number;
  pageCount: number;
  size: number;
}

const SORT_FIELDS: Record<OrderListQuery['sort'], string> = {
  date: 'date_order',
  number: 'name',
  po: 'client_order_ref',
  total: 'amount_total',
  state: 'state',
  delivery: 'commitment_date',
};

const STATE_DOMAIN: Record<Exclude<NonNullable<OrderListQuery['state']>, 'to-confirm'>, Domain> = {
  /**
   * Not finished for the customer: a quotation, or confirmed with goods still to deliver. Odoo
   * leaves `delivery_status` empty on an order with nothing to deliver (services only): such
   * an order is finished once confirmed, not open for ever.
   */
  open: [
    '|',
    ['state', 'in', ['draft', 'sent']],
    '&',
    ['state', '=', 'sale'],
    ['delivery_status', 'in', ['pending', 'started', 'partial']],
  ],
  quotation: [['state', 'in', ['draft', 'sent']]],
  confirmed: [['state', '=', 'sale']],
  cancelled: [['state', '=', 'cancel']],
};

/** The Odoo domain of the orders list's filters, always inside the tenant. */
export function orderDomain(
  ctx: Pick<PortalContext, 'tenant'>,
  q: Pick<OrderListQuery, 'state' | 'from' | 'to' | 'q'>,
  now = new Date(),
): Domain {
  const d: Domain = [...tenantDomain(ctx)];
  if (q.state === 'to-confirm') d.push(...readyQuotationDomain(portalToday(now)));
  else if (q.state) d.push(...STATE_DOMAIN[q.state]);
  if (q.from) d.push(['date_order', '>=', `${q.from} 00:00:00`]);
  if (q.to) d.push(['date_order', '<=', `${q.to} 23:59:59`]);
  if (q.q) {
    const literal = likeLiteral(q.q); // a % or _ typed is searched as itself
    d.push(
      '|',
      '|',
      ['name', 'ilike', literal],
      ['client_order_ref', 'ilike', literal],
      ['order_line.product_id.default_code', 'ilike', literal],
    );
  }
  return d;
}

export function orderSort(q: Pick<OrderListQuery, 'sort' | 'dir'>): string {
  // id as the last key keeps pages stable when many orders share a date or total.
  return `${SORT_FIELDS[q.sort]} ${q.dir}, id ${q.dir}`;
}

/**
 * One page of the tenant's orders and their count (one Odoo call on 17+, two on 16), or the
 * cached page. After a change Odoo's webhook named, the cached page re-reads only the orders
 * that changed, where that tells the page (lib/portal/list-patch.ts): a page that another
 * user changed an order of costs Odoo one small read, not the page and its count again.
 */
export async function listOrders(ctx: PortalContext, q: OrderListQuery, now = new Date()): Promise<OrderPage> {
  const list: PatchableList<OrderRow> = {
    topic: 'orders',
    model: 'sale.order',
    domain: orderDomain(ctx, q, now),
    fields: FIELDS.orderRow,
    sortField: SORT_FIELDS[q.sort],
    order: orderSort(q),
    toRow: toOrderRow,
  };
  const page = await cachedRead(
    ctx,
    'orders.list',
    [q, portalToday(now)], // which quotations wait for the customer changes with the day
    // The company's contacts too: a contact moved away takes their orders out of `child_of`.
    ['orders', 'partners'],
    () => readOrderPage(ctx, list, q),
    {
      dependsOn: (page) => shown('orders', page.rows),
      patch: (stale, changed) => patchListPage(ctx, list, stale, changed),
    },
  );
  const { places: _, ...orderPage } = page;
  return orderPage;
}

async function readOrderPage(
  ctx: PortalContext,
  list: PatchableList<OrderRow>,
  q: OrderListQuery,
): Promise<OrderPage & SortedPage<OrderRow>> {
  const { records, count: total } = await recordsAndCount(ctx, list.model, list.domain, list.fields, {
    offset: (q.page - 1) * q.size,
    limit: q.size,
    order: list.order,
  });
  return {
    rows: records.map(toOrderRow),
    places: records.map((r) => placeOf(list, r)),
    total,
    page: q.page,
    size: q.size,
    pageCount: Math.max(1, Math.ceil(total / q.size)),
  };
}

/** The filtered list in batches, for a CSV export that never holds the whole list in memory. */
export async function* iterateOrders(ctx: PortalContext, q: OrderListQuery, batch = 500): AsyncGenerator<OrderRow[]> {
  const domain = orderDomain(ctx, q);
  for (let offset = 0; ; offset += batch) {
    // Each batch has its own ODOO_TIMEOUT_MS: a long export is many short waits, each bounded.
    const records = await ctx.odoo
      .withOwnBudget()
      .searchRead('sale.order', domain, { fields: FIELDS.orderRow, offset, limit: batch, order: orderSort(q) });
    if (records.length) yield records.map(toOrderRow);
    if (records.length < batch) return;
  }
}

/** A quotation the customer may confirm (`ready`), or why they may not. */
export type QuotationStatus = 'ready' | 'not-sent' | 'expired' | 'needs-payment';

/**
 * Whether the customer may confirm a quotation in the portal, and if not, why: the seller
 * has not sent it yet (a draft, such as a quotation the portal placed for review, is the
 * seller's to finish), its validity ended before `today` (`YYYY-MM-DD`, the UTC day, as
 * Odoo's `is_expired` compares it, so both call the same quotation expired), or it asks for
 * an online payment, which the portal does not take. Null for anything not a quotation.
 */
export function quotationStatus(order: Record<string, unknown>, today: string): QuotationStatus | null {
  if (order.state !== 'draft' && order.state !== 'sent') return null;
  if (order.state === 'draft') return 'not-sent';
  const validUntil = text(order.validity_date);
  if (validUntil && validUntil < today) return 'expired';
  if (order.require_payment === true) return 'needs-payment';
  return 'ready';
}

/**
 * The version of a quotation the customer saw, which a confirmation must still match: Odoo's
 * `write_date` (to the second) and what a change within that second would move: the total,
 * the lines, the addresses and the validity. A seller who edits a line in the second the page
 * was read changes the total, so the quotation is not confirmed unseen.
 */
export function quotationVersion(order: Record<string, unknown>, lineIds: readonly number[]): string {
  const seen = [
    order.write_date,
    order.amount_total,
    m2o(order.partner_shipping_id)?.id ?? null,
    m2o(order.partner_invoice_id)?.id ?? null,
    order.validity_date,
    [...lineIds].sort((a, b) => a - b),
  ];
  return createHash('sha256').update(JSON.stringify(seen)).digest('hex').slice(0, 32);
}

/** The Odoo domain of the quotations a customer may confirm now (quotationStatus 'ready'). */
export function readyQuotationDomain(today: string): Domain {
  return [['state', '=', 'sent'], '|', ['validity_date', '=', false], ['validity_date', '>=', today], ['require_payment', '=', false]];
}

/** An order's number and state as Odoo holds them now (never the cache), inside the tenant. */
export async function readOrderState(ctx: PortalContext, id: number): Promise<{ id: number; number: string; state: OrderState }> {
  const [order] = await ctx.odoo.searchRead('sale.order', [['id', '=', id], ...tenantDomain(ctx)], {
    fields: ['name', 'state', 'locked'],
    limit: 1,
  });
  if (!order) throw portalError('not_found', 'orderNotReadBack');
  return { id, number: String(order.name), state: orderState(order.state, order.locked) };
}

export function orderState(state: unknown, locked: unknown): OrderState {
  if (state === 'cancel') return 'cancelled';
  if (state === 'sale') return locked ? 'locked' : 'confirmed';
  return 'quotation';
}

export function toOrderRow(r: Record<string, unknown> & { id: number }): OrderRow {
  return {
    id: r.id,
    number: String(r.name),
    date: utc(r.date_order),
    state: orderState(r.state, r.locked),
    poReference: text(r.client_order_ref),
    deliveryStatus: (text(r.delivery_status) as OrderRow['deliveryStatus']) ?? null,
    invoiceStatus: text(r.invoice_status) ?? 'no',
    requestedDate: utc(r.commitment_date),
    total: num(r.amount_total),
    currency: currency(r.currency_id),
  };
}

export interface Address {
  id: number;
  name: string;
  lines: string[];
}

/** An order's delivery or invoice address: Odoo's display name ("Company, Warehouse North") and its postal lines. */
export interface OrderAddress {
  name: string;
  lines: string[];
}

export interface OrderLine {
  id: number;
  kind: 'product' | 'section' | 'note';
  description: string;
  quantity: number;
  delivered: number;
  invoiced: number;
  unit: string | null;
  priceUnit: number;
  discount: number;
  subtotal: number;
  total: number;
}

export interface TimelineEvent {
  kind: 'delivery' | 'invoice';
  id: number;
  name: string;
  date: string | null;
  /** A delivery's step (planned/ready/shipped/cancelled) or an invoice's payment state. */
  status: string;
  backorderOf: string | null;
  /** Invoices link only for roles that may open them. */
  href: string | null;
}

export interface OrderDetail extends OrderRow {
  amountUntaxed: number;
  amountTax: number;
  invoiceAddress: OrderAddress | null;
  shippingAddress: OrderAddress | null;
  salesperson: string | null;
  paymentTerms: string | null;
  validUntil: string | null;
  /** For a quotation: whether the customer may confirm it here (`ready`), or why not. */
  quotation: QuotationStatus | null;
  /** What the customer saw of the order (quotationVersion): a confirmation is refused when it changed since. */
  version: string;
  lines: OrderLine[];
  timeline: TimelineEvent[];
}

/**
 * One order of the tenant with its lines and a timeline of deliveries (backorders
 * included) and invoices, or null when the id is not the tenant's. On Odoo 17+ one
 * web_search_read brings the order with its lines, deliveries and invoices nested: one
 * round trip and one API-key check on Odoo when the cache has no copy. On Odoo 16 four
 * search_reads go out side by side, each with the tenant domain in it.
 */
export async function getOrder(ctx: PortalContext, id: number, now = new Date()): Promise<OrderDetail | null> {
  // The order itself; its deliveries and invoices as sets, as a new backorder or invoice joins
  // them; the tenant's partners, whose addresses the page shows.
  // Keyed by the day too: whether a quotation expired changes with it.
  return cachedRead(ctx, 'orders.get', [id, portalToday(now)], [{ topic: 'orders', id }, 'deliveries', 'invoices', 'partners'], () =>
    readOrder(ctx, id, now),
  );
}

async function readOrder(ctx: PortalContext, id: number, now: Date): Promise<OrderDetail | null> {
  const found = await orderWithLines(ctx, id);
  if (!found) return null;
  const { order, lines, pickings, invoices, addresses } = found;
  const mayOpenInvoices = can(ctx.roles, 'see-invoices');
  return {
    ...toOrderRow(order),
    amountUntaxed: num(order.amount_untaxed),
    amountTax: num(order.amount_tax),
    invoiceAddress: toOrderAddress(order.partner_invoice_id, addresses),
    shippingAddress: toOrderAddress(order.partner_shipping_id, addresses),
    salesperson: m2o(order.user_id)?.name ?? null,
    paymentTerms: m2o(order.payment_term_id)?.name ?? null,
    validUntil: text(order.validity_date),
    quotation: quotationStatus(order, portalToday(now)),
    version: quotationVersion(
      order,
      lines.map((l) => l.id),
    ),
    lines: lines.map(toOrderLine),
    timeline: [
      ...pickings.map((p): TimelineEvent => ({
        kind: 'delivery',
        id: p.id,
        name: String(p.name),
        date: utc(p.date_done) ?? utc(p.scheduled_date),
        status: stepOf(p.state),
        backorderOf: m2o(p.backorder_id)?.name ?? null,
        href: `/deliveries/${p.id}`,
      })),
      ...invoices.map((i): TimelineEvent => ({
        kind: 'invoice',
        id: i.id,
        name: String(i.name),
        date: text(i.invoice_date),
        status: String(i.move_type) === 'out_refund' ? 'credit note' : String(i.payment_state),
        backorderOf: null,
        href: mayOpenInvoices ? `/invoices/${i.id}` : null,
      })),
    ].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '')),
  };
}

type Rec = Record<string, unknown> & { id: number };

/**
 * The tenant's order, its lines, its deliveries and its posted invoices and credit notes.
 * Nested on Odoo 17+, where `picking_ids` and `invoice_ids` hold every transfer and every
 * customer invoice of the order (any state, any partner): kept are a transfer to one of
 * the tenant's addresses and a posted document of the tenant, by their commercial partner.
 * That is the Odoo 16 domains' `child_of` except for a company set up below the tenant (a
 * branch with its own commercial partner): its documents stay out of the 17+ timeline,
 * never another company's in. The first 200 of each are read before the filter (Odoo 16
 * filters first); an order has far fewer.
 */
async function orderWithLines(
  ctx: PortalContext,
  id: number,
): Promise<{ order: Rec; lines: Rec[]; pickings: Rec[]; invoices: Rec[]; addresses: Rec[] } | null> {
  const found = await readRecordWithLines(ctx, {
    model: 'sale.order',
    domain: [['id', '=', id], ...tenantDomain(ctx)],
    fields: FIELDS.order,
    spec: { ...webSpec(FIELDS.order), partner_invoice_id: ORDER_ADDRESS_SPEC, partner_shipping_id: ORDER_ADDRESS_SPEC },
    lines: {
      field: 'order_line',
      model: 'sale.order.line',
      domain: [['order_id', '=', id], ...tenantDomain(ctx, 'order_id.partner_id')],
      fields: FIELDS.orderLine,
      spec: ORDER_LINE_SPEC,
      order: 'sequence, id',
      limit: 1000,
    },
    related: {
      pickings: {
        field: 'picking_ids',
        model: 'stock.picking',
        domain: [['sale_id', '=', id], ...tenantDomain(ctx)],
        fields: FIELDS.timelinePicking,
        spec: TIMELINE_SPEC.picking,
        keep: (p) => isTenantPartner(ctx, p.partner_id),
        order: 'id',
        limit: 200,
      },
      invoices: {
        field: 'invoice_ids',
        model: 'account.move',
        domain: [...tenantDomain(ctx), ['state', '=', 'posted'], ['invoice_line_ids.sale_line_ids.order_id', '=', id]],
        fields: FIELDS.timelineInvoice,
        spec: TIMELINE_SPEC.invoice,
        keep: (i) => i.state === 'posted' && i.commercial_partner_id === ctx.tenant.id,
        order: 'invoice_date, id',
        limit: 200,
      },
    },
  });
  if (!found) return null;
  const { record: order, lines, related } = found;
  // Odoo 16 names the addresses only: their postal lines are one more read, of the order's own two addresses.
  const addresses = found.nested ? [] : await readOrderAddresses(ctx, [order.partner_invoice_id, order.partner_shipping_id]);
  return { order, lines, pickings: related.pickings, invoices: related.invoices, addresses };
}

const ORDER_ADDRESS_SPEC = { fields: webSpec(FIELDS.orderAddress) };

/** The order's addresses by id (Odoo 16), the order's own partners only, archived ones too (an order keeps its address). */
async function readOrderAddresses(ctx: PortalContext, partners: unknown[]): Promise<Rec[]> {
  const wanted = partners.map((p) => m2o(p)?.id).filter((id): id is number => id !== undefined);
  if (wanted.length === 0) return [];
  return ctx.odoo.searchRead(
    'res.partner',
    [
      ['id', 'in', wanted],
      ['active', 'in', [true, false]],
    ],
    { fields: FIELDS.orderAddress, limit: wanted.length },
  );
}

/** An order's address: nested with its postal fields on Odoo 17+, or a pair whose fields were read apart (16). */
function toOrderAddress(value: unknown, readApart: Rec[]): OrderAddress | null {
  const ref = m2o(value);
  if (!ref) return null;
  const record = (value && typeof value === 'object' && !Array.isArray(value) ? value : readApart.find((r) => r.id === ref.id)) as
    Rec | undefined;
  return { name: ref.name, lines: record ? postalLines(record) : [] };
}

/** Street, street 2, zip and city, state, country: the lines of an address as a letter shows them. */
function postalLines(r: Record<string, unknown>): string[] {
  const cityLine = [text(r.zip), text(r.city)].filter(Boolean).join(' ');
  return [text(r.street), text(r.street2), cityLine || null, stateName(r.state_id), m2o(r.country_id)?.name ?? null].filter(
    (x): x is string => !!x,
  );
}

/** Odoo names a state with its country's code ("California (US)"); the address's next line names the country. */
function stateName(value: unknown): string | null {
  const name = m2o(value)?.name;
  return name ? name.replace(/ \([A-Z]{2}\)$/, '') : null;
}

export function toAddress(r: Record<string, unknown> & { id: number }): Address {
  return { id: r.id, name: text(r.name) ?? m2o(r.parent_id)?.name ?? '', lines: postalLines(r) };
}

function toOrderLine(r: Record<string, unknown> & { id: number }): OrderLine {
  return {
    id: r.id,
    kind: lineKind(r.display_type),
    // Odoo requires a line's description; Odoo 16 also names the product, 17+ reads its id only.
    description: text(r.name) ?? m2o(r.product_id)?.name ?? '',
    quantity: num(r.product_uom_qty),
    delivered: num(r.qty_delivered),
    invoiced: num(r.qty_invoiced),
    unit: m2o(r.product_uom_id)?.name ?? null,
    priceUnit: num(r.price_unit),
    discount: num(r.discount),
    subtotal: num(r.price_subtotal),
    total: num(r.price_total),
  };
}
