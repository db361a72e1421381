import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../../lib/db/sql';
import { scratchDatabase } from '../helpers/postgres';

/**
 * Sql.exclusive: one holder of a key at a time, across instances sharing the store. Two
 * PostgreSQL pools on one database stand for two portal instances.
 */
const database = scratchDatabase('portal_exclusive');
const stores: Sql[] = [];

beforeAll(async () => {
  await database.create();
  for (let i = 0; i < 2; i++) stores.push(await openSql({ databaseUrl: database.url }));
  stores.push(await openSql({ pgliteDir: 'memory://' }));
}, 60_000);
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await database.drop();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs holders of the given keys at once; returns each one's [start, end] (ms, in order of start). */
async function overlapping(runs: { store: Sql; key: string }[]) {
  const spans: { key: string; start: number; end: number }[] = [];
  await Promise.all(
    runs.map(({ store, key }) =>
      store.exclusive(key, async () => {
        const start = performance.now();
        await pause(40);
        spans.push({ key, start, end: performance.now() });
      }),
    ),
  );
  spans.sort((a, b) => a.start - b.start);
  return spans;
}

describe('one holder of a key at a time', () => {
  it('across instances on one PostgreSQL: waits while another connection holds the key', async () => {
    // Another instance's holder, as its own connection (within one process the key is also held in memory).
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      const key = 'invite 7 x@example.com';
      await other.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
      let ran = false;
      const waiting = stores[0]!.exclusive(key, async () => (ran = true));
      await pause(300);
      expect(ran).toBe(false);
      await other.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
      await waiting;
      expect(ran).toBe(true);
    } finally {
      await other.end();
    }
  });

  it('one holder at a time, whichever instance asks', async () => {
    const [a, b] = stores as [Sql, Sql];
    const spans = await overlapping([
      { store: a, key: 'invite 7 x@example.com' },
      { store: b, key: 'invite 7 x@example.com' },
      { store: a, key: 'invite 7 x@example.com' },
      { store: b, key: 'invite 7 x@example.com' },
    ]);
    expect(spans).toHaveLength(4);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
  });

  it('lets holders of other keys run at the same time', async () => {
    const [a, b] = stores as [Sql, Sql];
    const spans = await overlapping([
      { store: a, key: 'invite 7 x@example.com' },
      { store: b, key: 'invite 8 x@example.com' },
    ]);
    expect(spans[1]!.start).toBeLessThan(spans[0]!.end);
  });

  it('lets the key go when the holder fails', async () => {
    const [a, b] = stores as [Sql, Sql];
    await expect(
      a.exclusive('invite 9 y@example.com', async () => {
        throw new Error('Odoo refused');
      }),
    ).rejects.toThrow('Odoo refused');
    const got = await Promise.race([b.exclusive('invite 9 y@example.com', async () => 'taken'), pause(5_000).then(() => 'still held')]);
    expect(got).toBe('taken');
  });

  it('within one process on PGlite', async () => {
    const pglite = stores[2]!;
    const spans = await overlapping([
      { store: pglite, key: 'k' },
      { store: pglite, key: 'k' },
    ]);
    expect(spans[1]!.start).toBeGreaterThanOrEqual(spans[0]!.end);
  });
});
