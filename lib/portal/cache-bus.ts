import 'server-only';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { portalConfig } from '../config';
import { log } from '../log';
import { identityResolver } from '../session/identity';
import { changeTags, recordIdsIn, tenantReadCache, type TenantReadCache, type Topic } from './read-cache';

/**
 * Carries cache invalidations to every portal instance: through Redis pub/sub when
 * REDIS_URL is set, within this process otherwise. The instance that publishes ends its
 * own entries at once (its next read is fresh whatever Redis does); the others end theirs
 * when the message arrives. A message lost while Redis is down is covered by the cache's TTL.
 * The contacts a change names also lose their sign-in mapping (lib/session/identity.ts), so a
 * contact moved to another company or archived in Odoo loses the old company's data at once.
 */
export interface CacheBus {
  /** Settles once this instance listens to the others (at once without Redis). */
  ready: Promise<void>;
  publish(tags: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

const CHANNEL = 'portal:read-cache:invalidate';
const message = z.object({ origin: z.string().max(100), tags: z.array(z.string().max(100)).max(5000) });

export function createCacheBus(cache: TenantReadCache, redisUrl?: string, channel = CHANNEL): CacheBus {
  const apply = (tags: readonly string[]) => {
    cache.invalidate(tags);
    identityResolver().forgetPartners(recordIdsIn('partners', tags));
  };
  if (!redisUrl) {
    return { ready: Promise.resolve(), publish: async (tags) => apply(tags), close: async () => {} };
  }
  const origin = randomUUID();
  const pub = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1000 });
  const sub = new Redis(redisUrl, { connectTimeout: 1000 });
  for (const [name, conn] of [
    ['publish', pub],
    ['subscribe', sub],
  ] as const) {
    conn.on('error', (err) => log.warn({ err: err.message, conn: name }, 'cache bus: redis error'));
  }
  // ioredis subscribes again by itself after a reconnect.
  const ready = sub.subscribe(channel).then(
    () => {},
    (err: Error) => log.warn({ err: err.message }, 'cache bus: subscribe failed'),
  );
  sub.on('message', (_channel: string, raw: string) => {
    let parsed;
    try {
      parsed = message.safeParse(JSON.parse(raw));
    } catch {
      return;
    }
    if (parsed.success && parsed.data.origin !== origin) apply(parsed.data.tags);
  });
  return {
    ready,
    async publish(tags) {
      apply(tags);
      try {
        await pub.publish(channel, JSON.stringify({ origin, tags }));
      } catch (err) {
        log.warn({ err: (err as Error).message, tags }, 'cache bus: publish failed; other instances catch up within the cache TTL');
      }
    },
    async close() {
      pub.disconnect();
      sub.disconnect();
    },
  };
}

const BUS = Symbol.for('portal.cacheBus');
type WithBus = typeof globalThis & { [BUS]?: CacheBus };

/** The process-wide bus over the process-wide cache. */
export function cacheBus(): CacheBus {
  const g = globalThis as WithBus;
  g[BUS] ??= createCacheBus(tenantReadCache(), portalConfig().REDIS_URL);
  return g[BUS];
}

/** Replaces the process-wide bus (tests). */
export function setCacheBus(bus: CacheBus) {
  (globalThis as WithBus)[BUS] = bus;
}

/**
 * Ends, on every instance, the cached reads a change to these records can alter: the
 * tenants' lists and counts of the topic, and the pages that show one of the records. On
 * Odoo's webhook, and after the portal's own writes (a new order: its id, and the topic of
 * its deliveries, whose ids are not known yet).
 */
export function invalidateRecords(topic: Topic, tenantIds: readonly number[], recordIds: readonly number[]): Promise<void> {
  return cacheBus().publish(changeTags(topic, tenantIds, recordIds));
}
