import 'server-only';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { LRUCache } from 'lru-cache';
import { portalDb } from '../db/sql';
import { processSingleton } from '../process-singleton';
import { notFound, portalError } from '../errors';
import { ACTING_ENDS, type ActingEnd, type startActingInput } from '../schemas/support';
import type { ActingAs, StaffContext } from '../context';
import { recordAudit } from './audit';
import { findCustomer, type CustomerIdentity, type Unlinked } from './identity';
import { getManagedCustomer } from './support-customers';

/**
 * Support sessions: staff acting for a customer's contact, kept in SQL (support_sessions)
 * with their reason, time limit and write switch.
 */

export interface SupportSession {
  id: string;
  staff: { sub: string; name: string; email: string | null };
  tenant: { id: number; name: string };
  contact: { id: number; name: string };
  reason: string;
  canWrite: boolean;
  startedAt: string;
  expiresAt: string;
  endedAt: string | null;
  endReason: string | null;
}

/**
 * Opens a support session: the staff member must manage the customer, the contact must
 * be one of its active, non-staff contacts. The reason, the time limit and whether
 * changes are allowed are stored; the customer's record in Odoo gets a chatter note.
 */
export async function startSupportSession(
  staff: StaffContext,
  input: z.infer<typeof startActingInput>,
  defaultMinutes: number,
): Promise<SupportSession> {
  const customer = await getManagedCustomer(staff, input.customerId);
  if (!customer) throw notFound('customerNotFound');
  const contact = customer.contacts.find((c) => c.id === input.contactId);
  if (!contact) throw portalError('bad_request', 'chooseActiveContact', { fields: { contactId: 'chooseActiveContact' } });
  const minutes = input.minutes ?? defaultMinutes;
  const id = randomUUID();
  const db = await portalDb();
  // One open session per staff member: a new one closes the previous.
  await db.query(`UPDATE support_sessions SET ended_at = now(), end_reason = 'replaced' WHERE staff_sub = $1 AND ended_at IS NULL`, [
    staff.user.sub,
  ]);
  const [row] = await db.query<Record<string, unknown>>(
    `INSERT INTO support_sessions (id, staff_sub, staff_name, staff_email, tenant_id, tenant_name, contact_id, contact_name, reason, can_write, expires_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10, now() + make_interval(mins => $11)) RETURNING *`,
    [
      id,
      staff.user.sub,
      staff.user.name,
      staff.user.email,
      customer.id,
      customer.name,
      contact.id,
      contact.name,
      input.reason,
      input.canWrite,
      minutes,
    ],
  );
  await staff.odoo.messagePost(
    'res.partner',
    customer.id,
    `Customer portal: ${staff.user.name} started a support session acting for ${contact.name} (${minutes} min, ${input.canWrite ? 'changes allowed' : 'read-only'}). Reason: ${input.reason}`,
  );
  return toSession(row!);
}

/**
 * The staff member's session with this id, in one read: open, or why it is not (ended, expired
 * (then closed here), or not theirs, which reads as ended).
 */
export async function supportSessionState(staffSub: string, sessionId: string): Promise<{ open: SupportSession } | { ended: ActingEnd }> {
  const key = `${staffSub} ${sessionId}`;
  const known = endedSessions().get(key);
  if (known) return { ended: known };
  const state = await storedSessionState(staffSub, sessionId);
  if ('ended' in state) endedSessions().set(key, state.ended);
  return state;
}

/**
 * Sessions known to have ended, by staff member and id. An ended session never opens again,
 * and a staff member's cookie keeps its id until they act again or sign out (a session that
 * ended at its time limit, in another tab or on reassignment): each of their requests would
 * otherwise read the store to learn the same thing.
 */
const endedSessions = () => processSingleton('support.ended-sessions', () => new LRUCache<string, ActingEnd>({ max: 10_000 }));

async function storedSessionState(staffSub: string, sessionId: string): Promise<{ open: SupportSession } | { ended: ActingEnd }> {
  const db = await portalDb();
  const [row] = await db.query<Record<string, unknown>>(
    'SELECT *, expires_at <= now() AS expired FROM support_sessions WHERE id = $1 AND staff_sub = $2',
    [sessionId, staffSub],
  );
  if (!row) return { ended: 'ended' };
  if (row.ended_at) return { ended: actingEndOf(row.end_reason) };
  if (row.expired) {
    await endSupportSession(staffSub, sessionId, 'expired');
    return { ended: 'expired' };
  }
  return { open: toSession(row) };
}

/** The staff member's open session with this id, or null when ended, expired (then closed) or not theirs. */
export async function activeSupportSession(staffSub: string, sessionId: string): Promise<SupportSession | null> {
  const state = await supportSessionState(staffSub, sessionId);
  return 'open' in state ? state.open : null;
}

/** A stored end reason as the staff member's support page words it; any other reads as ended. */
function actingEndOf(reason: unknown): ActingEnd {
  return ACTING_ENDS.find((end) => end === reason) ?? 'ended';
}

/**
 * Ends a session that cannot go on, and writes it to the trail (the customer's access log shows
 * it): its customer is no longer the staff member's (`reassigned`), or the contact acted for
 * was archived or moved to another company (`contact-gone`; reactivated, it stays ended).
 */
export async function endRefusedSupportSession(
  staff: StaffContext,
  session: SupportSession,
  reason: 'reassigned' | 'contact-gone',
  path: string | null,
): Promise<void> {
  if (!(await endSupportSession(staff.user.sub, session.id, reason))) return;
  await recordAudit(
    { ...staff, tenant: session.tenant, contact: session.contact, actingAs: actingAsOf(session) },
    {
      action: 'support.end',
      outcome: 'denied',
      detail: { reason, path: path ?? 'unknown' },
    },
  );
}

export type SupportSessionEnd = 'stopped' | 'expired' | 'signed-out' | 'reassigned' | 'contact-gone';

export async function endSupportSession(staffSub: string, sessionId: string, reason: SupportSessionEnd): Promise<boolean> {
  const db = await portalDb();
  const rows = await db.query(
    'UPDATE support_sessions SET ended_at = LEAST(now(), expires_at), end_reason = $3 WHERE id = $1 AND staff_sub = $2 AND ended_at IS NULL RETURNING id',
    [sessionId, staffSub, reason],
  );
  return rows.length > 0;
}

export async function setSessionWrite(staffSub: string, sessionId: string, canWrite: boolean): Promise<void> {
  const db = await portalDb();
  const rows = await db.query(
    'UPDATE support_sessions SET can_write = $3 WHERE id = $1 AND staff_sub = $2 AND ended_at IS NULL AND expires_at > now() RETURNING id',
    [sessionId, staffSub, canWrite],
  );
  if (!rows.length) throw portalError('conflict', 'sessionEnded');
}

/**
 * The PortalContext pieces for acting: the contact and tenant as Odoo has them (looked up
 * by `lookup`, the session's cached identity resolver, or directly).
 */
export async function actingIdentity(
  staff: StaffContext,
  session: SupportSession,
  lookup: (contactId: number) => Promise<CustomerIdentity | Unlinked> = (id) =>
    findCustomer(staff.odoo, { sub: `contact:${id}`, partnerId: id }, 'claim'),
) {
  const found = await lookup(session.contact.id);
  if (found.kind !== 'customer' || found.tenant.id !== session.tenant.id) return null;
  return {
    contact: { id: found.contact.id, name: found.contact.name },
    tenant: found.tenant,
    roles: found.odooRoles,
    actingAs: actingAsOf(session),
  };
}

function actingAsOf(session: SupportSession): ActingAs {
  return { sessionId: session.id, canWrite: session.canWrite, expiresAt: session.expiresAt, reason: session.reason };
}

export async function listSupportSessions(filter: { tenantId?: number; staffSub?: string; limit?: number }): Promise<SupportSession[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.tenantId !== undefined) {
    params.push(filter.tenantId);
    where.push(`tenant_id = $${params.length}`);
  }
  if (filter.staffSub !== undefined) {
    params.push(filter.staffSub);
    where.push(`staff_sub = $${params.length}`);
  }
  params.push(Math.min(filter.limit ?? 100, 500));
  const db = await portalDb();
  const rows = await db.query<Record<string, unknown>>(
    `SELECT * FROM support_sessions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map(toSession);
}

function toSession(r: Record<string, unknown>): SupportSession {
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  return {
    id: String(r.id),
    staff: { sub: String(r.staff_sub), name: String(r.staff_name), email: (r.staff_email as string | null) ?? null },
    tenant: { id: Number(r.tenant_id), name: String(r.tenant_name) },
    contact: { id: Number(r.contact_id), name: String(r.contact_name) },
    reason: String(r.reason),
    canWrite: r.can_write === true,
    startedAt: iso(r.started_at)!,
    expiresAt: iso(r.expires_at)!,
    endedAt: iso(r.ended_at),
    endReason: (r.end_reason as string | null) ?? null,
  };
}
