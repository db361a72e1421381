/**
 * How Odoo's states read to a customer, with the badge colour each has. One place for the
 * pages (components/status.tsx) and the CSV exports, so a file never says "pending" where
 * the page says "Not shipped".
 */
export type StatusColor = 'green' | 'blue' | 'amber' | 'red' | 'slate';

export const ORDER_STATE: Record<string, [string, StatusColor]> = {
  quotation: ['Quotation', 'amber'],
  confirmed: ['Confirmed', 'blue'],
  locked: ['Confirmed', 'blue'],
  cancelled: ['Cancelled', 'slate'],
};

export const DELIVERY_STATUS: Record<string, [string, StatusColor]> = {
  pending: ['Not shipped', 'amber'],
  started: ['Preparing', 'blue'],
  partial: ['Partly shipped', 'blue'],
  full: ['Shipped', 'green'],
  planned: ['Planned', 'amber'],
  ready: ['Ready to ship', 'blue'],
  shipped: ['Shipped', 'green'],
  cancelled: ['Cancelled', 'slate'],
};

export const PAYMENT_STATUS: Record<string, [string, StatusColor]> = {
  not_paid: ['Not paid', 'amber'],
  partial: ['Partly paid', 'amber'],
  in_payment: ['In payment', 'blue'],
  paid: ['Paid', 'green'],
  reversed: ['Reversed', 'slate'],
};

/** A credit note is the customer's money, not a debt: available until set against invoices, then applied. */
export const CREDIT_STATUS: Record<'available' | 'applied', [string, StatusColor]> = {
  available: ['Credit available', 'blue'],
  applied: ['Credit applied', 'slate'],
};

/** A state's label; an unknown state (a newer Odoo's) as Odoo names it. */
export function statusLabel(labels: Record<string, [string, StatusColor]>, state: string | null | undefined): string | null {
  if (!state) return null;
  return labels[state]?.[0] ?? state;
}
