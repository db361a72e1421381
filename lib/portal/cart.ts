import 'server-only';
import type { PortalContext } from '../context';
import type { OdooRecord } from '../odoo';
import { currency, FIELDS, m2o, num, text, webSpec } from './fields';
import type { LineError, ParsedLine } from './quick-order';
import { catalogueDomain, inCatalogue } from './catalogue';
import { tenantDomain } from './tenant';

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
  currency: string;
  amountUntaxed: number;
  amountTax: number;
  amountTotal: number;
}

export const NO_LONGER_AVAILABLE = 'No longer available';

/**
 * Reloads products and this customer's current prices from Odoo for a cart. Only products
 * in the catalogue (lib/portal/catalogue.ts) are looked up, priced and shown: a reorder line
 * whose product left it says "no longer available" under the name the customer's own order
 * gave it, with no price or stock; a SKU or id outside it answers as an unknown one. Prices
 * come from `sale.order.onchange` (Odoo's pricelists and taxes, nothing written): two Odoo
 * calls whatever the cart's size, one when the products came with the requests.
 */
export async function priceCart(ctx: PortalContext, requests: CartRequest[]): Promise<PricedCart> {
  const unread = requests.filter((r) => !r.product);
  const byId = unread.filter((r) => r.productId).map((r) => r.productId!);
  const bySku = unread.filter((r) => !r.productId && r.sku).map((r) => r.sku!);
  const [company, products] = await Promise.all([
    ctx.odoo.sellerCompanyId(),
    byId.length || bySku.length
      ? catalogueDomain(ctx).then((catalogue) =>
          ctx.odoo.searchRead(
            'product.product',
            [
              ...(byId.length && bySku.length ? ['|'] : []),
              ...(byId.length ? [['id', 'in', byId]] : []),
              ...(bySku.length ? [['default_code', 'in', bySku]] : []),
              ...catalogue,
            ],
            { fields: FIELDS.product, limit: unread.length * 2 },
          ),
        )
      : Promise.resolve([]),
  ]);
  const productById = new Map(products.map((p) => [p.id, p]));
  const productBySku = new Map(products.filter((p) => text(p.default_code)).map((p) => [String(p.default_code).toUpperCase(), p]));

  const errors: LineError[] = [];
  const lines: CartLine[] = [];
  for (const req of requests) {
    const found = req.product ?? (req.productId ? productById.get(req.productId) : productBySku.get(req.sku!.toUpperCase()));
    const p = found && inCatalogue(found, company) ? found : undefined;
    if (!p) {
      if (req.sku) errors.push({ line: req.line ?? 0, text: req.sku, message: `Unknown SKU “${req.sku}”.` });
      else if (req.productId && req.name) lines.push(unavailableLine(req.productId, req.name, req.quantity));
      else errors.push({ line: req.line ?? 0, text: String(req.productId), message: 'This product is no longer available.' });
      continue;
    }
    lines.push({
      productId: p.id,
      sku: text(p.default_code),
      name: String(p.name),
      quantity: req.quantity,
      unit: m2o(p.uom_id)?.name ?? null,
      available: p.type === 'service' ? null : num(p.qty_available),
      sellable: true,
      problem: null,
      priceUnit: 0,
      subtotal: 0,
    });
  }

  const priced = lines.filter((l) => l.sellable);
  if (!priced.length) return { lines, errors, currency: 'EUR', amountUntaxed: 0, amountTax: 0, amountTotal: 0 };
  const { value } = await ctx.odoo.onchange(
    'sale.order',
    {
      partner_id: ctx.contact.id,
      order_line: priced.map((l, i) => [0, `line_${i}`, { product_id: l.productId, product_uom_qty: l.quantity }]),
    },
    {
      currency_id: { fields: { display_name: {} } },
      amount_untaxed: {},
      amount_tax: {},
      amount_total: {},
      order_line: { fields: { product_id: { fields: { display_name: {} } }, product_uom_qty: {}, price_unit: {}, price_subtotal: {} } },
    },
  );
  const pricedLines = Array.isArray(value.order_line) ? (value.order_line as [number, string, Record<string, unknown>][]) : [];
  priced.forEach((l, i) => {
    const v = pricedLines[i]?.[2] ?? {};
    l.priceUnit = num(v.price_unit);
    l.subtotal = num(v.price_subtotal);
  });
  const cur = value.currency_id as { display_name?: string } | unknown[] | undefined;
  return {
    lines,
    errors,
    currency: Array.isArray(cur) ? currency(cur) : (cur?.display_name ?? 'EUR'),
    amountUntaxed: num(value.amount_untaxed),
    amountTax: num(value.amount_tax),
    amountTotal: num(value.amount_total),
  };
}

/** An earlier order to order again: its lines, and where it was delivered. */
export interface ReorderSource {
  orderName: string;
  /** The order's delivery address (possibly archived since, or a contact's own address). */
  shippingAddressId: number | null;
  requests: CartRequest[];
}

/**
 * The lines of one of the tenant's orders as a cart request, or null when not the
 * tenant's. On Odoo 17+ one web_search_read brings the order, its lines and their products
 * (those that left the catalogue too, to be flagged), so pricing needs no product search.
 */
export async function reorderRequest(ctx: PortalContext, orderId: number): Promise<ReorderSource | null> {
  const domain = [['id', '=', orderId], ...tenantDomain(ctx)];
  const lineOrder = 'sequence, id';
  let orderName: string;
  let shippingAddressId: number | null;
  let lines: OdooRecord[];
  if (await ctx.odoo.hasWebRead()) {
    const {
      records: [order],
    } = await ctx.odoo.webSearchRead(
      'sale.order',
      domain,
      {
        name: {},
        partner_shipping_id: { fields: { display_name: {} } },
        order_line: {
          fields: { product_id: { fields: webSpec(FIELDS.product) }, product_uom_qty: {}, display_type: {} },
          order: lineOrder,
          limit: 500,
        },
      },
      { limit: 1 },
    );
    if (!order) return null;
    orderName = String(order.name);
    shippingAddressId = m2o(order.partner_shipping_id)?.id ?? null;
    lines = (order.order_line as OdooRecord[]).filter((l) => 'display_type' in l && !l.display_type);
  } else {
    const [orders, found] = await Promise.all([
      ctx.odoo.searchRead('sale.order', domain, { fields: ['name', 'partner_shipping_id'], limit: 1 }),
      ctx.odoo.searchRead(
        'sale.order.line',
        [['order_id', '=', orderId], ...tenantDomain(ctx, 'order_id.partner_id'), ['display_type', '=', false]],
        { fields: ['product_id', 'product_uom_qty'], order: lineOrder, limit: 500 },
      ),
    ]);
    if (!orders[0]) return null;
    orderName = String(orders[0].name);
    shippingAddressId = m2o(orders[0].partner_shipping_id)?.id ?? null;
    lines = found;
  }
  const byProduct = new Map<number, CartRequest>();
  for (const l of lines) {
    const id = m2o(l.product_id)?.id;
    if (!id) continue;
    const product =
      l.product_id && typeof l.product_id === 'object' && !Array.isArray(l.product_id) ? (l.product_id as OdooRecord) : undefined;
    const prev = byProduct.get(id);
    byProduct.set(id, {
      productId: id,
      quantity: (prev?.quantity ?? 0) + num(l.product_uom_qty),
      name: m2o(l.product_id)!.name,
      ...(product ? { product } : {}),
    });
  }
  return { orderName, shippingAddressId, requests: [...byProduct.values()] };
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

export function requestsFromParsed(lines: ParsedLine[]): CartRequest[] {
  return lines.map((l) => ({ sku: l.sku, quantity: l.quantity, line: l.line }));
}
