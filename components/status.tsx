import { useTranslations } from 'next-intl';
import { Badge } from './ui';
import { statusOf, type StatusGroup } from '@/lib/status-labels';

/** Status badges for every list and detail page; the words are in the `status` catalogue (CSV exports use them too). */
function StatusBadge({ group, state }: { group: StatusGroup; state: string }) {
  const t = useTranslations('status');
  const status = statusOf(t, group, state)!;
  return <Badge color={status.color}>{status.label}</Badge>;
}

export function OrderStateBadge({ state }: { state: string }) {
  return <StatusBadge group="order" state={state} />;
}

export function DeliveryBadge({ status, late = false }: { status: string | null; late?: boolean }) {
  const t = useTranslations('status');
  if (!status) return <span className="text-slate-600">—</span>;
  return (
    <span className="inline-flex gap-1">
      <StatusBadge group="delivery" state={status} />
      {late ? <Badge color="red">{t('late')}</Badge> : null}
    </span>
  );
}

export function PaymentBadge({ row }: { row: { paymentStatus: string; overdue: boolean; credit?: 'available' | 'applied' | null } }) {
  const t = useTranslations('status');
  if (row.credit) return <StatusBadge group="credit" state={row.credit} />;
  return (
    <span className="inline-flex gap-1">
      <StatusBadge group="payment" state={row.paymentStatus} />
      {row.overdue ? <Badge color="red">{t('overdue')}</Badge> : null}
    </span>
  );
}
