/**
 * What a migration run needs of the store (./sql's Sql has it): named here so that sql.ts,
 * which migrates the store it opens, and this module do not import each other.
 */
interface MigratableStore {
  transaction<T>(fn: (query: <R = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<R[]>) => Promise<T>): Promise<T>;
}

/**
 * Schema changes in order. Never edit a shipped step; add a new one. Applied by
 * `npm run db:migrate` and, idempotently, when the portal first opens the store.
 */
const STEPS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE audit_events (
        id BIGSERIAL PRIMARY KEY,
        at TIMESTAMPTZ NOT NULL DEFAULT now(),
        actor_sub TEXT NOT NULL,
        actor_name TEXT NOT NULL,
        actor_email TEXT,
        acting_for_contact_id INTEGER,
        acting_for_contact_name TEXT,
        tenant_id INTEGER,
        support_session_id TEXT,
        action TEXT NOT NULL,
        target_model TEXT,
        target_id INTEGER,
        outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
        detail JSONB,
        ip TEXT,
        request_id TEXT
      );
      CREATE INDEX audit_events_tenant_at ON audit_events (tenant_id, at DESC);
      CREATE INDEX audit_events_session ON audit_events (support_session_id);
      CREATE TABLE support_sessions (
        id TEXT PRIMARY KEY,
        staff_sub TEXT NOT NULL,
        staff_name TEXT NOT NULL,
        staff_email TEXT,
        tenant_id INTEGER NOT NULL,
        tenant_name TEXT NOT NULL,
        contact_id INTEGER NOT NULL,
        contact_name TEXT NOT NULL,
        reason TEXT NOT NULL,
        can_write BOOLEAN NOT NULL DEFAULT false,
        started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        expires_at TIMESTAMPTZ NOT NULL,
        ended_at TIMESTAMPTZ,
        end_reason TEXT
      );
      CREATE INDEX support_sessions_tenant ON support_sessions (tenant_id, started_at DESC);
      CREATE TABLE order_submissions (
        key TEXT PRIMARY KEY,
        tenant_id INTEGER NOT NULL,
        order_id INTEGER,
        order_name TEXT,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
    `,
  },
  {
    // Sign-outs: a signed-out session's id is refused until every cookie carrying it has expired.
    version: 2,
    sql: `
      CREATE TABLE revoked_sign_ins (
        sid TEXT PRIMARY KEY,
        sub TEXT NOT NULL,
        revoked_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        expires_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX revoked_sign_ins_expires ON revoked_sign_ins (expires_at);
    `,
  },
  {
    // order_submissions.order_name was never written: the order's id is what a retry needs.
    version: 3,
    sql: `ALTER TABLE order_submissions DROP COLUMN IF EXISTS order_name`,
  },
  {
    // The customer's name as it was, so the staff trail reads "Brightline Supplies (#10)", not an id.
    version: 4,
    sql: `ALTER TABLE audit_events ADD COLUMN IF NOT EXISTS tenant_name TEXT`,
  },
];

/** Serialises concurrent migrators (two instances starting together) on PostgreSQL. */
const MIGRATION_LOCK = 746_201;

/**
 * How long a schema change waits for a table's lock. ALTER TABLE takes an exclusive lock and
 * queues every later query of that table behind it: a change waiting behind a long read (the
 * access log's) would hold up every audit write meanwhile. So it gives up, and tries again.
 */
const LOCK_TIMEOUT = '5s';
const ATTEMPTS = 4;

export async function migrate(sql: MigratableStore): Promise<number[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateOnce(sql);
    } catch (err) {
      // 55P03 lock_not_available: the lock timeout passed; the step rolled back whole.
      if ((err as { code?: string }).code !== '55P03' || attempt >= ATTEMPTS) throw err;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

async function migrateOnce(sql: MigratableStore): Promise<number[]> {
  return sql.transaction(async (query) => {
    await query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    await query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const done = new Set((await query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const step of STEPS) {
      if (done.has(step.version)) continue;
      for (const statement of step.sql
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean))
        await query(statement);
      await query('INSERT INTO schema_migrations (version) VALUES ($1)', [step.version]);
      applied.push(step.version);
    }
    return applied;
  });
}
