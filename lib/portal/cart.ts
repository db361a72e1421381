import 'server-only';
import type { PortalContext } from '../context';
import { likeLiteral, type Domain, type OdooRecord } from '../odoo';
import { FIELDS, m2o, num, text, webSpec } from './fields';
import { catalogueDomain } from './catalogue';
import {
  cartLines,
  creditWarningFromFigures,
  pricedCart,
  pricingOnchange,
  productsToRead,
  unpricedCart,
  type CartRequest,
  type PricedCart,
} from './cart-pricing';
import { getCredit } from './account';
import { can } from '../roles';
import { translatorFor } from '../i18n/translator';
import { readRecordWithLines } from './record-with-lines';
import { tenantDomain } from './tenant';

export { NO_LONGER_AVAILABLE, requestsFromParsed, type CartLine, type CartRequest, type PricedCart } from './cart-pricing';

/**
 * Reloads products and this customer's current prices from Odoo for a cart. Only products
 * in the catalogue (lib/portal/catalogue.ts) are looked up, priced and shown: a reorder line
 * whose product left it says "no longer available" under the name the customer's own order
 * gave it, with no price or stock; a SKU or id outside it answers as an unknown one. Prices
 * come from `sale.order.onchange` (Odoo's pricelists and taxes, nothing written): two Odoo
 * calls whatever the cart's size (three when a SKU was not found as typed or in one case),
 * one when the products came with the requests.
 */
export async function priceCart(ctx: PortalContext, requests: CartRequest[]): Promise<PricedCart> {
  const { byId, bySku, count } = productsToRead(requests);
  const [company, products] = await Promise.all([ctx.odoo.sellerCompanyId(), catalogueProducts(ctx, byId, bySku, count)]);
  const { lines, errors } = cartLines(requests, products, company);
  if (!lines.some((l) => l.sellable)) return unpricedCart(lines, errors);
  const { values, spec } = pricingOnchange(ctx.contact.id, lines);
  const { value } = await ctx.odoo.onchange('sale.order', values, spec);
  const cart = pricedCart(lines, errors, value);
  const warning = 'partner_credit_warning' in value ? cart.creditWarning : creditWarningFromFigures(await getCredit(ctx), cart, ctx.locale);
  // Odoo's words name what the company owes (its unpaid invoices with this order): only for
  // those who see invoice amounts; a buyer is told that the limit is reached, without them.
  if (!warning || can(ctx.roles, 'see-invoices')) return { ...cart, creditWarning: warning };
  return {
    ...cart,
    creditWarning: translatorFor(ctx.locale, 'quickOrder')('review.creditLimitReachedNoAmounts', { partner: ctx.tenant.name }),
  };
}

/**
 * The catalogue's products that requests name by id or by SKU, whatever the case a SKU was
 * typed in ("fas-1002" is FAS-1002). The SKUs are looked up as typed, upper- and lower-cased
 * in one `in` (which Odoo's index on the SKU answers); only those still not found (a SKU
 * stored in mixed case, or unknown) are matched without regard to case, in a second call.
 */
async function catalogueProducts(ctx: PortalContext, byId: number[], bySku: string[], count: number): Promise<OdooRecord[]> {
  if (!byId.length && !bySku.length) return [];
  const catalogue = await catalogueDomain(ctx);
  const spellings = [...new Set(bySku.flatMap((sku) => [sku, sku.toUpperCase(), sku.toLowerCase()]))];
  const found = await ctx.odoo.searchRead(
    'product.product',
    [
      ...(byId.length && bySku.length ? ['|'] : []),
      ...(byId.length ? [['id', 'in', byId]] : []),
      ...(bySku.length ? [['default_code', 'in', spellings]] : []),
      ...catalogue,
    ],
    { fields: FIELDS.product, limit: count * 3 },
  );
  const known = new Set(found.map((p) => (text(p.default_code) ?? '').toUpperCase()));
  const unfound = bySku.filter((sku) => !known.has(sku.toUpperCase()));
  if (!unfound.length) return found;
  const more = await ctx.odoo.searchRead('product.product', [...skuDomain(unfound), ...catalogue], {
    fields: FIELDS.product,
    limit: unfound.length * 2,
  });
  const foundIds = new Set(found.map((p) => p.id));
  return [...found, ...more.filter((p) => !foundIds.has(p.id))];
}

/**
 * Products whose SKU is one of `skus` in any case: an exact `=ilike` each, its `%`, `_` and
 * `\\` taken literally, one condition per SKU however often it is given.
 */
function skuDomain(skus: string[]): Domain {
  const terms = [...new Map(skus.map((sku) => [sku.toUpperCase(), sku])).values()].map((sku) => [
    'default_code',
    '=ilike',
    likeLiteral(sku),
  ]);
  return [...Array<string>(Math.max(0, terms.length - 1)).fill('|'), ...terms];
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
  const found = await readRecordWithLines(ctx, {
    model: 'sale.order',
    domain: [['id', '=', orderId], ...tenantDomain(ctx)],
    fields: ['name', 'partner_shipping_id'],
    lines: {
      field: 'order_line',
      model: 'sale.order.line',
      domain: [['order_id', '=', orderId], ...tenantDomain(ctx, 'order_id.partner_id'), ['display_type', '=', false]],
      fields: ['product_id', 'product_uom_qty'],
      spec: { product_id: { fields: webSpec(FIELDS.product) }, product_uom_qty: {}, display_type: {} },
      keep: (l) => 'display_type' in l && !l.display_type,
      order: 'sequence, id',
      limit: 500,
    },
  });
  if (!found) return null;
  const { record: order, lines } = found;
  const orderName = String(order.name);
  const shippingAddressId = m2o(order.partner_shipping_id)?.id ?? null;
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
