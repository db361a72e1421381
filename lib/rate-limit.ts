import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { log } from './log';

/**
 * Request limits per signed-in user and per IP on sign-in. With REDIS_URL the counters
 * live in Redis, so every app instance shares one limit; otherwise in this process.
 * When Redis fails, RATE_LIMIT_FAIL_MODE decides: `open` lets the request through,
 * `closed` refuses it; either way the failure is logged.
 */
export type LimitOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number; reason: 'limit' | 'store-down' };

export interface Limiter {
  consume(key: string): Promise<LimitOutcome>;
}

export function createLimiter(opts: { name: string; points: number; durationSeconds: number; redis?: Redis; failMode: 'open' | 'closed' }): Limiter {
  const base = { keyPrefix: `portal-rl:${opts.name}`, points: opts.points, duration: opts.durationSeconds };
  const limiter: RateLimiterAbstract = opts.redis
    ? new RateLimiterRedis({ ...base, storeClient: opts.redis, rejectIfRedisNotReady: true })
    : new RateLimiterMemory(base);
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (err) {
        if (err instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)), reason: 'limit' };
        log.warn({ limiter: opts.name, failMode: opts.failMode, err: err instanceof Error ? err.message : String(err) }, 'rate limit store unavailable');
        return opts.failMode === 'open' ? { allowed: true } : { allowed: false, retryAfterSeconds: 5, reason: 'store-down' };
      }
    },
  };
}

export function redisFromUrl(url: string): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1000, lazyConnect: false });
  redis.on('error', (err) => log.warn({ err: err.message }, 'redis error'));
  return redis;
}
