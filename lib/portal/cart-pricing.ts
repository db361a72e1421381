import 'server-only';
import { lineProblem } from '../errors';
import { MAX_QUANTITY, addQuantities } from '../quantity';
import type { OdooRecord } from '../odoo';
import { currency, m2o, num, text } from './fields';
import type { LineError, ParsedLine } from './quick-order';
import { inCatalogue } from './catalogue';
import type { Credit } from './account';
import { formatterFor } from '../i18n/format';
import type { Locale } from '../i18n/locales';
import { translatorFor } from '../i18n/translator';

/**
 * The cart without Odoo: which products a cart must read, the lines and errors they make,
 * the onchange that prices them, and the priced cart from its answer. lib/portal/cart.ts
 * does the reading; everything here is plain data in, plain data out.
 */

/** A product asked for, by id (reorder) or SKU (quick order), with its source line. */
export interface CartRequest {
  productId?: number;
  sku?: string;
  quantity: number;
  line?: number;
  /** The product's whitelisted fields when already read with the order (reorder on Odoo 17+). */
  product?: OdooRecord;
  /** The product's name as the customer's own order line shows it (reorder), for a product no longer available. */
  name?: string;
}

export interface CartLine {
  productId: number;
  sku: string | null;
  name: string;
  quantity: number;
  unit: string | null;
  /** Stock on hand; null for services and for products no longer available. */
  available: number | null;
  sellable: boolean;
  problem: string | null;
  priceUnit: number;
  subtotal: number;
}

export interface PricedCart {
  lines: CartLine[];
  errors: LineError[];
  /** Odoo's currency of the priced order; null when nothing was priced (no line can be ordered). */
  currency: string | null;
  amountUntaxed: number;
  amountTax: number;
  amountTotal: number;
  /**
   * Odoo's own sale.order.partner_credit_warning for this cart (the yellow banner of its
   * quotation form): the order would take the customer over its credit limit. It informs;
   * Odoo still lets the order be confirmed. Null when within the limit or none applies.
   */
  creditWarning: string | null;
}

export const NO_LONGER_AVAILABLE = 'No longer available';

/** The products a cart has to read: those not already read with the requests, by id or by SKU. */
export function productsToRead(requests: CartRequest[]): { byId: number[]; bySku: string[]; count: number } {
  const unread = requests.filter((r) => !r.product);
  return {
    byId: unread.filter((r) => r.productId).map((r) => r.productId!),
    bySku: unread.filter((r) => !r.productId && r.sku).map((r) => r.sku!),
    count: unread.length,
  };
}

/**
 * The cart's lines, unpriced, and the requests that name no product of the catalogue: an
 * unknown SKU or id is an error; a reorder line whose product left the catalogue keeps
 * its name and says it is no longer available. Requests that turn out to name one product
 * (its SKU written in two cases) make one line, their quantities added up within the limit
 * of one line.
 */
export function cartLines(
  requests: CartRequest[],
  products: OdooRecord[],
  sellerCompanyId: number,
): { lines: CartLine[]; errors: LineError[] } {
  const productById = new Map(products.map((p) => [p.id, p]));
  const coded = products.filter((p) => text(p.default_code));
  const productByExactSku = new Map(coded.map((p) => [String(p.default_code), p]));
  const productBySku = new Map(coded.map((p) => [String(p.default_code).toUpperCase(), p]));
  // SKUs are matched whatever their case; should two differ only by it, the one written exactly wins.
  const productOfSku = (sku: string) => productByExactSku.get(sku) ?? productBySku.get(sku.toUpperCase());
  const errors: LineError[] = [];
  const lines: CartLine[] = [];
  /** Each product's line, and the request that made it (for the words of a sum too large). */
  const lineOf = new Map<number, { line: CartLine; req: CartRequest }>();
  for (const req of requests) {
    const found = req.product ?? (req.productId ? productById.get(req.productId) : productOfSku(req.sku!));
    const p = found && inCatalogue(found, sellerCompanyId) ? found : undefined;
    if (!p) {
      if (req.sku) errors.push({ line: req.line ?? 0, text: req.sku, ...lineProblem('unknownSku', { sku: req.sku }) });
      else if (req.productId && req.name) lines.push(unavailableLine(req.productId, req.name, req.quantity));
      else errors.push({ line: req.line ?? 0, text: String(req.productId), ...lineProblem('productGone') });
      continue;
    }
    const earlier = lineOf.get(p.id);
    if (earlier) {
      const sum = addQuantities(earlier.line.quantity, req.quantity);
      if (sum <= MAX_QUANTITY) earlier.line.quantity = sum;
      else
        errors.push({
          line: req.line ?? 0,
          text: req.sku ?? String(req.productId),
          ...lineProblem('sumTooLarge', { line: earlier.req.line ?? 0, sku: earlier.req.sku ?? String(p.id), max: MAX_QUANTITY }),
        });
      continue;
    }
    const line: CartLine = {
      productId: p.id,
      sku: text(p.default_code),
      name: productName(p),
      quantity: req.quantity,
      unit: m2o(p.uom_id)?.name ?? null,
      available: p.type === 'service' ? null : num(p.free_qty),
      sellable: true,
      problem: null,
      priceUnit: 0,
      subtotal: 0,
    };
    lineOf.set(p.id, { line, req });
    lines.push(line);
  }
  return { lines, errors };
}

/**
 * A product's name as a customer tells its variants apart: Odoo's display name ("[SKU] Desk
 * (White, Custom)") without the SKU, which the portal shows in a column of its own. The
 * template's `name` alone is the same for every variant.
 */
export function productName(p: OdooRecord): string {
  const display = text(p.display_name);
  const code = text(p.default_code);
  if (!display) return String(p.name);
  return code && display.startsWith(`[${code}] `) ? display.slice(code.length + 3) : display;
}

/** A line of the customer's earlier order whose product left the catalogue: its name only, never priced or ordered. */
function unavailableLine(productId: number, name: string, quantity: number): CartLine {
  return {
    productId,
    sku: null,
    name,
    quantity,
    unit: null,
    available: null,
    sellable: false,
    problem: NO_LONGER_AVAILABLE,
    priceUnit: 0,
    subtotal: 0,
  };
}

/** The values and specification of the `sale.order.onchange` that prices the sellable lines for a contact. */
export function pricingOnchange(partnerId: number, lines: CartLine[]) {
  return {
    values: {
      partner_id: partnerId,
      order_line: lines.filter((l) => l.sellable).map((l, i) => [0, `line_${i}`, { product_id: l.productId, product_uom_qty: l.quantity }]),
    },
    spec: {
      currency_id: { fields: { display_name: {} } },
      amount_untaxed: {},
      amount_tax: {},
      amount_total: {},
      // Computed by Odoo from the new order's total (sale/models/sale_order.py): its words, its rule.
      partner_credit_warning: {},
      order_line: { fields: { product_id: { fields: { display_name: {} } }, product_uom_qty: {}, price_unit: {}, price_subtotal: {} } },
    },
  };
}

/** A cart with nothing to price: no Odoo call, nothing to pay, and no currency to name. */
export function unpricedCart(lines: CartLine[], errors: LineError[]): PricedCart {
  return { lines, errors, currency: null, amountUntaxed: 0, amountTax: 0, amountTotal: 0, creditWarning: null };
}

/** The cart priced by the onchange's answer: its sellable lines in the order they were sent, and the totals. */
export function pricedCart(lines: CartLine[], errors: LineError[], value: Record<string, unknown>): PricedCart {
  const pricedLines = Array.isArray(value.order_line) ? (value.order_line as [number, string, Record<string, unknown>][]) : [];
  let next = 0;
  const priced = lines.map((l) => {
    if (!l.sellable) return l;
    const v = pricedLines[next++]?.[2] ?? {};
    return { ...l, priceUnit: num(v.price_unit), subtotal: num(v.price_subtotal) };
  });
  const cur = value.currency_id as { display_name?: string } | unknown[] | undefined;
  return {
    lines: priced,
    errors,
    currency: Array.isArray(cur) ? currency(cur) : (cur?.display_name ?? 'EUR'),
    amountUntaxed: num(value.amount_untaxed),
    amountTax: num(value.amount_tax),
    amountTotal: num(value.amount_total),
    creditWarning: text(value.partner_credit_warning),
  };
}

/**
 * The warning from the figures, for a server whose onchange did not answer
 * partner_credit_warning, in the reader's language: Odoo's rule and English words (account's
 * _build_credit_warning_message, 19.0) without the confirmed orders not yet invoiced, which
 * only Odoo knows. Only when the cart is in the currency of the limit: the portal converts
 * no currencies.
 */
export function creditWarningFromFigures(credit: Credit | null, cart: PricedCart, locale: Locale): string | null {
  if (!credit || cart.currency !== credit.currency || cart.amountTotal <= 0) return null;
  const total = Math.round((credit.used + cart.amountTotal) * 100) / 100;
  if (total <= credit.limit) return null;
  const f = formatterFor(locale);
  return translatorFor(locale, 'quickOrder')('review.creditLimitReached', {
    partner: credit.partnerName,
    limit: f.money(credit.limit, credit.currency),
    total: f.money(total, credit.currency),
  });
}

export function requestsFromParsed(lines: ParsedLine[]): CartRequest[] {
  return lines.map((l) => ({ sku: l.sku, quantity: l.quantity, line: l.line }));
}
