import 'server-only';
import type { PortalContext } from '../context';
import { catalogueDomain } from './catalogue';
import { plainSku, quickOrderTemplate } from './quick-order';
import { cachedRead } from './read-cache';

/**
 * The quick order's CSV template with two SKUs of this customer's catalogue as examples, so
 * that the file uploaded as downloaded is an order the portal reads (a fixed example SKU
 * would be unknown to most sellers' Odoo). Only the header when the catalogue has no SKU.
 */
export function quickOrderTemplateFor(ctx: PortalContext): Promise<string> {
  return cachedRead(ctx, 'products.template', [], ['partners'], async () => {
    const products = await ctx.odoo.searchRead('product.product', [['default_code', '!=', false], ...(await catalogueDomain(ctx))], {
      fields: ['default_code'],
      order: 'default_code, id',
      limit: 20,
    });
    const skus = products.map((p) => String(p.default_code)).filter(plainSku);
    return quickOrderTemplate(skus.slice(0, 2));
  });
}
