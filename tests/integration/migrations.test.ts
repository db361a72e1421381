import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openSql, type Sql } from '../../lib/db/sql';
import { migrate } from '../../lib/db/migrations';
import { scratchDatabase } from '../helpers/postgres';

/**
 * A schema change never queues the audit table's writes behind it for long: waiting for a
 * table lock held by a long read, it gives up after its lock timeout, rolls back whole and
 * tries again once the read is done.
 */
const database = scratchDatabase('portal_migrations');
const dbUrl = database.url;
let store: Sql;

beforeAll(async () => {
  await database.create();
  store = await openSql({ databaseUrl: dbUrl });
});

afterAll(async () => {
  await store.close();
  await database.drop();
});

describe('schema migrations on PostgreSQL', () => {
  it('give up on a table lock held by a long read, and apply the step once it is free', { timeout: 30_000 }, async () => {
    await migrate(store);
    // Back to the store before step 4, as an older portal left it.
    await store.query('ALTER TABLE audit_events DROP COLUMN tenant_name');
    await store.query('DELETE FROM schema_migrations WHERE version = 4');

    const reader = new pg.Client({ connectionString: dbUrl });
    await reader.connect();
    await reader.query('BEGIN');
    await reader.query('SELECT count(*) FROM audit_events'); // holds its lock until the transaction ends
    let attempts = 0;
    const counted: Sql = { ...store, transaction: (fn) => (attempts++, store.transaction(fn)) };
    const started = Date.now();
    const migrating = migrate(counted);
    // The read ends after the first attempt's lock timeout (5 s).
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await reader.query('COMMIT');
    await reader.end();

    expect(await migrating).toEqual([4]);
    expect(attempts).toBeGreaterThan(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    const [column] = await store.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'audit_events' AND column_name = 'tenant_name'`,
    );
    expect(column).toEqual({ column_name: 'tenant_name' });
  });
});
