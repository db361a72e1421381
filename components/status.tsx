import { Badge } from './ui';

/** How Odoo's states read to a customer; one place for every list and detail page. */
const ORDER: Record<string, [string, 'green' | 'blue' | 'amber' | 'red' | 'slate']> = {
  quotation: ['Quotation', 'amber'],
  confirmed: ['Confirmed', 'blue'],
  locked: ['Confirmed', 'blue'],
  cancelled: ['Cancelled', 'slate'],
};
const DELIVERY: Record<string, [string, 'green' | 'blue' | 'amber' | 'red' | 'slate']> = {
  pending: ['Not shipped', 'amber'],
  started: ['Preparing', 'blue'],
  partial: ['Partly shipped', 'blue'],
  full: ['Shipped', 'green'],
  planned: ['Planned', 'amber'],
  ready: ['Ready to ship', 'blue'],
  shipped: ['Shipped', 'green'],
  cancelled: ['Cancelled', 'slate'],
};

export function OrderStateBadge({ state }: { state: string }) {
  const [label, color] = ORDER[state] ?? [state, 'slate'];
  return <Badge color={color}>{label}</Badge>;
}

export function DeliveryBadge({ status, late = false }: { status: string | null; late?: boolean }) {
  if (!status) return <span className="text-slate-600">—</span>;
  const [label, color] = DELIVERY[status] ?? [status, 'slate'];
  return (
    <span className="inline-flex gap-1">
      <Badge color={color}>{label}</Badge>
      {late ? <Badge color="red">Late</Badge> : null}
    </span>
  );
}

const PAYMENT: Record<string, [string, 'green' | 'blue' | 'amber' | 'red' | 'slate']> = {
  not_paid: ['Not paid', 'amber'],
  partial: ['Partly paid', 'amber'],
  in_payment: ['In payment', 'blue'],
  paid: ['Paid', 'green'],
  reversed: ['Reversed', 'slate'],
};

/** A credit note is money the customer has to use, not a debt: available until set against invoices, then applied. */
const CREDIT: Record<'available' | 'applied', [string, 'green' | 'blue' | 'amber' | 'red' | 'slate']> = {
  available: ['Credit available', 'blue'],
  applied: ['Credit applied', 'slate'],
};

export function PaymentBadge({ row }: { row: { paymentStatus: string; overdue: boolean; credit?: 'available' | 'applied' | null } }) {
  if (row.credit) {
    const [label, color] = CREDIT[row.credit];
    return <Badge color={color}>{label}</Badge>;
  }
  const [label, color] = PAYMENT[row.paymentStatus] ?? [row.paymentStatus, 'slate'];
  return (
    <span className="inline-flex gap-1">
      <Badge color={color}>{label}</Badge>
      {row.overdue ? <Badge color="red">Overdue</Badge> : null}
    </span>
  );
}
