import 'server-only';

const ORDER_ROW = [
  'name',
  'state',
  'locked',
  'date_order',
  'commitment_date',
  'client_order_ref',
  'invoice_status',
  'delivery_status',
  'amount_total',
  'currency_id',
] as const;

const INVOICE_ROW = [
  'name',
  'move_type',
  'payment_state',
  'invoice_date',
  'invoice_date_due',
  'amount_total',
  'amount_residual',
  'currency_id',
  'invoice_origin',
  'ref',
] as const;

/**
 * The one whitelist of Odoo fields per model. Only these are ever requested, so cost,
 * margin, internal notes and other customers' data cannot reach a response.
 */
export const FIELDS = {
  partner: [
    'name',
    'email',
    'phone',
    'function',
    'type',
    'street',
    'street2',
    'city',
    'zip',
    'country_id',
    'state_id',
    'vat',
    'lang',
    'ref',
    'parent_id',
    'commercial_partner_id',
    'is_company',
    'active',
    'category_id',
    'user_id',
    'property_payment_term_id',
    'credit_limit',
    // Whose currency the credit limit is in (the company's; none: the seller's current company).
    'company_id',
  ],
  /**
   * The commercial partner's receivable (account's computed `credit`, read with the
   * integration user's accounting read rights) and limit, in the company currency. Read
   * apart from `partner`: `credit` costs a query per partner, so never for contact lists.
   */
  partnerCredit: ['name', 'credit', 'credit_limit'],
  /** The seller company's currency and its "Sales Credit Limit" setting (account, 15+). */
  companyCredit: ['currency_id', 'account_use_credit_limit'],
  /**
   * What a row of an order list shows (toOrderRow). The addresses, salesperson and payment
   * terms stay out: Odoo computes a display name for each of them on every row it lists
   * (about a fifth of a 25-order list's time on Odoo 19).
   */
  orderRow: ORDER_ROW,
  /** One order's page: its row and its addresses, salesperson, terms and amounts. */
  order: [
    ...ORDER_ROW,
    'validity_date',
    'require_payment',
    'write_date',
    'partner_invoice_id',
    'partner_shipping_id',
    'amount_untaxed',
    'amount_tax',
    'user_id',
    'payment_term_id',
  ],
  /** An order's delivery and invoice address as its page shows them: name and postal lines. */
  orderAddress: ['display_name', 'street', 'street2', 'zip', 'city', 'state_id', 'country_id'],
  orderLine: [
    'order_id',
    'sequence',
    'display_type',
    'name',
    'product_id',
    'product_uom_qty',
    'product_uom_id',
    'qty_delivered',
    'qty_invoiced',
    'price_unit',
    'discount',
    'price_subtotal',
    'price_total',
  ],
  picking: [
    'name',
    'state',
    'scheduled_date',
    'date_deadline',
    'date_done',
    'origin',
    'sale_id',
    'partner_id',
    'backorder_id',
    'carrier_id',
    'carrier_tracking_ref',
    'carrier_tracking_url',
  ],
  /** A delivery as an order's timeline shows it (and the tenant check of its partner). */
  timelinePicking: ['name', 'state', 'scheduled_date', 'date_done', 'backorder_id', 'partner_id'],
  /** An invoice or credit note as an order's timeline shows it (and its tenant check). */
  timelineInvoice: ['name', 'move_type', 'state', 'payment_state', 'invoice_date'],
  move: ['picking_id', 'product_id', 'product_uom_qty', 'quantity', 'product_uom', 'state'],
  /** What a row of an invoice list, the statement and the home page's overdue list show (toInvoiceRow). */
  invoiceRow: INVOICE_ROW,
  /** One invoice's page: its row, its amounts, its payment reference and the invoice a credit note reverses. */
  invoice: [...INVOICE_ROW, 'amount_untaxed', 'amount_tax', 'payment_reference', 'reversed_entry_id'],
  invoiceLine: [
    'move_id',
    'display_type',
    'name',
    'product_id',
    'quantity',
    'price_unit',
    'discount',
    'price_subtotal',
    'price_total',
    'tax_ids',
    'sale_line_ids',
  ],
  /** `free_qty`: on hand and not reserved for another order (stock's product.product), what a customer can still get. */
  product: ['name', 'display_name', 'default_code', 'lst_price', 'sale_ok', 'active', 'company_id', 'uom_id', 'type', 'free_qty'],
  partnerTag: ['name'],
  user: ['name', 'login', 'email'],
} as const;

/**
 * The web_read specification (Odoo 17+) of whitelisted fields: many2one fields, which Odoo
 * names `*_id`, with their display name; everything else as a plain value.
 */
export function webSpec(fields: readonly string[]): Record<string, { fields?: { display_name: object } }> {
  return Object.fromEntries(fields.map((f) => [f, f.endsWith('_id') ? { fields: { display_name: {} } } : {}]));
}

/** A many2one as search_read gives it (`[id, "name"]`) or web_read (`{id, display_name}`), or `false`: a portal value. */
export function m2o(value: unknown): { id: number; name: string } | null {
  if (Array.isArray(value)) return typeof value[0] === 'number' ? { id: value[0], name: String(value[1] ?? '') } : null;
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'number') {
    const v = value as { id: number; display_name?: unknown };
    return { id: v.id, name: text(v.display_name) ?? '' };
  }
  return null;
}

/**
 * A field's value as two reads of the same record compare it, whichever read gave it: a
 * many2one by its id (`[id, "name"]` from search_read, `{id, ...}` or a bare id from
 * web_read), an x2many by its ids in order of id (nested records or bare ids), anything else
 * as it is.
 */
export function comparable(value: unknown): unknown {
  const idOf = (x: unknown): unknown => (x && typeof x === 'object' ? (x as { id?: unknown }).id : x);
  if (!Array.isArray(value)) return idOf(value);
  if (value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'string') return value[0];
  return value.map(idOf).sort((a, b) => Number(a) - Number(b));
}

/**
 * How an order or invoice line shows: a product line, or a heading or a note across the
 * table. Odoo 19's subsections show as headings.
 */
export function lineKind(displayType: unknown): 'product' | 'section' | 'note' {
  if (displayType === 'line_section' || displayType === 'line_subsection') return 'section';
  return displayType === 'line_note' ? 'note' : 'product';
}

/** Odoo's `false` for an empty char/date as `null`. */
export function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

export function ids(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
}

/** The currency code of a `currency_id` many2one (`[1, "EUR"]`). */
export function currency(value: unknown): string {
  return m2o(value)?.name || 'EUR';
}

/** Odoo datetimes are UTC `YYYY-MM-DD HH:MM:SS`; the portal passes ISO strings. */
export function utc(value: unknown): string | null {
  const s = text(value);
  return s ? `${s.replace(' ', 'T')}${s.length > 10 ? 'Z' : ''}` : null;
}

/**
 * An order's lines nested under the order on Odoo 17+: not the order again, and the product
 * by id only. The line's own description names the product; Odoo's display name of each
 * line's product was about a sixth of the order page's read (6 of 35 ms on Odoo 19).
 */
export const ORDER_LINE_SPEC = {
  ...webSpec(FIELDS.orderLine.filter((f) => f !== 'order_id')),
  product_id: {},
};

/**
 * An invoice's orders as its lines name them (Odoo 17+), with their transfers nested, and
 * what their tenant checks read: the commercial partner of the order's and the transfer's
 * partner.
 */
export const INVOICE_ORDER_SPEC = {
  name: {},
  partner_id: { fields: { commercial_partner_id: {} } },
  picking_ids: {
    fields: { name: {}, state: {}, picking_type_code: {}, partner_id: { fields: { commercial_partner_id: {} } } },
    order: 'id',
    // Before the portal's filter (returns, transfers elsewhere), as on the order page; an order has far fewer.
    limit: 200,
  },
};

/**
 * An invoice's shown lines nested in its web_search_read (Odoo 17+): the product by id only
 * (Odoo's display name of a product is among its dearest; the line has its own description),
 * the taxes by name, the order each line bills with its transfers, and not the invoice again.
 * An order billed on many lines comes once per line; the portal keeps it once.
 */
export const INVOICE_LINE_SPEC = {
  ...webSpec(FIELDS.invoiceLine.filter((f) => f !== 'move_id')),
  product_id: {},
  tax_ids: { fields: { name: {} } },
  sale_line_ids: { fields: { order_id: { fields: INVOICE_ORDER_SPEC } } },
};

/**
 * An order's deliveries and invoices nested in its web_search_read (Odoo 17+), with what
 * their tenant check reads: the commercial partner of a delivery's partner, an invoice's own.
 */
export const TIMELINE_SPEC = {
  picking: { ...webSpec(FIELDS.timelinePicking), partner_id: { fields: { commercial_partner_id: {} } } },
  invoice: { ...webSpec(FIELDS.timelineInvoice), commercial_partner_id: {} },
};
