import 'server-only';
import type { Domain, OdooRecord } from '../odoo';
import type { PortalContext } from '../context';
import { m2o } from './fields';

/**
 * What a customer may see, have priced and order: active, sellable (`sale_ok`) products of
 * the seller's company or shared by all companies (`company_id` empty). Any other product
 * answers as one that does not exist: no name, price or stock reaches the customer.
 * The rule is written once for Odoo (a domain) and once for products read nested in another
 * record (an order's lines on Odoo 17+), and both come from the same three conditions.
 */
export async function catalogueDomain(ctx: Pick<PortalContext, 'odoo'>): Promise<Domain> {
  const company = await ctx.odoo.sellerCompanyId();
  // `active` is left to Odoo's implicit active_test: archived products are not found.
  return [
    ['sale_ok', '=', true],
    ['company_id', 'in', [false, company]],
  ];
}

/** The same rule for a product record read with FIELDS.product (a record read without those fields is refused). */
export function inCatalogue(product: OdooRecord, sellerCompanyId: number): boolean {
  if (!('company_id' in product)) return false;
  const company = m2o(product.company_id)?.id;
  return product.active === true && product.sale_ok === true && (company === undefined || company === sellerCompanyId);
}
