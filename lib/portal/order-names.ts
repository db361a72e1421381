import 'server-only';
import type { PortalContext } from '../context';
import { cachedRead, tenantReadCache } from './read-cache';
import { tenantDomain } from './tenant';

/**
 * The tenant's order numbers, kept in the read cache so that a list naming orders (the
 * invoices list links each origin to its order) resolves them without a second round trip
 * to Odoo after its page: read beside the page, or not at all while no order of the tenant
 * changed. Only the newest KEPT orders are kept; a number beyond them is looked up.
 */
const KEPT = 1000;

interface KnownOrders {
  /** Order number → id, for the tenant's newest orders. */
  ids: ReadonlyMap<string, number>;
  /** Every order of the tenant is in `ids`: a number not there names none of its orders. */
  complete: boolean;
}

/**
 * What is known of the tenant's order numbers before the page that names them is read: from
 * the cache, or read beside that page. Null without a cache (nothing kept between views),
 * where a page's own few numbers are cheaper to look up than all of them.
 */
export function knownOrderNames(ctx: PortalContext): Promise<KnownOrders> | null {
  if (!tenantReadCache().enabled) return null;
  // The company's contacts too: a contact moved to another company takes their orders along, with no order changed.
  return cachedRead(ctx, 'orders.names', [], ['orders', 'partners'], () => readOrderNames(ctx), {
    // Each kept order, so one moving to another company ends this answer in the company it left.
    dependsOn: (known) => [...known.ids.values()].map((id) => ({ topic: 'orders' as const, id })),
  });
}

async function readOrderNames(ctx: PortalContext): Promise<KnownOrders> {
  const orders = await ctx.odoo.searchRead('sale.order', tenantDomain(ctx), { fields: ['name'], limit: KEPT + 1, order: 'id desc' });
  return {
    ids: new Map(orders.slice(0, KEPT).map((o) => [String(o.name), o.id])),
    complete: orders.length <= KEPT,
  };
}

/**
 * The tenant's orders with these numbers, by number: from the known numbers, and one search
 * for those they cannot answer (all of them without any known).
 */
export async function ordersNamed(ctx: PortalContext, names: readonly string[], known: KnownOrders | null): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  const unknown: string[] = [];
  for (const name of new Set(names)) {
    const id = known?.ids.get(name);
    if (id) found.set(name, id);
    else if (!known?.complete) unknown.push(name);
  }
  if (!unknown.length) return found;
  const orders = await ctx.odoo.searchRead('sale.order', [['name', 'in', unknown], ...tenantDomain(ctx)], {
    fields: ['name'],
    limit: unknown.length,
  });
  for (const o of orders) found.set(String(o.name), o.id);
  return found;
}
