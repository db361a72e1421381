import 'server-only';
import type { Domain, OdooRecord } from '../odoo';
import { likeLiteral } from '../odoo';
import type { InvoiceFilters, InvoiceListQuery } from '../schemas/invoices';
import type { PortalContext } from '../context';
import { forbidden } from '../errors';
import { can } from '../roles';
import { comparable, currency, FIELDS, ids, INVOICE_LINE_SPEC, lineKind, m2o, num, text, webSpec } from './fields';
import { stepOf, type DeliveryStep } from './deliveries';
import { cachedRead, shown, type ChangedRecords, type Dependency } from './read-cache';
import { readRecordWithLines } from './record-with-lines';
import { patchListPage, placeOf, type PatchableList } from './list-patch';
import { knownOrderNames, ordersNamed } from './order-names';
import { isTenantPartner, tenantDomain } from './tenant';

export type PaymentStatus = 'not_paid' | 'partial' | 'in_payment' | 'paid' | 'reversed';

export interface InvoiceRow {
  id: number;
  number: string;
  kind: 'invoice' | 'credit';
  date: string | null;
  dueDate: string | null;
  paymentStatus: PaymentStatus;
  /** Never for a credit note: it is owed to the customer, not by them. */
  overdue: boolean;
  /** A credit note's use: still open to be set against invoices, or applied (nothing left). Null for an invoice. */
  credit: 'available' | 'applied' | null;
  origin: string | null;
  reference: string | null;
  /** Signed as it counts for the customer: a credit note's amounts are negative, on every page and export. */
  total: number;
  /** What is still open, signed like `total`. */
  residual: number;
  currency: string;
}

/** A row of the invoice list: with the tenant's orders its origin names, to link to them. */
export interface InvoiceListRow extends InvoiceRow {
  originOrders: { id: number; name: string }[];
}

/** Per currency: the filtered set's open balance (credit notes count against it) and overdue part. */
export interface CurrencyTotals {
  currency: string;
  count: number;
  openBalance: number;
  overdue: number;
}

const OPEN = ['not_paid', 'partial'];
const SORTS: Record<InvoiceListQuery['sort'], string> = {
  date: 'invoice_date',
  number: 'name',
  due: 'invoice_date_due',
  total: 'amount_total',
  residual: 'amount_residual',
};

/** The list's order in Odoo terms; id last keeps pages stable when many invoices share a date or total. */
function invoiceSort(q: Pick<InvoiceListQuery, 'sort' | 'dir'>): string {
  return `${SORTS[q.sort]} ${q.dir}, id ${q.dir}`;
}

/** Today as Odoo's date text, for "overdue" (due before today). */
export function odooToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Open invoices past their due date. Credit notes are never overdue, whatever their due date says. */
function overdueDomain(today: string): Domain {
  return [
    ['move_type', '=', 'out_invoice'],
    ['payment_state', 'in', OPEN],
    ['invoice_date_due', '<', today],
  ];
}

/** A credit note's amounts count against the customer's balance: -1; an invoice's +1. */
export function signOf(moveType: unknown): 1 | -1 {
  return moveType === 'out_refund' ? -1 : 1;
}

/** The tenant's posted customer invoices and credit notes, nothing else. */
export function invoiceBaseDomain(ctx: Pick<PortalContext, 'tenant'>): Domain {
  return [...tenantDomain(ctx), ['move_type', 'in', ['out_invoice', 'out_refund']], ['state', '=', 'posted']];
}

export function invoiceDomain(ctx: Pick<PortalContext, 'tenant'>, f: InvoiceFilters, today: string): Domain {
  const d = invoiceBaseDomain(ctx);
  if (f.status === 'open') d.push(['payment_state', 'in', OPEN]);
  if (f.status === 'overdue') d.push(...overdueDomain(today));
  if (f.status === 'paid') d.push(['payment_state', 'in', ['paid', 'in_payment', 'reversed']]);
  if (f.type) d.push(['move_type', '=', f.type === 'credit' ? 'out_refund' : 'out_invoice']);
  if (f.from) d.push(['invoice_date', '>=', f.from]);
  if (f.to) d.push(['invoice_date', '<=', f.to]);
  if (f.q) {
    const literal = likeLiteral(f.q); // a % or _ typed is searched as itself
    d.push(
      '|',
      '|',
      '|',
      ['name', 'ilike', literal],
      ['ref', 'ilike', literal],
      ['invoice_origin', 'ilike', literal],
      ['payment_reference', 'ilike', literal],
    );
  }
  return d;
}

export function requireFinance(ctx: PortalContext) {
  if (!can(ctx.roles, 'see-invoices')) throw forbidden('invoicesForFinance');
}

/** Open balance and overdue part per currency of the invoices matching `domain` (2 read_groups). */
async function totalsOf(ctx: PortalContext, domain: Domain, today: string): Promise<CurrencyTotals[]> {
  const groupBy = ['currency_id', 'move_type'];
  const [groups, overdueGroups] = await Promise.all([
    ctx.odoo.readGroup('account.move', domain, ['amount_residual:sum'], groupBy),
    ctx.odoo.readGroup('account.move', [...domain, ...overdueDomain(today)], ['amount_residual:sum'], groupBy),
  ]);
  const totals = new Map<string, CurrencyTotals>();
  const add = (g: Record<string, unknown>, key: 'openBalance' | 'overdue') => {
    const cur = currency(g.currency_id);
    const t = totals.get(cur) ?? { currency: cur, count: 0, openBalance: 0, overdue: 0 };
    t[key] = round2(t[key] + signOf(g.move_type) * num(g.amount_residual)); // a credit note lowers what is owed
    if (key === 'openBalance') t.count += num(g.__count);
    totals.set(cur, t);
  };
  groups.forEach((g) => add(g, 'openBalance'));
  overdueGroups.forEach((g) => add(g, 'overdue'));
  return [...totals.values()].sort((x, y) => x.currency.localeCompare(y.currency));
}

/** What the company owes now, per currency: for the dashboard. */
export async function openTotals(ctx: PortalContext, now = new Date()): Promise<CurrencyTotals[]> {
  requireFinance(ctx);
  const today = odooToday(now);
  return totalsOf(ctx, invoiceDomain(ctx, { status: 'open' }, today), today);
}

/** The fields the list's totals sum over the filtered set: a change to one is no patch. */
const SUMMED: readonly string[] = ['move_type', 'payment_state', 'invoice_date_due', 'amount_residual', 'currency_id'];

/**
 * One page of invoices and the totals of the whole filtered set per currency, in one round
 * trip: the page, two read_groups (the set and its overdue part) whose counts also give the
 * total number of rows, and the tenant's order numbers when no longer cached, to link the
 * origins. A number beyond the kept ones (or any, without a cache) costs a second. After a
 * change Odoo's webhook named, to invoices shown that stay in place with the same amounts
 * due, the cached page re-reads only those (lib/portal/list-patch.ts): its totals stand.
 */
export async function listInvoices(ctx: PortalContext, q: InvoiceListQuery, now = new Date()) {
  requireFinance(ctx);
  const today = odooToday(now);
  const list: PatchableList<InvoiceListRow> = {
    topic: 'invoices',
    model: 'account.move',
    domain: invoiceDomain(ctx, q, today),
    fields: FIELDS.invoiceRow,
    sortField: SORTS[q.sort],
    summedFields: SUMMED,
    order: invoiceSort(q),
    toRow: (r) => ({ ...toInvoiceRow(r, today), originOrders: [] }), // linked by linkOrigins
  };
  // The company's contacts too: a contact moved away takes their invoices out of `child_of`.
  const page = await cachedRead(ctx, 'invoices.list', [q, today], ['invoices', 'partners'], () => readInvoicePage(ctx, list, q, today), {
    dependsOn: (page) => [...shown('invoices', page.rows), ...linkedOrders(page.rows)],
    patch: async (stale, changed) => {
      const [patched, known] = await Promise.all([patchListPage(ctx, list, stale, changed), knownOrderNames(ctx)]);
      if (!patched) return null;
      // Only the rows the patch replaced need their links; the others keep theirs.
      const replaced = await linkOrigins(
        ctx,
        patched.rows.filter((r, i) => r !== stale.rows[i]),
        known,
      );
      const byId = new Map(replaced.map((r) => [r.id, r]));
      return { ...patched, rows: patched.rows.map((r) => byId.get(r.id) ?? r) };
    },
  });
  const { places: _, ...invoicePage } = page;
  return invoicePage;
}

/**
 * The orders an invoice page links to. An origin naming no order of the tenant (yet) makes
 * the page depend on all of them, as a new order could answer to that name.
 */
function linkedOrders(rows: readonly InvoiceListRow[]): Dependency[] {
  const unresolved = rows.some((r) => originNames(r.origin).length > r.originOrders.length);
  const linked = shown(
    'orders',
    rows.flatMap((r) => r.originOrders),
  );
  return unresolved ? ['orders', ...linked] : linked;
}

async function readInvoicePage(ctx: PortalContext, list: PatchableList<InvoiceListRow>, q: InvoiceListQuery, today: string) {
  const [records, totals, known] = await Promise.all([
    ctx.odoo.searchRead(list.model, list.domain, {
      fields: list.fields,
      offset: (q.page - 1) * q.size,
      limit: q.size,
      order: list.order,
    }),
    totalsOf(ctx, list.domain, today),
    knownOrderNames(ctx),
  ]);
  const total = totals.reduce((n, t) => n + t.count, 0);
  return {
    rows: await linkOrigins(ctx, records.map(list.toRow), known),
    places: records.map((r) => placeOf(list, r)),
    totals,
    total,
    page: q.page,
    size: q.size,
    pageCount: Math.max(1, Math.ceil(total / q.size)),
  };
}

/** The rows, each with the tenant's orders its origin names. */
async function linkOrigins(
  ctx: PortalContext,
  rows: readonly InvoiceListRow[],
  known: Awaited<ReturnType<typeof knownOrderNames>>,
): Promise<InvoiceListRow[]> {
  const orders = await ordersNamed(
    ctx,
    rows.flatMap((r) => originNames(r.origin)),
    known,
  );
  return rows.map((r) => ({
    ...r,
    originOrders: originNames(r.origin).flatMap((name) => {
      const id = orders.get(name);
      return id ? [{ id, name }] : [];
    }),
  }));
}

/** The order numbers in an invoice's origin: Odoo joins several with ", ". */
function originNames(origin: unknown): string[] {
  return (text(origin) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function toInvoiceRow(r: OdooRecord, today: string): InvoiceRow {
  const paymentStatus = (text(r.payment_state) ?? 'not_paid') as PaymentStatus;
  const due = text(r.invoice_date_due);
  const sign = signOf(r.move_type);
  const residual = num(r.amount_residual);
  const isCredit = sign < 0;
  return {
    id: r.id,
    number: String(r.name),
    kind: isCredit ? 'credit' : 'invoice',
    date: text(r.invoice_date),
    dueDate: due,
    paymentStatus,
    overdue: !isCredit && OPEN.includes(paymentStatus) && !!due && due < today,
    credit: isCredit ? (residual === 0 ? 'applied' : 'available') : null,
    origin: text(r.invoice_origin),
    reference: text(r.ref),
    total: signed(sign, num(r.amount_total)),
    residual: signed(sign, residual),
    currency: currency(r.currency_id),
  };
}

/** An amount with the document's sign; never -0, which would print as "-€0.00". */
function signed(sign: 1 | -1, amount: number): number {
  return amount === 0 ? 0 : sign * amount;
}

export interface InvoiceLine {
  id: number;
  kind: 'product' | 'section' | 'note';
  description: string;
  quantity: number;
  priceUnit: number;
  discount: number;
  taxes: string[];
  subtotal: number;
  total: number;
}

export interface InvoiceDetail extends InvoiceRow {
  amountUntaxed: number;
  amountTax: number;
  paymentReference: string | null;
  reversalOf: { id: number; name: string } | null;
  lines: InvoiceLine[];
  orders: { id: number; name: string }[];
  deliveries: { id: number; name: string; step: DeliveryStep }[];
}

/** A cached invoice page, with what its lines were when read (`linesStamp`), for a patch. */
type CachedInvoice = InvoiceDetail & { linesStamp: string };

/**
 * One invoice of the tenant with lines, taxes, related orders and deliveries; null when
 * not the tenant's. One call on Odoo 17+ (readInvoice), five in two round trips before.
 * After a change Odoo's webhook named on the invoice alone, the cached page re-reads the
 * invoice and its lines' own values only (patchInvoice).
 */
export async function getInvoice(ctx: PortalContext, id: number, now = new Date()): Promise<InvoiceDetail | null> {
  requireFinance(ctx);
  // The invoice itself, the orders it names, its deliveries as a set (a new backorder joins
  // them), and the company's contacts (one moved away takes their invoices out of `child_of`).
  const found = await cachedRead(
    ctx,
    'invoices.get',
    [id, odooToday(now)],
    [{ topic: 'invoices', id }, 'deliveries', 'partners'],
    () => readInvoice(ctx, id, now),
    {
      dependsOn: (d) => (d ? shown('orders', d.orders) : []),
      patch: (stale, changed) => patchInvoice(ctx, id, stale, changed, now),
    },
  );
  if (!found) return null;
  const { linesStamp: _, ...invoice } = found;
  return invoice;
}

/**
 * The invoice, its lines, the tenant's orders it bills and their deliveries to the tenant. On
 * Odoo 17+ one web_search_read: each line names its order (`sale_line_ids.order_id`) with the
 * order's transfers nested, kept as the Odoo 16 domains would (the orders of the tenant, the
 * outgoing transfers to one of its partners). On Odoo 16 the orders and deliveries are two
 * searches beside the invoice's own.
 */
async function readInvoice(ctx: PortalContext, id: number, now: Date): Promise<CachedInvoice | null> {
  const nested = await ctx.odoo.hasWebRead();
  const [found, searched] = await Promise.all([invoiceWithLines(ctx, id), nested ? null : invoiceOrdersAndDeliveries(ctx, id)]);
  if (!found) return null;
  const { move, lines } = found;
  const { orders, pickings } =
    searched ??
    ordersOfLines(
      ctx,
      lines.map(({ line }) => line),
    );
  const sign = signOf(move.move_type);
  return {
    ...invoiceHeader(move, now),
    lines: lines.map(({ line: l, taxes }) => ({
      id: l.id,
      kind: lineKind(l.display_type),
      // Odoo requires a line's description; Odoo 16 also names the product, 17+ reads its id only.
      description: text(l.name) ?? m2o(l.product_id)?.name ?? '',
      quantity: num(l.quantity),
      priceUnit: num(l.price_unit),
      discount: num(l.discount),
      taxes,
      subtotal: signed(sign, num(l.price_subtotal)),
      total: signed(sign, num(l.price_total)),
    })),
    orders: orders.map((o) => ({ id: o.id, name: String(o.name) })),
    deliveries: pickings.map((p) => ({ id: p.id, name: String(p.name), step: stepOf(p.state) })),
    linesStamp: linesStamp(lines.map(({ line }) => line)),
  };
}

/** The invoice's own part of its page, from its account.move record. */
function invoiceHeader(move: OdooRecord, now: Date) {
  const sign = signOf(move.move_type);
  return {
    ...toInvoiceRow(move, odooToday(now)),
    amountUntaxed: signed(sign, num(move.amount_untaxed)),
    amountTax: signed(sign, num(move.amount_tax)),
    paymentReference: text(move.payment_reference),
    reversalOf: m2o(move.reversed_entry_id),
  };
}

/** The line values the page is made of, relations by id: equal stamps, equal lines, taxes, orders and deliveries. */
const LINE_STAMP_FIELDS = [
  'display_type',
  'name',
  'quantity',
  'price_unit',
  'discount',
  'price_subtotal',
  'price_total',
  'product_id',
  'tax_ids',
  'sale_line_ids',
] as const;

/**
 * The shown lines as they were read, relations by id (nested or not). Not their write date:
 * Odoo stores the invoice's reference on each of its lines, so a new reference would count as
 * new lines.
 */
function linesStamp(lines: readonly OdooRecord[]): string {
  return JSON.stringify(
    lines.filter((l) => SHOWN_LINES.includes(String(l.display_type))).map((l) => [l.id, ...LINE_STAMP_FIELDS.map((f) => comparable(l[f]))]),
  );
}

/**
 * The cached page of an invoice brought up to date after a change to the invoice alone (Odoo
 * 17+): one read of the invoice and its lines' own values, with no taxes, orders or transfers
 * nested (about a quarter of the page's read on Odoo 19). When the lines are as they were, so
 * are their taxes, orders and deliveries (a change to an order or a delivery is a change of its
 * own topic, and reads the page anew); else null, and the page is read anew.
 */
async function patchInvoice(
  ctx: PortalContext,
  id: number,
  stale: CachedInvoice | null,
  changed: ChangedRecords,
  now: Date,
): Promise<CachedInvoice | null> {
  const invoices = changed.get('invoices');
  if (!stale || changed.size !== 1 || !invoices || [...invoices].some((changedId) => changedId !== id)) return null;
  if (!(await ctx.odoo.hasWebRead())) return null;
  const lineSpec = Object.fromEntries(LINE_STAMP_FIELDS.map((f) => [f, {}]));
  const {
    records: [move],
  } = await ctx.odoo.webSearchRead(
    'account.move',
    [['id', '=', id], ...invoiceBaseDomain(ctx)],
    { ...webSpec(FIELDS.invoice), invoice_line_ids: { fields: lineSpec, order: 'id', limit: INVOICE_LINES_MAX } },
    { limit: 1 },
  );
  if (!move || linesStamp((move.invoice_line_ids as OdooRecord[]).slice(0, INVOICE_LINES_MAX)) !== stale.linesStamp) return null;
  const header = invoiceHeader(move, now);
  return header.kind === stale.kind ? { ...stale, ...header } : null; // the lines' signs follow the kind
}

/** The tenant's orders an invoice bills and their outgoing transfers to the tenant: Odoo 16's two searches. */
async function invoiceOrdersAndDeliveries(ctx: PortalContext, id: number): Promise<{ orders: OdooRecord[]; pickings: OdooRecord[] }> {
  const [orders, pickings] = await Promise.all([
    ctx.odoo.searchRead('sale.order', [['invoice_ids', 'in', [id]], ...tenantDomain(ctx)], {
      fields: ['name'],
      limit: INVOICE_ORDERS_MAX,
      order: 'id',
    }),
    ctx.odoo.searchRead(
      'stock.picking',
      [['sale_id.invoice_ids', 'in', [id]], ['picking_type_code', '=', 'outgoing'], ...tenantDomain(ctx)],
      { fields: ['name', 'state'], limit: 100, order: 'sale_id, id' },
    ),
  ]);
  return { orders, pickings };
}

/** The same from the orders nested under the invoice's lines (Odoo 17+), each once, by id. */
function ordersOfLines(ctx: PortalContext, lines: OdooRecord[]): { orders: OdooRecord[]; pickings: OdooRecord[] } {
  const byId = new Map<number, OdooRecord>();
  for (const line of lines) {
    for (const saleLine of (line.sale_line_ids ?? []) as OdooRecord[]) {
      const order = saleLine.order_id as OdooRecord | false;
      if (order && isTenantPartner(ctx, order.partner_id)) byId.set(order.id, order);
    }
  }
  const orders = [...byId.values()].sort((a, b) => a.id - b.id).slice(0, INVOICE_ORDERS_MAX);
  const pickings = orders
    .flatMap((o) => o.picking_ids as OdooRecord[])
    .filter((p) => p.picking_type_code === 'outgoing' && isTenantPartner(ctx, p.partner_id))
    .slice(0, 100);
  return { orders, pickings };
}

const INVOICE_ORDERS_MAX = 50;

/**
 * The lines an invoice shows: products, sections (and Odoo 19's subsections: Odoo 16-18 have
 * none, and asking for them there finds none) and notes, not its tax and payment-term lines.
 */
const SHOWN_LINES = ['product', 'line_section', 'line_subsection', 'line_note'];
/** The lines an invoice page shows at most. */
const INVOICE_LINES_MAX = 1000;

/** The tenant's invoice and its shown lines with their tax names. */
async function invoiceWithLines(
  ctx: PortalContext,
  id: number,
): Promise<{ move: OdooRecord; lines: { line: OdooRecord; taxes: string[] }[] } | null> {
  const found = await readRecordWithLines(ctx, {
    model: 'account.move',
    domain: [['id', '=', id], ...invoiceBaseDomain(ctx)],
    fields: FIELDS.invoice,
    lines: {
      field: 'invoice_line_ids',
      model: 'account.move.line',
      domain: [['move_id', '=', id], ...tenantDomain(ctx, 'move_id.partner_id'), ['display_type', 'in', SHOWN_LINES]],
      fields: FIELDS.invoiceLine,
      spec: INVOICE_LINE_SPEC,
      keep: (l) => SHOWN_LINES.includes(String(l.display_type)),
      order: 'id',
      limit: INVOICE_LINES_MAX,
    },
  });
  if (!found) return null;
  const { record: move, lines } = found;
  if (found.nested) {
    return { move, lines: lines.map((line) => ({ line, taxes: (line.tax_ids as { name: string }[]).map((t) => String(t.name)) })) };
  }
  const taxIds = [...new Set(lines.flatMap((l) => ids(l.tax_ids)))];
  const taxes = taxIds.length ? await ctx.odoo.searchRead('account.tax', [['id', 'in', taxIds]], { fields: ['name'] }) : [];
  const taxName = new Map(taxes.map((t) => [t.id, String(t.name)]));
  return { move, lines: lines.map((line) => ({ line, taxes: ids(line.tax_ids).map((t) => taxName.get(t) ?? '') })) };
}

/** What fetching an invoice's PDF needs: its stored attachment, and its write date (the cached version). */
export interface PdfSource {
  id: number;
  number: string;
  attachmentId: number | false;
  writeDate: string | null;
}

/** Number, PDF attachment and write date of one of the tenant's posted invoices, or null: what the PDF route needs. */
export async function invoicePdfSource(ctx: PortalContext, id: number): Promise<PdfSource | null> {
  requireFinance(ctx);
  // Never from the read cache: the write date read here picks the PDF's version, and Odoo 19
  // changes it when it renders, so a remembered one would miss the copy just stored or, after
  // a reset to draft and a new posting, serve the old PDF.
  return readPdfSource(ctx, id);
}

async function readPdfSource(ctx: PortalContext, id: number): Promise<PdfSource | null> {
  const [move] = await ctx.odoo.searchRead('account.move', [['id', '=', id], ...invoiceBaseDomain(ctx)], {
    fields: ['name', 'invoice_pdf_report_id', 'write_date'],
    limit: 1,
  });
  return move
    ? {
        id: move.id,
        number: String(move.name),
        attachmentId: m2o(move.invoice_pdf_report_id)?.id ?? false,
        writeDate: text(move.write_date),
      }
    : null;
}

/** The write date of one of the tenant's posted invoices now, or null (gone, or no longer posted). */
export async function invoiceWriteDate(ctx: PortalContext, id: number): Promise<string | null> {
  const [move] = await ctx.odoo.searchRead('account.move', [['id', '=', id], ...invoiceBaseDomain(ctx)], {
    fields: ['write_date'],
    limit: 1,
  });
  return move ? text(move.write_date) : null;
}

/**
 * Up to `limit` + 1 invoices for a bulk export (the extra one tells the caller the limit was
 * passed): in the list's order when the export comes from the list (the CSV), else by date.
 */
export async function invoicesForExport(
  ctx: PortalContext,
  select: { ids?: number[] } & InvoiceFilters & Partial<Pick<InvoiceListQuery, 'sort' | 'dir'>>,
  limit: number,
  now = new Date(),
) {
  requireFinance(ctx);
  const domain = select.ids ? [['id', 'in', select.ids], ...invoiceBaseDomain(ctx)] : invoiceDomain(ctx, select, odooToday(now));
  const records = await ctx.odoo.searchRead('account.move', domain, {
    fields: [...FIELDS.invoiceRow, 'invoice_pdf_report_id', 'write_date'],
    limit: limit + 1,
    order: select.sort && select.dir ? invoiceSort({ sort: select.sort, dir: select.dir }) : 'invoice_date, name, id',
  });
  const today = odooToday(now);
  return records.map((r) => ({
    ...toInvoiceRow(r, today),
    attachmentId: m2o(r.invoice_pdf_report_id)?.id ?? (false as const),
    writeDate: text(r.write_date),
  }));
}

/** Open items (unpaid invoices and unused credit notes) for the statement of account. */
export async function openItems(ctx: PortalContext, now = new Date()): Promise<InvoiceRow[]> {
  requireFinance(ctx);
  const today = odooToday(now);
  const records = await ctx.odoo.searchRead('account.move', [...invoiceBaseDomain(ctx), ['payment_state', 'in', OPEN]], {
    fields: FIELDS.invoiceRow,
    limit: 10_000,
    order: 'invoice_date_due, name',
  });
  return records.map((r) => toInvoiceRow(r, today));
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
