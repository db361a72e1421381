import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { openSql, type Sql } from '../../lib/db/sql';
import { migrate } from '../../lib/db/migrations';
import { SignInRevocations } from '../../lib/session/revocation';
import { scratchDatabase } from '../helpers/postgres';

/**
 * Sign-out revokes the sign-in's id in the portal store. Two instances sharing one store
 * (PostgreSQL, as with DATABASE_URL; PGlite shared in one process) and a clock the test
 * moves: the instance that signed out refuses at once, another within its recheck time.
 */
const database = scratchDatabase('portal_revocation');
const stores: Sql[] = [];

beforeAll(async () => {
  await database.create();
});

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await database.drop();
});

async function open(opts: { databaseUrl?: string; pgliteDir?: string }) {
  const sql = await openSql(opts);
  await migrate(sql);
  stores.push(sql);
  return sql;
}

describe.each([
  ['PostgreSQL', () => open({ databaseUrl: database.url })],
  ['PGlite', () => open({ pgliteDir: 'memory://' })],
])('sign-in revocation on %s', (_name, openStore) => {
  let store: Sql;
  let clock: number;
  const instance = (recheckSeconds = 5) =>
    new SignInRevocations(async () => store, { recheckSeconds, maxAgeSeconds: 8 * 3600, now: () => clock });

  beforeAll(async () => {
    store = await openStore();
    clock = Date.parse('2026-11-23T12:00:00Z');
  });

  it('refuses a signed-out id at once on the instance that signed out, and on another once its recheck time has passed', async () => {
    const sid = randomUUID();
    const here = instance();
    const there = instance();
    expect(await here.isRevoked(sid)).toBe(false);
    expect(await there.isRevoked(sid)).toBe(false);
    await here.revoke(sid, 'idp|bob');
    expect(await here.isRevoked(sid)).toBe(true);
    // The other instance trusts its answer for at most five seconds.
    clock += 4_999;
    expect(await there.isRevoked(sid)).toBe(false);
    clock += 2;
    expect(await there.isRevoked(sid)).toBe(true);
    // A new instance (a restart) reads it from the store.
    expect(await instance().isRevoked(sid)).toBe(true);
    // Other sign-ins of the same person are not affected.
    expect(await here.isRevoked(randomUUID())).toBe(false);
  });

  it('with no recheck time, asks the store on every request', async () => {
    const sid = randomUUID();
    const there = instance(0);
    expect(await there.isRevoked(sid)).toBe(false);
    await instance(0).revoke(sid, 'idp|mia');
    expect(await there.isRevoked(sid)).toBe(true);
  });

  it('keeps a revoked id past the longest a copied cookie can live, then forgets it', async () => {
    const sid = randomUUID();
    const list = instance();
    await list.revoke(sid, 'idp|fiona');
    clock += 8 * 3600 * 1000; // a whole session lifetime later: still refused
    expect(await instance().isRevoked(sid)).toBe(true);
    clock += 3600 * 1000;
    await list.revoke(randomUUID(), 'idp|other'); // a later sign-out clears what has run out
    expect(await store.query('SELECT sid FROM revoked_sign_ins WHERE sid = $1', [sid])).toEqual([]);
  });
});
