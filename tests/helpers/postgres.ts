import pg from 'pg';

/** The machine's PostgreSQL (trust auth), as the integration tests reach it. */
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function asAdmin(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A database of one test file's own (`<prefix>_<pid>_<time>`): its URL, made in beforeAll and dropped in afterAll. */
export function scratchDatabase(prefix: string) {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  return {
    url: ADMIN_URL.replace(/\/[^/]*$/, `/${name}`),
    create: () => asAdmin(`CREATE DATABASE ${name}`),
    drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
