/**
 * The audit trail in words, for the staff audit log and the customer's access log alike:
 * what was done, to which record, with which outcome. The stored codes (`order.place`,
 * `sale.order 1203`) stay in the database for queries; people read these.
 */
export const AUDIT_ACTIONS: Record<string, string> = {
  'support.request': 'Opened a page',
  'support.open-customer': 'Looked up a customer',
  'support.start': 'Started acting for a contact',
  'support.set-write': 'Changed what the session allows',
  'support.stop': 'Stopped the session',
  'support.end': 'Session ended',
  'order.place': 'Placed an order',
  'address.create': 'Added an address',
  'address.update': 'Edited an address',
  'address.archive': 'Archived an address',
  'contact.update-own': 'Edited contact details',
  'contact.language': 'Changed language',
  'contact.invite': 'Invited a contact',
  'contact.set-roles': 'Changed roles',
  'contact.deactivate': 'Deactivated a contact',
  'contact.reactivate': 'Reactivated a contact',
};

const END_REASONS: Record<string, string> = {
  stopped: 'stopped',
  expired: 'time limit reached',
  'signed-out': 'signed out',
  reassigned: 'no longer the account manager',
};

/** Why a support session ended, in words, for staff or for the customer. */
export function sessionEndLabel(reason: string | null, reader: 'staff' | 'customer' = 'staff'): string {
  if (reason === 'reassigned' && reader === 'customer') return 'no longer your account manager';
  return reason ? (END_REASONS[reason] ?? reason) : 'ended';
}

export const AUDIT_OUTCOMES = { success: 'Done', denied: 'Refused', failure: 'Failed' } as const;

/** What was done, in words, for staff or for the customer it was done for; an unknown code is shown as it is rather than hidden. */
export function auditActionLabel(
  e: { action: string; detail: Record<string, unknown> | null },
  reader: 'staff' | 'customer' = 'staff',
): string {
  if (e.action === 'support.set-write')
    return e.detail?.canWrite ? `Allowed changes on ${reader === 'customer' ? 'your' : 'the customer’s'} behalf` : 'Went back to read-only';
  if (e.action === 'support.end' && typeof e.detail?.reason === 'string')
    return `Session ended: ${sessionEndLabel(e.detail.reason, reader)}`;
  return AUDIT_ACTIONS[e.action] ?? e.action;
}

const RECORDS: Record<string, { noun: string; path?: string }> = {
  'sale.order': { noun: 'order', path: '/orders' },
  'stock.picking': { noun: 'delivery', path: '/deliveries' },
  'account.move': { noun: 'invoice', path: '/invoices' },
  'res.partner': { noun: 'contact' },
};

export interface AuditTarget {
  model: string;
  id: number;
  /** The record's own name when the event kept it (an order's number, an address's name). */
  name?: string | null;
}

/** "order S01203", "contact Nina Example", "delivery #12"; the model's own name for anything else. */
export function auditTargetLabel(target: AuditTarget, action = ''): string {
  const noun = action.startsWith('address.')
    ? 'address'
    : action === 'support.open-customer'
      ? 'customer'
      : (RECORDS[target.model]?.noun ?? target.model);
  return target.name ? `${noun} ${target.name}` : `${noun} #${target.id}`;
}

/** The customer's page of the record, where the portal has one (orders, deliveries, invoices). */
export function auditTargetHref(target: AuditTarget): string | null {
  const path = RECORDS[target.model]?.path;
  return path ? `${path}/${target.id}` : null;
}
