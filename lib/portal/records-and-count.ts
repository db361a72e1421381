import 'server-only';
import type { PortalContext } from '../context';
import type { Domain, OdooRecord } from '../odoo';
import { webSpec } from './fields';

/**
 * A page of a domain's records and how many match in all, for a list with pages or a summary
 * that lists a few and counts the rest: one web_search_read on Odoo 17+ (its `length` is the
 * count), a search_read and a search_count side by side on Odoo 16. One call is one API-key
 * check on Odoo instead of two, and one round trip when the read cache misses.
 */
export async function recordsAndCount(
  ctx: PortalContext,
  model: string,
  domain: Domain,
  fields: readonly string[],
  opts: { offset?: number; limit: number; order: string },
): Promise<{ count: number; records: OdooRecord[] }> {
  if (await ctx.odoo.hasWebRead()) {
    const { length, records } = await ctx.odoo.webSearchRead(model, domain, webSpec(fields), opts);
    // Past the last page Odoo answers a length of 0 (models.py, _format_web_search_read_results):
    // count apart, so the page can still say how many there are and lead back.
    if (!records.length && opts.offset) return { count: await ctx.odoo.searchCount(model, domain), records };
    return { count: length, records };
  }
  const [count, records] = await Promise.all([
    ctx.odoo.searchCount(model, domain),
    ctx.odoo.searchRead(model, domain, { fields: [...fields], ...opts }),
  ]);
  return { count, records };
}
