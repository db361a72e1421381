import 'server-only';
import { headers } from 'next/headers';
import { portalDb } from '../db/sql';
import type { ErrorCode } from '../errors';
import { log } from '../log';
import type { PortalContext, StaffContext } from '../context';

/**
 * What became of an attempt, the same everywhere: `success`; `denied` when the portal
 * refused it (not signed in, a role or a read-only support session that does not allow
 * it, a record that does not exist or is another customer's: those two look alike on
 * purpose); `failure` for anything else (bad input, the ERP down, a fault of ours).
 */
export type AuditOutcome = 'success' | 'failure' | 'denied';

const DENIED: readonly ErrorCode[] = ['unauthenticated', 'forbidden', 'not_found'];

export function outcomeOfError(code: ErrorCode | undefined): AuditOutcome {
  if (!code) return 'success';
  return DENIED.includes(code) ? 'denied' : 'failure';
}

export function outcomeOfStatus(status: number): AuditOutcome {
  if (status < 400) return 'success';
  return status === 401 || status === 403 || status === 404 ? 'denied' : 'failure';
}

export interface AuditEventInput {
  action: string;
  /** `name` (an order's number, an address's name) is kept with the event, so the trail reads in words. */
  target?: { model: string; id: number; name?: string | null } | null;
  outcome: AuditOutcome;
  detail?: Record<string, unknown>;
}

export interface AuditEvent {
  id: number;
  at: string;
  actor: { sub: string; name: string; email: string | null };
  actingFor: { id: number; name: string } | null;
  tenantId: number | null;
  /** The customer's name when the event was written (null on events from before it was kept). */
  tenantName: string | null;
  supportSessionId: string | null;
  action: string;
  target: { model: string; id: number; name: string | null } | null;
  outcome: AuditOutcome;
  detail: Record<string, unknown> | null;
  ip: string | null;
  requestId: string | null;
}

type Actor = Pick<PortalContext, 'requestId' | 'ip' | 'user'> & Partial<Pick<PortalContext, 'tenant' | 'contact' | 'actingAs'>>;

/**
 * Writes one audit event: who really did it (the staff member while acting), for which
 * contact and tenant, what, on which record, with which outcome, from where. A failure to
 * write is logged and rethrown: a mutation whose trail cannot be kept is not acknowledged.
 */
export async function recordAudit(actor: Actor | StaffContext, event: AuditEventInput): Promise<void> {
  const a = actor as Actor;
  const request = await thisRequest();
  try {
    const db = await portalDb();
    const view = request?.view;
    if (view && view.for === forWhom(a)) {
      // This request's support.request row becomes the event: one row per request, keeping its path.
      await db.query('UPDATE audit_events SET action = $2, target_model = $3, target_id = $4, outcome = $5, detail = $6 WHERE id = $1', [
        view.id,
        event.action,
        event.target?.model ?? null,
        event.target?.id ?? null,
        event.outcome,
        JSON.stringify({ ...detailOf(event), path: view.path }),
      ]);
      delete request.view;
      request.recorded = true;
      return;
    }
    await insert(db, a, event);
    if (request) request.recorded = true;
  } catch (err) {
    log.error({ requestId: a.requestId, err: (err as Error).message, action: event.action }, 'audit write failed');
    throw err;
  }
}

/** The event's detail, with the target's name kept as `targetName` (the table has no column for it). */
function detailOf(event: AuditEventInput): Record<string, unknown> | undefined {
  return event.target?.name ? { ...event.detail, targetName: event.target.name } : event.detail;
}

async function insert(db: Awaited<ReturnType<typeof portalDb>>, a: Actor, event: AuditEventInput): Promise<number> {
  const [row] = await db.query<{ id: string | number }>(
    `INSERT INTO audit_events (actor_sub, actor_name, actor_email, acting_for_contact_id, acting_for_contact_name, tenant_id,
      support_session_id, action, target_model, target_id, outcome, detail, ip, request_id, tenant_name)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING id`,
    [
      a.user.sub,
      a.user.name,
      a.user.email,
      a.contact?.id ?? null,
      a.contact?.name ?? null,
      a.tenant?.id ?? null,
      a.actingAs?.sessionId ?? null,
      event.action,
      event.target?.model ?? null,
      event.target?.id ?? null,
      event.outcome,
      detailOf(event) ? JSON.stringify(detailOf(event)) : null,
      a.ip,
      a.requestId,
      a.tenant?.name || null,
    ],
  );
  return Number(row!.id);
}

/**
 * The audit state of one HTTP request. A server action's request runs the session twice
 * (the action, then the page it re-renders), so the state hangs on the request's own
 * headers object, which both share, and not on the session context.
 */
interface RequestAudit {
  /** The support.request row written for this request while acting, and for whom (it only becomes an event for the same). */
  view?: { id: number; for: string; path: string };
  /** An event already stands for this request: no support.request row on top. */
  recorded?: boolean;
}

const forWhom = (a: Actor) => `${a.user.sub} ${a.actingAs?.sessionId} ${a.tenant?.id} ${a.contact?.id}`;

const REQUESTS_KEY = Symbol.for('portal.audit.requests');
const requests: WeakMap<object, RequestAudit> = ((globalThis as Record<symbol, unknown>)[REQUESTS_KEY] ??= new WeakMap()) as WeakMap<
  object,
  RequestAudit
>;

async function thisRequest(): Promise<RequestAudit | null> {
  let key: object;
  try {
    key = await headers();
  } catch {
    return null; // outside a request (scripts, tests): each call stands alone
  }
  let state = requests.get(key);
  if (!state) requests.set(key, (state = {}));
  return state;
}

/**
 * A request made while acting for a customer: written before anything is shown (no trail,
 * no data), once per request, as `success` until the request says otherwise
 * (settleRequest) or a mutation's own event takes its place (recordAudit).
 */
export async function recordActingRequest(ctx: PortalContext, path: string | null): Promise<void> {
  const request = await thisRequest();
  if (request && (request.view || request.recorded)) return;
  try {
    const detail = { path: path ?? 'unknown' };
    const id = await insert(await portalDb(), ctx, { action: 'support.request', outcome: 'success', detail });
    if (request) request.view = { id, for: forWhom(ctx), path: detail.path };
  } catch (err) {
    log.error({ requestId: ctx.requestId, err: (err as Error).message, action: 'support.request' }, 'audit write failed');
    throw err;
  }
}

/**
 * The outcome of this request, once known (a route handler's status, a not-found page, a
 * read-only action's result): a support.request row of it that is not a success says so.
 */
export async function settleRequest(outcome: AuditOutcome): Promise<void> {
  if (outcome === 'success') return;
  const view = (await thisRequest())?.view;
  if (!view) return;
  const db = await portalDb();
  await db.query('UPDATE audit_events SET outcome = $2 WHERE id = $1', [view.id, outcome]);
}

export interface AuditFilter {
  tenantId?: number;
  supportSessionId?: string;
  actorSub?: string;
  action?: string;
  /** Days (YYYY-MM-DD, UTC, the portal's time zone for dates), both included. */
  from?: string;
  to?: string;
  limit?: number;
  before?: number;
  offset?: number;
}

/** The WHERE clause of a filter, with exact values only (never a pattern from user input). */
function whereOf(filter: AuditFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.tenantId !== undefined) add('tenant_id = ?', filter.tenantId);
  if (filter.supportSessionId !== undefined) add('support_session_id = ?', filter.supportSessionId);
  if (filter.actorSub !== undefined) add('actor_sub = ?', filter.actorSub);
  if (filter.action !== undefined) add('action = ?', filter.action);
  if (filter.from !== undefined) add("at >= (?::date)::timestamp AT TIME ZONE 'UTC'", filter.from);
  if (filter.to !== undefined) add("at < ((?::date) + 1)::timestamp AT TIME ZONE 'UTC'", filter.to);
  if (filter.before !== undefined) add('id < ?', filter.before);
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** Newest first; `before` (an event id) or `offset` pages back. */
export async function listAuditEvents(filter: AuditFilter): Promise<AuditEvent[]> {
  const { sql, params } = whereOf(filter);
  params.push(Math.min(filter.limit ?? 100, 500), filter.offset ?? 0);
  const db = await portalDb();
  const rows = await db.query<Record<string, unknown>>(
    `SELECT * FROM audit_events ${sql} ORDER BY id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return rows.map(auditEventFromRow);
}

export async function countAuditEvents(filter: AuditFilter): Promise<number> {
  const { sql, params } = whereOf(filter);
  const db = await portalDb();
  const [row] = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM audit_events ${sql}`, params);
  return Number(row?.n ?? 0);
}

/** The people in the trail (a staff filter's choices), by their latest name. */
export async function listAuditActors(
  filter: Pick<AuditFilter, 'actorSub'> = {},
): Promise<{ sub: string; name: string; email: string | null }[]> {
  const { sql, params } = whereOf(filter);
  const db = await portalDb();
  const rows = await db.query<Record<string, unknown>>(
    `SELECT DISTINCT ON (actor_sub) actor_sub, actor_name, actor_email FROM audit_events ${sql} ORDER BY actor_sub, id DESC LIMIT 500`,
    params,
  );
  return rows
    .map((r) => ({ sub: String(r.actor_sub), name: String(r.actor_name), email: (r.actor_email as string | null) ?? null }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** One audit_events row as an event (the access log reads rows of its own query through it too). */
export function auditEventFromRow(r: Record<string, unknown>): AuditEvent {
  const detail =
    typeof r.detail === 'string'
      ? (JSON.parse(r.detail) as Record<string, unknown>)
      : ((r.detail as Record<string, unknown> | null) ?? null);
  return {
    id: Number(r.id),
    at: new Date(r.at as string).toISOString(),
    actor: { sub: String(r.actor_sub), name: String(r.actor_name), email: (r.actor_email as string | null) ?? null },
    actingFor:
      r.acting_for_contact_id == null
        ? null
        : { id: Number(r.acting_for_contact_id), name: typeof r.acting_for_contact_name === 'string' ? r.acting_for_contact_name : '' },
    tenantId: r.tenant_id == null ? null : Number(r.tenant_id),
    tenantName: typeof r.tenant_name === 'string' && r.tenant_name ? r.tenant_name : null,
    supportSessionId: (r.support_session_id as string | null) ?? null,
    action: String(r.action),
    target:
      typeof r.target_model === 'string' && r.target_model
        ? { model: r.target_model, id: Number(r.target_id), name: typeof detail?.targetName === 'string' ? detail.targetName : null }
        : null,
    outcome: r.outcome as AuditOutcome,
    detail,
    ip: (r.ip as string | null) ?? null,
    requestId: (r.request_id as string | null) ?? null,
  };
}
