import 'server-only';
import type { PortalContext } from '../context';
import { likeLiteral } from '../odoo';
import { catalogueDomain } from './catalogue';
import { priceCart } from './cart';
import { FIELDS } from './fields';
import { cachedRead } from './read-cache';
import { PRODUCT_SEARCH_LIMIT } from '../schemas/products';
import type { ProductMatch, ProductSearchResult } from '../types';

export type { ProductMatch, ProductSearchResult };

export { PRODUCT_SEARCH_LIMIT };

/**
 * The quick order's typeahead: catalogue products (lib/portal/catalogue.ts) whose SKU or
 * name contains the text, `%` and `_` taken as themselves, with this customer's price and
 * stock. Two Odoo calls however many match: one search, then the cart's own pricing
 * (`priceCart` on the products just read: one `sale.order.onchange` for all of them), so
 * the price shown is exactly the one the review will show. Products without a SKU are left
 * out: a quick order line names its product by SKU.
 *
 * Cached per tenant and contact for the cache's TTL: a person typing, erasing and typing
 * again, or colleagues looking for the same part, cost Odoo nothing. Tagged `partners`
 * (the pricelist is the customer's); the review reprices whatever the cache held.
 */
export function searchProducts(ctx: PortalContext, query: string): Promise<ProductSearchResult> {
  const q = query.trim();
  return cachedRead(ctx, 'products.search', [ctx.contact.id, q.toLowerCase()], ['partners'], () => readProductSearch(ctx, q));
}

async function readProductSearch(ctx: PortalContext, q: string): Promise<ProductSearchResult> {
  const literal = likeLiteral(q); // a % or _ typed is searched as itself
  const catalogue = await catalogueDomain(ctx);
  const found = await ctx.odoo.searchRead(
    'product.product',
    ['|', ['default_code', 'ilike', literal], ['name', 'ilike', literal], ['default_code', '!=', false], ...catalogue],
    { fields: FIELDS.product, limit: PRODUCT_SEARCH_LIMIT, order: 'default_code, id' },
  );
  if (!found.length) return { query: q, currency: null, products: [] };
  const cart = await priceCart(
    ctx,
    found.map((product) => ({ productId: product.id, product, quantity: 1 })),
  );
  const products = cart.lines
    .filter((l) => l.sellable && l.sku)
    .map((l) => ({ productId: l.productId, sku: l.sku!, name: l.name, unit: l.unit, priceUnit: l.priceUnit, available: l.available }));
  return { query: q, currency: cart.currency, products: rank(products, q) };
}

/** An exact SKU first, then SKUs that start with the text, then the rest in SKU order (Odoo's). */
function rank(products: ProductMatch[], q: string): ProductMatch[] {
  const needle = q.toLowerCase();
  const score = (p: ProductMatch) => {
    const sku = p.sku.toLowerCase();
    return sku === needle ? 0 : sku.startsWith(needle) ? 1 : 2;
  };
  return products
    .map((p, i) => ({ p, i, s: score(p) }))
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .map(({ p }) => p);
}
