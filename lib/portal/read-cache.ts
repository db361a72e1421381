import 'server-only';
import { LRUCache } from 'lru-cache';
import { portalConfig } from '../config';
import { log } from '../log';
import type { PortalContext } from '../context';

/**
 * The tenant-scoped cache of Odoo reads: a page view answered from here costs Odoo nothing.
 *
 * - Every key carries the tenant (the session's commercial partner), added here from the
 *   context, never by the caller: one company's entry cannot answer another's. The roles
 *   are in the key too, as some answers depend on them (invoice links, totals).
 * - A read names what its answer depends on, so a change ends only the answers it can alter:
 *   - a topic (`'orders'`): any record of that kind in the tenant, for lists, counts and
 *     sums, which a new or changed record anywhere may alter (tag `orders:<tenantId>`);
 *   - a record (`{ topic: 'orders', id }`): that record only, for a page about one order
 *     (tag `orders#<id>`, not tenant-scoped: a record moved to another company ends the
 *     entries of both). A read may add the records it found in its answer (the orders an
 *     invoice names), as `dependsOn(value)`.
 *   A change to order 7 of tenant 3 moves `orders:3` and `orders#7`: the tenant's order
 *   lists and order 7's page go, order 8's page stays.
 * - Changes come from the portal's own writes and Odoo's webhook (app/api/odoo-webhook), on
 *   every instance through lib/portal/cache-bus.ts.
 * - A short TTL (PORTAL_CACHE_TTL_SECONDS) is the safety net when no webhook comes.
 *
 * Invalidation stamps each tag with a global sequence number instead of hunting keys: an
 * entry remembers the sequence number at which its read began, and is stale once any of its
 * tags has a later stamp. So a read that was in flight while its data changed is never
 * served afterwards, including for the dependencies only its answer revealed.
 * Cached answers are shared between requests: callers treat them as read-only.
 *
 * A stale answer may be patched instead of read again (`patch`): when every change since it
 * was read named its records (Odoo's webhook does), the read is handed those records and may
 * re-read only them (a list re-reads the changed rows it shows, one small call instead of the
 * page and its count). The stamps alone cannot tell which records changed under a topic, so
 * each topic tag keeps a short log of the record ids of its changes (`changeLog`).
 */
export type Topic = 'orders' | 'deliveries' | 'invoices' | 'partners';
export const TOPICS: readonly Topic[] = ['orders', 'deliveries', 'invoices', 'partners'];

/** What a cached answer depends on: every record of a topic in the tenant, or one record. */
export type Dependency = Topic | { topic: Topic; id: number };

/** The records of each topic changed since a stale answer was read. */
export type ChangedRecords = ReadonlyMap<Topic, ReadonlySet<number>>;

export interface ReadOptions<T> {
  /** What only the answer tells it depends on (the records it shows beside the one asked for). */
  dependsOn?: (value: T) => readonly Dependency[];
  /**
   * The stale answer brought up to date from the records changed since it was read, or null
   * when they may have moved it in a way only a full read tells (a row entering or leaving a
   * list, or moving within its order): then the answer is read anew.
   */
  patch?: (stale: T, changed: ChangedRecords) => Promise<T | null>;
}

/** The records an answer shows, as dependencies (a list's rows). */
export const shown = (topic: Topic, rows: readonly { id: number }[]): Dependency[] => rows.map((r) => ({ topic, id: r.id }));

/** The tag of "any record of this topic in this tenant". */
export const readTag = (topic: Topic, tenantId: number) => `${topic}:${tenantId}`;
const isTopic = (name: string): name is Topic => (TOPICS as readonly string[]).includes(name);
/** The topic of a readTag, or null for another tag. */
function topicOfReadTag(tag: string): Topic | null {
  const colon = tag.indexOf(':');
  const topic = colon > 0 ? tag.slice(0, colon) : '';
  return isTopic(topic) ? topic : null;
}
/** The tag of one record (ids are unique in the Odoo database, whatever company holds them). */
export const recordTag = (topic: Topic, id: number) => `${topic}#${id}`;
/** The topic and id of a recordTag, or null for another tag. */
function parseRecordTag(tag: string): { topic: Topic; id: number } | null {
  const hash = tag.indexOf('#');
  const topic = hash > 0 ? tag.slice(0, hash) : '';
  const id = Number(tag.slice(hash + 1));
  return isTopic(topic) && Number.isSafeInteger(id) && id > 0 ? { topic, id } : null;
}
/** The record ids of a topic among these tags (the records a change names), read back from recordTag. */
export function recordIdsIn(topic: Topic, tags: readonly string[]): Set<number> {
  const ids = new Set<number>();
  for (const tag of tags) {
    const record = parseRecordTag(tag);
    if (record?.topic === topic) ids.add(record.id);
  }
  return ids;
}

/** The tags a change moves: the tenants' topic, and the records it names. */
export function changeTags(topic: Topic, tenantIds: readonly number[], recordIds: readonly number[]): string[] {
  return [...tenantIds.map((t) => readTag(topic, t)), ...recordIds.map((id) => recordTag(topic, id))];
}

function tagsOf(tenantId: number, deps: readonly Dependency[]): string[] {
  return deps.map((d) => (typeof d === 'string' ? readTag(d, tenantId) : recordTag(d.topic, d.id)));
}

interface Entry {
  value: unknown;
  tags: string[];
  /** The sequence number when the read began: a tag stamped later makes the entry stale. */
  seq: number;
  /** When the answer was read from Odoo (epoch ms). */
  at: number;
}

interface Flight {
  seq: number;
  entry: Promise<Entry>;
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Misses answered by patching the stale answer (counted in misses too). */
  patched: number;
}

/** One change of a topic tag: the record ids it named, or null when it named none (any record may have changed). */
interface LoggedChange {
  seq: number;
  ids: ReadonlySet<number> | null;
}

/** Changes kept per topic tag; a tenant changing faster than this within a TTL has its answers read anew. */
const CHANGE_LOG_LENGTH = 32;

export class TenantReadCache {
  private readonly entries: LRUCache<string, Entry>;
  /** Tag → the sequence number and time of its last change. */
  private readonly stamps = new Map<string, { seq: number; at: number }>();
  private seq = 0;
  /** The newest sequence number swept from `stamps`: a read begun before it may have missed a change no longer on record. */
  private swept = 0;
  private readonly inflight = new Map<string, Flight>();
  /**
   * Record tag → the topic tags of the tenants whose answers showed that record. Odoo's rule
   * names a moved record's new company only: through this, the company it left loses its
   * lists too. Bounded; a record it forgot falls to the TTL.
   */
  private readonly shownIn = new LRUCache<string, Set<string>>({ max: 100_000 });
  /**
   * Topic tag → its recent changes, oldest first, within the TTL and at most CHANGE_LOG_LENGTH
   * (`forgotten` is the newest sequence number dropped from it): which records changed under
   * the topic since an answer was read, for `patch`.
   */
  private readonly changeLog = new Map<string, { changes: LoggedChange[]; forgotten: number }>();
  readonly stats: CacheStats = { hits: 0, misses: 0, patched: 0 };

  constructor(
    readonly ttlMs: number,
    max = 10_000,
    private readonly now: () => number = () => Date.now(),
  ) {
    // Expired entries are dropped on their own (a statement may hold thousands of rows).
    this.entries = new LRUCache({ max, ...(ttlMs > 0 ? { ttl: ttlMs, ttlAutopurge: true } : {}) });
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /**
   * The answer of `load` for this tenant and key: cached, or read once however many
   * requests ask at the same moment. Failures are not kept. `dependsOn` adds what only the
   * answer tells (the records it shows beside the one asked for); `patch` brings a stale
   * answer up to date from the records changed since, where it can (ReadOptions).
   */
  async read<T>(
    tenantId: number,
    key: readonly unknown[],
    deps: readonly Dependency[],
    load: () => Promise<T>,
    { dependsOn, patch }: ReadOptions<T> = {},
  ): Promise<{ value: T; at: number; hit: boolean }> {
    if (!this.enabled) return { value: await load(), at: this.now(), hit: false };
    const id = JSON.stringify([tenantId, ...key]);
    const cached = this.entries.get(id);
    if (cached && this.now() - cached.at < this.ttlMs && this.fresh(cached.tags, cached.seq)) {
      this.stats.hits++;
      return { value: cached.value as T, at: cached.at, hit: true };
    }
    this.stats.misses++;
    const asked = this.seq;
    const tags = tagsOf(tenantId, deps);
    let flight = this.inflight.get(id);
    // A read that began before a change to what this one knows it depends on cannot answer it.
    if (!flight || !this.fresh(tags, flight.seq)) {
      const stale = cached && this.now() - cached.at < this.ttlMs ? cached : undefined;
      const changed = stale && patch ? this.changedSince(stale) : null;
      const reader = stale && patch && changed ? this.patchOrLoad(stale, changed, patch, load) : this.timed(load);
      flight = this.fly(id, tenantId, deps, tags, reader, dependsOn);
    }
    let entry = await flight.entry;
    // Joined a read begun before some change, and its answer turned out to depend on one made
    // since: read again, together with whoever else is reading it again.
    if (flight.seq < asked && !this.fresh(entry.tags, flight.seq)) {
      const newer = this.inflight.get(id);
      const again =
        newer && newer.seq >= asked && this.fresh(tags, newer.seq)
          ? newer
          : this.fly(id, tenantId, deps, tags, this.timed(load), dependsOn);
      entry = await again.entry;
    }
    return { value: entry.value as T, at: entry.at, hit: false };
  }

  /**
   * The load of a stale entry that tries its patch first. A patched answer keeps the time of
   * the read it was patched from: its other parts are no newer, and the TTL still bounds
   * how long a change no webhook told of can be served.
   */
  private patchOrLoad<T>(stale: Entry, changed: ChangedRecords, patch: NonNullable<ReadOptions<T>['patch']>, load: () => Promise<T>) {
    const fullRead = this.timed(load);
    return async (): Promise<{ value: T; at: number }> => {
      // A patch that fails (Odoo timed out on its small read) is no answer: read in full, as without one.
      const patched = await patch(stale.value as T, changed).catch((err: unknown) => {
        log.warn({ err: err instanceof Error ? err.message : String(err) }, 'read cache: patch failed, reading in full');
        return null;
      });
      if (patched === null) return fullRead();
      this.stats.patched++;
      return { value: patched, at: stale.at };
    };
  }

  /** A full read, with the time it began. */
  private timed<T>(load: () => Promise<T>): () => Promise<{ value: T; at: number }> {
    return async () => {
      const at = this.now();
      return { value: await load(), at };
    };
  }

  /**
   * The records changed since this entry was read, by topic, or null when some change since
   * named no records (or is no longer on record): then only a full read can tell.
   */
  private changedSince(entry: Entry): ChangedRecords | null {
    if (entry.seq < this.swept) return null;
    const changed = new Map<Topic, Set<number>>();
    const add = (topic: Topic, ids: Iterable<number>) => {
      const set = changed.get(topic) ?? new Set<number>();
      for (const id of ids) set.add(id);
      changed.set(topic, set);
    };
    for (const tag of entry.tags) {
      if ((this.stamps.get(tag)?.seq ?? 0) <= entry.seq) continue;
      const topic = topicOfReadTag(tag);
      if (topic) {
        const history = this.changeLog.get(tag);
        if (!history || history.forgotten > entry.seq) return null;
        for (const change of history.changes) {
          if (change.seq <= entry.seq) continue;
          if (!change.ids) return null;
          add(topic, change.ids);
        }
        continue;
      }
      const record = parseRecordTag(tag);
      if (!record) return null; // a tag of no known kind: nothing to patch from
      add(record.topic, [record.id]);
    }
    return changed;
  }

  /** Notes in `shownIn` which records this tenant's answer showed. */
  private remember(tenantId: number, deps: readonly Dependency[]) {
    for (const d of deps) {
      if (typeof d === 'string') continue;
      const tag = recordTag(d.topic, d.id);
      const tenants = this.shownIn.get(tag) ?? new Set<string>();
      tenants.add(readTag(d.topic, tenantId));
      this.shownIn.set(tag, tenants);
    }
  }

  private fly<T>(
    id: string,
    tenantId: number,
    deps: readonly Dependency[],
    tags: string[],
    load: () => Promise<{ value: T; at: number }>,
    dependsOn?: (value: T) => readonly Dependency[],
  ): Flight {
    const seq = this.seq;
    const flight: Flight = {
      seq,
      entry: load().then(({ value, at }) => {
        const revealed = dependsOn ? dependsOn(value) : [];
        const entry: Entry = { value, tags: revealed.length ? [...tags, ...tagsOf(tenantId, revealed)] : tags, seq, at };
        this.remember(tenantId, [...deps, ...revealed]);
        // Kept even if a tag moved meanwhile (it is stale at once), unless a later read is already kept.
        // A patched answer expires with the read it came from, not a full TTL after the patch.
        const ttl = Math.max(1, at + this.ttlMs - this.now());
        if ((this.entries.get(id)?.seq ?? -1) <= seq) this.entries.set(id, entry, { ttl });
        return entry;
      }),
    };
    this.inflight.set(id, flight);
    void flight.entry
      .catch(() => {})
      .finally(() => {
        if (this.inflight.get(id) === flight) this.inflight.delete(id);
      });
    return flight;
  }

  /** How many tags have a change remembered (bounded by the changes of the last TTL). */
  get trackedTags(): number {
    return this.stamps.size;
  }

  private fresh(tags: readonly string[], seq: number): boolean {
    if (seq < this.swept) return false; // begun over a TTL ago: expired, or a read still in flight that may predate a change
    return tags.every((t) => (this.stamps.get(t)?.seq ?? 0) <= seq);
  }

  /** Ends every entry carrying one of these tags (in this process), and the lists of every tenant that showed a changed record. */
  invalidate(changed: readonly string[]) {
    const at = this.now();
    this.seq++;
    const tags = new Set(changed);
    for (const tag of changed) for (const shown of this.shownIn.get(tag) ?? []) tags.add(shown);
    const named = new Map(TOPICS.map((topic) => [topic, recordIdsIn(topic, changed)]));
    for (const tag of tags) {
      // Re-inserted so the map stays in the order of change, oldest first, for the sweep below.
      this.stamps.delete(tag);
      this.stamps.set(tag, { seq: this.seq, at });
      const topic = topicOfReadTag(tag);
      if (topic) this.logChange(tag, named.get(topic)!);
    }
    // A stamp older than the TTL can only end entries that have expired anyway.
    for (const [tag, stamp] of this.stamps) {
      if (at - stamp.at <= this.ttlMs) break;
      this.stamps.delete(tag);
      this.changeLog.delete(tag);
      this.swept = Math.max(this.swept, stamp.seq);
    }
  }

  /** Notes which records of its topic a change to this topic tag named (none: any may have changed). */
  private logChange(tag: string, ids: ReadonlySet<number>) {
    const history = this.changeLog.get(tag) ?? { changes: [], forgotten: 0 };
    history.changes.push({ seq: this.seq, ids: ids.size ? ids : null });
    if (history.changes.length > CHANGE_LOG_LENGTH) history.forgotten = history.changes.shift()!.seq;
    this.changeLog.set(tag, history);
  }

  clear() {
    this.entries.clear();
    this.stamps.clear();
    this.changeLog.clear();
    this.shownIn.clear();
    this.swept = this.seq;
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
 * name and its arguments (plain JSON values), and tagged with what it reads from (see Dependency).
 */
export async function cachedRead<T>(
  ctx: Pick<PortalContext, 'tenant' | 'roles' | 'locale' | 'odoo'>,
  name: string,
  args: readonly unknown[],
  deps: readonly Dependency[],
  load: () => Promise<T>,
  options?: ReadOptions<T>,
): Promise<T> {
  const { value } = await tenantReadCache().read(ctx.tenant.id, [name, askerKey(ctx), ...args], deps, load, options);
  return value;
}
