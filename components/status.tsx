import { Badge } from './ui';
import { CREDIT_STATUS, DELIVERY_STATUS, ORDER_STATE, PAYMENT_STATUS } from '@/lib/status-labels';

/** Status badges for every list and detail page; the labels live in lib/status-labels.ts (CSV exports use them too). */
export function OrderStateBadge({ state }: { state: string }) {
  const [label, color] = ORDER_STATE[state] ?? [state, 'slate'];
  return <Badge color={color}>{label}</Badge>;
}

export function DeliveryBadge({ status, late = false }: { status: string | null; late?: boolean }) {
  if (!status) return <span className="text-slate-600">—</span>;
  const [label, color] = DELIVERY_STATUS[status] ?? [status, 'slate'];
  return (
    <span className="inline-flex gap-1">
      <Badge color={color}>{label}</Badge>
      {late ? <Badge color="red">Late</Badge> : null}
    </span>
  );
}

export function PaymentBadge({ row }: { row: { paymentStatus: string; overdue: boolean; credit?: 'available' | 'applied' | null } }) {
  if (row.credit) {
    const [label, color] = CREDIT_STATUS[row.credit];
    return <Badge color={color}>{label}</Badge>;
  }
  const [label, color] = PAYMENT_STATUS[row.paymentStatus] ?? [row.paymentStatus, 'slate'];
  return (
    <span className="inline-flex gap-1">
      <Badge color={color}>{label}</Badge>
      {row.overdue ? <Badge color="red">Overdue</Badge> : null}
    </span>
  );
}
