import 'server-only';
import { portalDb } from '../db/sql';
import { log } from '../log';
import type { PortalContext, StaffContext } from '../context';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEventInput {
  action: string;
  target?: { model: string; id: number } | null;
  outcome: AuditOutcome;
  detail?: Record<string, unknown>;
}

export interface AuditEvent {
  id: number;
  at: string;
  actor: { sub: string; name: string; email: string | null };
  actingFor: { id: number; name: string } | null;
  tenantId: number | null;
  supportSessionId: string | null;
  action: string;
  target: { model: string; id: number } | null;
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
  try {
    const db = await portalDb();
    await db.query(
      `INSERT INTO audit_events (actor_sub, actor_name, actor_email, acting_for_contact_id, acting_for_contact_name, tenant_id,
        support_session_id, action, target_model, target_id, outcome, detail, ip, request_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
      [a.user.sub, a.user.name, a.user.email, a.contact?.id ?? null, a.contact?.name ?? null, a.tenant?.id ?? null,
        a.actingAs?.sessionId ?? null, event.action, event.target?.model ?? null, event.target?.id ?? null, event.outcome,
        event.detail ? JSON.stringify(event.detail) : null, a.ip, a.requestId],
    );
  } catch (err) {
    log.error({ requestId: a.requestId, err: (err as Error).message, action: event.action }, 'audit write failed');
    throw err;
  }
}

export interface AuditFilter {
  tenantId?: number;
  supportSessionId?: string;
  actorSub?: string;
  limit?: number;
  before?: number;
}

/** Newest first; `before` (an event id) pages back. */
export async function listAuditEvents(filter: AuditFilter): Promise<AuditEvent[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.tenantId !== undefined) add('tenant_id = ?', filter.tenantId);
  if (filter.supportSessionId !== undefined) add('support_session_id = ?', filter.supportSessionId);
  if (filter.actorSub !== undefined) add('actor_sub = ?', filter.actorSub);
  if (filter.before !== undefined) add('id < ?', filter.before);
  params.push(Math.min(filter.limit ?? 100, 500));
  const db = await portalDb();
  const rows = await db.query<Record<string, unknown>>(
    `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map(toEvent);
}

function toEvent(r: Record<string, unknown>): AuditEvent {
  return {
    id: Number(r.id),
    at: new Date(r.at as string).toISOString(),
    actor: { sub: String(r.actor_sub), name: String(r.actor_name), email: (r.actor_email as string | null) ?? null },
    actingFor: r.acting_for_contact_id == null ? null : { id: Number(r.acting_for_contact_id), name: typeof r.acting_for_contact_name === 'string' ? r.acting_for_contact_name : '' },
    tenantId: r.tenant_id == null ? null : Number(r.tenant_id),
    supportSessionId: (r.support_session_id as string | null) ?? null,
    action: String(r.action),
    target: typeof r.target_model === 'string' && r.target_model ? { model: r.target_model, id: Number(r.target_id) } : null,
    outcome: r.outcome as AuditOutcome,
    detail: typeof r.detail === 'string' ? (JSON.parse(r.detail) as Record<string, unknown>) : (r.detail as Record<string, unknown> | null) ?? null,
    ip: (r.ip as string | null) ?? null,
    requestId: (r.request_id as string | null) ?? null,
  };
}
