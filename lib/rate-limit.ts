import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { log } from './log';

/**
 * Counters with a limit per key and time window: requests per signed-in user, sign-in
 * requests per IP, failed sign-ins per IP and per account (lib/limits.ts holds the
 * portal's). With REDIS_URL the counters live in Redis, so every app instance shares one
 * limit; otherwise in this process.
 * When Redis fails, RATE_LIMIT_FAIL_MODE decides: `open` lets the request through,
 * `closed` refuses it; either way the failure is logged.
 */
export type LimitOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number; reason: 'limit' | 'store-down' };

export interface Limiter {
  /** Counts one against `key`: refused once the key has used all its points in the window. */
  consume(key: string): Promise<LimitOutcome>;
  /** Refused if `key` has already used all its points in the window; counts nothing. */
  check(key: string): Promise<LimitOutcome>;
  /** Forgets `key`'s count (e.g. a successful sign-in ends a run of failures). */
  reset(key: string): Promise<void>;
}

export function createLimiter(opts: {
  name: string;
  points: number;
  durationSeconds: number;
  redis?: Redis;
  failMode: 'open' | 'closed';
}): Limiter {
  const base = { keyPrefix: `portal-rl:${opts.name}`, points: opts.points, duration: opts.durationSeconds };
  const limiter: RateLimiterAbstract = opts.redis
    ? new RateLimiterRedis({ ...base, storeClient: opts.redis, rejectIfRedisNotReady: true })
    : new RateLimiterMemory(base);
  const refused = (res: RateLimiterRes): LimitOutcome => ({
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
    reason: 'limit',
  });
  const storeDown = (err: unknown): LimitOutcome => {
    log.warn(
      { limiter: opts.name, failMode: opts.failMode, err: err instanceof Error ? err.message : String(err) },
      'rate limit store unavailable',
    );
    return opts.failMode === 'open' ? { allowed: true } : { allowed: false, retryAfterSeconds: 5, reason: 'store-down' };
  };
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (err) {
        return err instanceof RateLimiterRes ? refused(err) : storeDown(err);
      }
    },
    async check(key) {
      try {
        const res = await limiter.get(key);
        return res && res.consumedPoints >= opts.points ? refused(res) : { allowed: true };
      } catch (err) {
        return storeDown(err);
      }
    },
    async reset(key) {
      try {
        await limiter.delete(key);
      } catch (err) {
        storeDown(err);
      }
    },
  };
}

export function redisFromUrl(url: string): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1000, lazyConnect: false });
  redis.on('error', (err) => log.warn({ err: err.message }, 'redis error'));
  return redis;
}
