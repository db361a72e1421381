import { PortalError } from '@/lib/errors';
import { withPortalRoute } from '@/lib/http/route';
import { searchProducts } from '@/lib/portal/product-search';
import { parseProductSearch } from '@/lib/schemas/products';

/**
 * The quick order's typeahead: catalogue products whose SKU or name contains `q`, with
 * this customer's price and stock. Only for those who may order; a bad `q` answers 400
 * with a sentence the search box shows as it is.
 */
export const GET = withPortalRoute({ permission: 'order' }, async ({ ctx, req }) => {
  const query = parseProductSearch(req.nextUrl.searchParams);
  if (!query.ok) throw new PortalError('bad_request', query.message, { q: [query.message] });
  return searchProducts(ctx, query.q);
});
