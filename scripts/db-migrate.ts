/**
 * `npm run db:migrate`: applies the portal store's migrations to DATABASE_URL (PostgreSQL)
 * or, without it, to the PGlite folder AUDIT_PGLITE_DIR (default .data/audit).
 */
import { migrate } from '../lib/db/migrations';
import { openSql } from '../lib/db/sql';

const sql = await openSql({ databaseUrl: process.env.DATABASE_URL, pgliteDir: process.env.AUDIT_PGLITE_DIR ?? '.data/audit' });
const applied = await migrate(sql);
await sql.close();
console.log(
  applied.length
    ? `Applied migrations ${applied.join(', ')} to ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}.`
    : 'The schema is up to date.',
);
