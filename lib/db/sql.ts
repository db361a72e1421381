import 'server-only';
import { mkdirSync } from 'node:fs';
import { log } from '../log';
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
    close: () => db.close(),
  };
}

let shared: Promise<Sql> | undefined;

/** The process-wide store, opened and migrated on first use. */
export function portalDb(): Promise<Sql> {
  shared ??= (async () => {
    const sql = await openSql({ databaseUrl: process.env.DATABASE_URL, pgliteDir: process.env.AUDIT_PGLITE_DIR ?? '.data/audit' });
    await migrate(sql);
    return sql;
  })().catch((err) => {
    shared = undefined; // try again on the next request rather than failing forever
    throw err;
  });
  return shared;
}
