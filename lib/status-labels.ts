/**
 * Odoo's states as a customer reads them, and the badge colour of each. The words are in
 * the `status` catalogue (messages/<locale>/status.json), one place for the pages
 * (components/status.tsx) and the CSV exports, so a file never says "pending" where the
 * page says "Not shipped".
 */
export type StatusColor = 'green' | 'blue' | 'amber' | 'red' | 'slate';

export const STATUS_COLORS = {
  order: { quotation: 'amber', confirmed: 'blue', locked: 'blue', cancelled: 'slate' },
  delivery: {
    pending: 'amber',
    started: 'blue',
    partial: 'blue',
    full: 'green',
    planned: 'amber',
    ready: 'blue',
    shipped: 'green',
    cancelled: 'slate',
  },
  payment: { not_paid: 'amber', partial: 'amber', in_payment: 'blue', paid: 'green', reversed: 'slate' },
  /** A credit note is the customer's money, not a debt: available until set against invoices, then applied. */
  credit: { available: 'blue', applied: 'slate' },
} as const satisfies Record<string, Record<string, StatusColor>>;

export type StatusGroup = keyof typeof STATUS_COLORS;

/** The catalogue's translator for the `status` namespace, as both next-intl APIs hand it out. */
export interface StatusTranslator {
  (key: never): string;
  has(key: never): boolean;
}

/** A state's words and colour; an unknown state (a newer Odoo's) reads as Odoo names it. */
export function statusOf(
  t: StatusTranslator,
  group: StatusGroup,
  state: string | null | undefined,
): { label: string; color: StatusColor } | null {
  if (!state) return null;
  const colors: Record<string, StatusColor> = STATUS_COLORS[group];
  const key = `${group}.${state}` as never;
  return { label: t.has(key) ? t(key) : state, color: colors[state] ?? 'slate' };
}
