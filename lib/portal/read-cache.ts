import 'server-only';
import { LRUCache } from 'lru-cache';
import { portalConfig } from '../config';
import type { PortalContext } from '../context';

/**
 * The tenant-scoped cache of Odoo reads: a page view answered from here costs Odoo nothing.
 *
 * - Every key and every tag carries the tenant (the session's commercial partner), added
 *   here from the context, never by the caller: one company's entry cannot answer another's.
 *   The roles are in the key too, as some answers depend on them (invoice links, totals).
 * - Tags name what an answer was read from, per tenant: `orders:<tenantId>`,
 *   `deliveries:<tenantId>`, `invoices:<tenantId>`, `partners:<tenantId>`. A change ends
 *   every entry carrying its tag: the portal's own writes, Odoo's webhook
 *   (app/api/odoo-webhook), on every instance through lib/portal/cache-bus.ts.
 * - A short TTL (PORTAL_CACHE_TTL_SECONDS) is the safety net when no webhook comes.
 *
 * Invalidation bumps a version per tag instead of hunting keys: an entry remembers the
 * versions of its tags when its read began and is stale once any has moved, so a read
 * that was in flight while its data changed is never served afterwards.
 * Cached answers are shared between requests: callers treat them as read-only.
 */
export type Topic = 'orders' | 'deliveries' | 'invoices' | 'partners';
export const TOPICS: readonly Topic[] = ['orders', 'deliveries', 'invoices', 'partners'];

export const readTag = (topic: Topic, tenantId: number) => `${topic}:${tenantId}`;

interface Entry {
  value: unknown;
  tags: string[];
  versions: number[];
  /** When the answer was read from Odoo (epoch ms). */
  at: number;
}

export interface CacheStats {
  hits: number;
  misses: number;
}

export class TenantReadCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly versions = new Map<string, number>();
  private readonly inflight = new Map<string, Promise<Entry>>();
  readonly stats: CacheStats = { hits: 0, misses: 0 };

  constructor(
    readonly ttlMs: number,
    max = 10_000,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.entries = new LRUCache({ max });
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /**
   * The answer of `load` for this tenant and key: cached, or read once however many
   * requests ask at the same moment. Failures are not kept.
   */
  async read<T>(
    tenantId: number,
    key: readonly unknown[],
    topics: readonly Topic[],
    load: () => Promise<T>,
  ): Promise<{ value: T; at: number; hit: boolean }> {
    if (!this.enabled) return { value: await load(), at: this.now(), hit: false };
    const id = JSON.stringify([tenantId, ...key]);
    const tags = topics.map((t) => readTag(t, tenantId));
    const versions = tags.map((t) => this.versions.get(t) ?? 0);
    const cached = this.entries.get(id);
    if (cached && this.now() - cached.at < this.ttlMs && cached.versions.every((v, i) => v === versions[i])) {
      this.stats.hits++;
      return { value: cached.value as T, at: cached.at, hit: true };
    }
    this.stats.misses++;
    const flightKey = `${id}@${versions.join('.')}`;
    let flight = this.inflight.get(flightKey);
    if (!flight) {
      const at = this.now();
      flight = load().then((value) => {
        const entry: Entry = { value, tags, versions, at };
        // Stored even if a tag moved meanwhile: its versions are those of the start, so it is stale at once.
        this.entries.set(id, entry);
        return entry;
      });
      this.inflight.set(flightKey, flight);
      void flight.catch(() => {}).finally(() => this.inflight.delete(flightKey));
    }
    const entry = await flight;
    return { value: entry.value as T, at: entry.at, hit: false };
  }

  /** Ends every entry carrying one of these tags (in this process). */
  invalidate(tags: readonly string[]) {
    for (const tag of tags) this.versions.set(tag, (this.versions.get(tag) ?? 0) + 1);
  }

  clear() {
    this.entries.clear();
    this.versions.clear();
  }
}

/**
 * The key part that depends on who asks within the tenant: the roles, in a stable order,
 * and the language (Odoo names products in the contact's language, context.lang).
 */
function askerKey(ctx: Pick<PortalContext, 'roles' | 'locale' | 'odoo'>): string {
  // The language Odoo is asked in (de_CH and de_DE may name a product otherwise), then the page's.
  return `${[...ctx.roles].sort().join(',')}@${ctx.odoo.lang ?? ''}/${ctx.locale}`;
}

const CACHE = Symbol.for('portal.tenantReadCache');
type WithCache = typeof globalThis & { [CACHE]?: TenantReadCache };

/** The process-wide cache (one per process, not one per server chunk). */
export function tenantReadCache(): TenantReadCache {
  const g = globalThis as WithCache;
  g[CACHE] ??= new TenantReadCache(portalConfig().PORTAL_CACHE_TTL_SECONDS * 1000);
  return g[CACHE];
}

/** Replaces the process-wide cache (tests). */
export function setTenantReadCache(cache: TenantReadCache) {
  (globalThis as WithCache)[CACHE] = cache;
}

/**
 * A lib/portal read through the cache, keyed by the context's tenant, roles and language, the read's
 * name and its arguments (plain JSON values), and tagged with the topics it reads from.
 */
export async function cachedRead<T>(
  ctx: Pick<PortalContext, 'tenant' | 'roles' | 'locale' | 'odoo'>,
  name: string,
  args: readonly unknown[],
  topics: readonly Topic[],
  load: () => Promise<T>,
): Promise<T> {
  const { value } = await tenantReadCache().read(ctx.tenant.id, [name, askerKey(ctx), ...args], topics, load);
  return value;
}
