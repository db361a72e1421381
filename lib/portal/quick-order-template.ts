import 'server-only';
import type { PortalContext } from '../context';
import { catalogueDomain } from './catalogue';
import { plainSku, quickOrderTemplate } from './quick-order';
import { cachedRead } from './read-cache';

/**
 * Two SKUs of this customer's catalogue, as the quick order's examples: in the CSV template
 * and the lines box's placeholder (a fixed example SKU would be unknown to most sellers'
 * Odoo). None when the catalogue has no plain SKU.
 */
export function exampleSkus(ctx: PortalContext): Promise<string[]> {
  return cachedRead(ctx, 'products.examples', [], ['partners'], async () => {
    const products = await ctx.odoo.searchRead('product.product', [['default_code', '!=', false], ...(await catalogueDomain(ctx))], {
      fields: ['default_code'],
      order: 'default_code, id',
      limit: 20,
    });
    return products
      .map((p) => String(p.default_code))
      .filter(plainSku)
      .slice(0, 2);
  });
}

/** The quick order's CSV template with the examples; only the header when there are none. */
export async function quickOrderTemplateFor(ctx: PortalContext): Promise<string> {
  return quickOrderTemplate(await exampleSkus(ctx));
}
