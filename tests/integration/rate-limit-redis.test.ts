import { Redis } from 'ioredis';
import { log } from '../../lib/log';
import { vi, afterAll, describe, expect, it } from 'vitest';
import { createLimiter } from '../../lib/rate-limit';
import { signInLimits } from '../../lib/sign-in-limits';

/** Against the real Redis on 127.0.0.1:6379 (REDIS_URL to use another). */
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const connections: Redis[] = [];
/** One connection per simulated app instance, ready before use (until then the limiter fails open). */
const connect = async () => {
  const r = new Redis(url, { maxRetriesPerRequest: 1 });
  connections.push(r);
  if (r.status !== 'ready') await new Promise((resolve) => r.once('ready', resolve));
  return r;
};
afterAll(async () => {
  await Promise.all(connections.map((r) => r.quit().catch(() => r.disconnect())));
});

describe('rate limits shared through Redis', () => {
  it('two app instances share one limit per user; another user is unaffected', async () => {
    const name = `test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const instanceA = createLimiter({ name, points: 5, durationSeconds: 60, redis: await connect(), failMode: 'open' });
    const instanceB = createLimiter({ name, points: 5, durationSeconds: 60, redis: await connect(), failMode: 'open' });
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await instanceA.consume('user-1'), await instanceB.consume('user-1'));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(5);
    expect(outcomes.at(-1)).toMatchObject({ allowed: false, reason: 'limit' });
    expect(await instanceB.consume('user-2')).toEqual({ allowed: true });
  });

  it('failed sign-ins counted on one instance shut the account and the IP on the other; a mapped sign-in clears the account', async () => {
    const name = `test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const instance = async () => {
      const redis = await connect();
      return signInLimits({
        signInRequests: createLimiter({ name: `${name}-req`, points: 300, durationSeconds: 60, redis, failMode: 'open' }),
        signInFailuresByIp: createLimiter({ name: `${name}-fip`, points: 4, durationSeconds: 900, redis, failMode: 'open' }),
        signInFailuresByAccount: createLimiter({ name: `${name}-facc`, points: 2, durationSeconds: 900, redis, failMode: 'open' }),
      });
    };
    const a = await instance();
    const b = await instance();
    await a.recordFailure({ ip: '198.51.100.1', account: 'nobody', reason: 'not linked' });
    await a.recordFailure({ ip: '198.51.100.2', account: 'nobody', reason: 'not linked' });
    expect(await b.accountMaySignIn('nobody')).toMatchObject({ allowed: false, reason: 'limit' });
    await b.recordFailure({ ip: '198.51.100.1', reason: 'InvalidCheck' });
    await b.recordFailure({ ip: '198.51.100.1', reason: 'InvalidCheck' });
    expect((await a.admitRequest('198.51.100.1')).allowed).toBe(true);
    await b.recordFailure({ ip: '198.51.100.1', reason: 'InvalidCheck' });
    expect(await a.admitRequest('198.51.100.1')).toMatchObject({ allowed: false, reason: 'limit' });
    expect((await a.admitRequest('198.51.100.2')).allowed).toBe(true);
    await a.clearAccountFailures('nobody');
    expect((await b.accountMaySignIn('nobody')).allowed).toBe(true);
  });

  it('fails open or closed as configured when Redis is down', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    connections.push(dead);
    const open = createLimiter({ name: 'down', points: 1, durationSeconds: 60, redis: dead, failMode: 'open' });
    const closed = createLimiter({ name: 'down', points: 1, durationSeconds: 60, redis: dead, failMode: 'closed' });
    const warn = vi.spyOn(log, 'warn');
    expect(await open.consume('u')).toEqual({ allowed: true });
    expect(await closed.consume('u')).toMatchObject({ allowed: false, reason: 'store-down' });
    // Both say so in the log, with the mode they applied.
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ limiter: 'down', failMode: 'open' }), 'rate limit store unavailable');
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ limiter: 'down', failMode: 'closed' }), 'rate limit store unavailable');
    warn.mockRestore();
  });
});
