import 'server-only';
import type { PortalContext } from '../context';
import type { Domain, OdooRecord } from '../odoo';
import { webSpec } from './fields';

/**
 * The first `limit` records of a domain and how many match in all, for a summary that lists a
 * few and counts the rest: one web_search_read on Odoo 17+ (its `length` is the count), a
 * search_read and a search_count side by side on Odoo 16.
 */
export async function firstRecordsAndCount(
  ctx: PortalContext,
  model: string,
  domain: Domain,
  fields: readonly string[],
  opts: { limit: number; order: string },
): Promise<{ count: number; records: OdooRecord[] }> {
  if (await ctx.odoo.hasWebRead()) {
    const { length, records } = await ctx.odoo.webSearchRead(model, domain, webSpec(fields), opts);
    return { count: length, records };
  }
  const [count, records] = await Promise.all([
    ctx.odoo.searchCount(model, domain),
    ctx.odoo.searchRead(model, domain, { fields: [...fields], ...opts }),
  ]);
  return { count, records };
}
