/**
 * The audit trail in words, for the staff audit log and the customer's access log alike:
 * what was done, to which record, with which outcome. The stored codes (`order.place`,
 * `sale.order 1203`) stay in the database for queries; people read these. The words live in
 * the support catalogue (`support.auditWords`, en and de): each function takes the reader's
 * translator of that namespace, so this module stays free of any one language.
 */

/** The catalogue's word of each audit action (its keys are the codes the audit filter accepts). */
export const AUDIT_ACTIONS = {
  'support.request': 'supportRequest',
  'support.open-customer': 'supportOpenCustomer',
  'support.start': 'supportStart',
  'support.set-write': 'supportSetWrite',
  'support.stop': 'supportStop',
  'support.end': 'supportEnd',
  'order.place': 'orderPlace',
  'order.confirm': 'orderConfirm',
  'address.create': 'addressCreate',
  'address.update': 'addressUpdate',
  'address.archive': 'addressArchive',
  'contact.update-own': 'contactUpdateOwn',
  'contact.language': 'contactLanguage',
  'contact.invite': 'contactInvite',
  'contact.set-roles': 'contactSetRoles',
  'contact.deactivate': 'contactDeactivate',
  'contact.reactivate': 'contactReactivate',
} as const satisfies Record<string, string>;
type ActionWord = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS] | 'writeAllowed' | 'writeRevoked' | 'sessionEndedBecause';

const END_REASONS = {
  stopped: 'stopped',
  expired: 'expired',
  'signed-out': 'signedOut',
  reassigned: 'reassigned',
  'contact-gone': 'contactGone',
} as const satisfies Record<string, string>;
type EndWord = (typeof END_REASONS)[keyof typeof END_REASONS] | 'reassignedCustomer' | 'ended';

type Outcome = 'success' | 'denied' | 'failure';

const RECORDS: Record<string, { noun: TargetWord; path?: string }> = {
  'sale.order': { noun: 'order', path: '/orders' },
  'stock.picking': { noun: 'delivery', path: '/deliveries' },
  'account.move': { noun: 'invoice', path: '/invoices' },
  'res.partner': { noun: 'contact' },
};
type TargetWord = 'order' | 'delivery' | 'invoice' | 'contact' | 'address' | 'customer';

/** A message of `support.auditWords`. */
export type AuditWordKey = `actions.${ActionWord}` | `endReasons.${EndWord}` | `outcomes.${Outcome}` | `targets.${TargetWord | 'other'}`;

/** The reader's translator of `support.auditWords` (next-intl's, or any with the same keys). */
export type AuditTranslate = (key: AuditWordKey, values?: Record<string, string | number>) => string;

function isKnown<T extends object>(map: T, key: string): key is Extract<keyof T, string> {
  return Object.hasOwn(map, key);
}

/** Why a support session ended, in words, for staff or for the customer. */
export function sessionEndLabel(t: AuditTranslate, reason: string | null, reader: 'staff' | 'customer' = 'staff'): string {
  if (reason === 'reassigned' && reader === 'customer') return t('endReasons.reassignedCustomer');
  if (!reason) return t('endReasons.ended');
  return isKnown(END_REASONS, reason) ? t(`endReasons.${END_REASONS[reason]}`) : reason;
}

/** An event's outcome in a word (Done, Refused, Failed). */
export function auditOutcomeLabel(t: AuditTranslate, outcome: Outcome): string {
  return t(`outcomes.${outcome}`);
}

/** What was done, in words, for staff or for the customer it was done for; an unknown code is shown as it is rather than hidden. */
export function auditActionLabel(
  t: AuditTranslate,
  e: { action: string; detail: Record<string, unknown> | null },
  reader: 'staff' | 'customer' = 'staff',
): string {
  if (e.action === 'support.set-write') return e.detail?.canWrite ? t('actions.writeAllowed', { reader }) : t('actions.writeRevoked');
  if (e.action === 'support.end' && typeof e.detail?.reason === 'string')
    return t('actions.sessionEndedBecause', { reason: sessionEndLabel(t, e.detail.reason, reader) });
  return isKnown(AUDIT_ACTIONS, e.action) ? t(`actions.${AUDIT_ACTIONS[e.action]}`) : e.action;
}

export interface AuditTarget {
  model: string;
  id: number;
  /** The record's own name when the event kept it (an order's number, an address's name). */
  name?: string | null;
}

/** "order S01203", "contact Nina Example", "delivery #12"; the model's own name for anything else. */
export function auditTargetLabel(t: AuditTranslate, target: AuditTarget, action = ''): string {
  const ref = target.name ? target.name : `#${target.id}`;
  const noun = action.startsWith('address.') ? 'address' : action === 'support.open-customer' ? 'customer' : RECORDS[target.model]?.noun;
  return noun ? t(`targets.${noun}`, { ref }) : t('targets.other', { model: target.model, ref });
}

/** The customer's page of the record, where the portal has one (orders, deliveries, invoices). */
export function auditTargetHref(target: AuditTarget): string | null {
  const path = RECORDS[target.model]?.path;
  return path ? `${path}/${target.id}` : null;
}
