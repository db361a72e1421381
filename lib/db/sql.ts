import 'server-only';
import { mkdirSync } from 'node:fs';
import { log } from '../log';
import { dropProcessSingleton, existingProcessSingleton, processSingleton } from '../process-singleton';
import { oneAtATime } from '../one-at-a-time';
import { migrate } from './migrations';

/**
 * The portal's own store (audit trail, support sessions, order submissions): PostgreSQL
 * when DATABASE_URL is set, otherwise PGlite (embedded Postgres) in AUDIT_PGLITE_DIR, so the
 * demo needs nothing installed. Both speak the same SQL; callers see one interface.
 */
export type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export interface Sql {
  query: Query;
  /** Runs `fn` on one connection inside BEGIN/COMMIT (ROLLBACK when it throws). */
  transaction<T>(fn: (query: Query) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` while no other holder of `key` runs, on any instance sharing this store: a
   * check followed by a create (is this email already a colleague?) then holds for requests
   * sent at the same moment to two instances. PostgreSQL: a session advisory lock, on a
   * connection of its own for as long as `fn` runs (keep `fn` short). PGlite belongs to one
   * process: the lock is this process's.
   */
  exclusive<T>(key: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openSql(opts: { databaseUrl?: string; pgliteDir?: string }): Promise<Sql> {
  if (opts.databaseUrl) {
    const { Pool } = await import('pg');
    const pool = new Pool({ connectionString: opts.databaseUrl, max: 5 });
    pool.on('error', (err) => log.error({ err: err.message }, 'postgres pool error'));
    return {
      query: async <T>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as T[],
      async transaction(fn) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await fn(async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[]);
          await client.query('COMMIT');
          return result;
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        } finally {
          client.release();
        }
      },
      // Within the process first, so that waiters queue here rather than each holding a connection.
      exclusive: (key, fn) =>
        oneAtATime(key, async () => {
          const client = await pool.connect();
          let unlocked = false;
          try {
            await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
            try {
              return await fn();
            } finally {
              await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
              unlocked = true;
            }
          } finally {
            // A connection that may still hold the lock is closed, not pooled: closing lets the lock go.
            client.release(!unlocked);
          }
        }),
      close: () => pool.end(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const dir = opts.pgliteDir;
  if (dir && dir !== 'memory://') mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir ?? 'memory://');
  return {
    query: async <T>(text: string, params?: unknown[]) => (await db.query<T>(text, params)).rows,
    transaction: (fn) => db.transaction((tx) => fn(async <T>(text: string, params?: unknown[]) => (await tx.query<T>(text, params)).rows)),
    exclusive: (key, fn) => oneAtATime(key, fn),
    close: () => db.close(),
  };
}

const STORE = 'portal-db';

/**
 * The process-wide store, opened and migrated on first use. Kept per process, not per
 * module copy: pages, actions and route handlers are separate bundles, and with PGlite
 * each copy of a module-level store was its own database (a support session stopped in
 * an action still open for route handlers).
 */
export function portalDb(): Promise<Sql> {
  return processSingleton(STORE, () =>
    (async () => {
      const sql = await openSql({ databaseUrl: process.env.DATABASE_URL, pgliteDir: process.env.AUDIT_PGLITE_DIR ?? '.data/audit' });
      await migrate(sql);
      return sql;
    })().catch((err) => {
      dropProcessSingleton(STORE); // try again on the next request rather than failing forever
      throw err;
    }),
  );
}

/** Closes the process's store; the next portalDb() opens it again (tests switching databases, shutdown). */
export async function closePortalDb(): Promise<void> {
  const open = existingProcessSingleton<Promise<Sql>>(STORE);
  dropProcessSingleton(STORE);
  const sql = await open?.catch(() => null);
  await sql?.close();
}
