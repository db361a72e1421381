import { z } from 'zod';
import { text } from './common';

export const PRODUCT_SEARCH_MIN = 2;
export const PRODUCT_SEARCH_MAX = 60;
/** Most products one search answers: a typeahead shows a short list, never the catalogue. */
export const PRODUCT_SEARCH_LIMIT = 10;

/** What the quick order's product search takes: 2 to 60 characters once trimmed, no control characters. */
export const productSearchQuery = z.object({
  q: text('search text', {
    max: PRODUCT_SEARCH_MAX,
    maxMessage: `Search with at most ${PRODUCT_SEARCH_MAX} characters.`,
  }).min(PRODUCT_SEARCH_MIN, `Type at least ${PRODUCT_SEARCH_MIN} characters of a SKU or product name.`),
});

/**
 * The search params of a product search, or the one sentence that says what is wrong with
 * them (a route answers it as a 400, so the box can show it as it is).
 */
export function parseProductSearch(params: URLSearchParams): { ok: true; q: string } | { ok: false; message: string } {
  const given = params.getAll('q');
  if (given.length > 1) return { ok: false, message: '“q” is given more than once.' };
  const parsed = productSearchQuery.safeParse({ q: given[0] ?? '' });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'The search text is not valid.' };
  return { ok: true, q: parsed.data.q };
}
