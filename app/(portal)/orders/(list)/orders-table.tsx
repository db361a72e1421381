'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { Link } from '@/components/app-link';
import { DataTable, type PortalColumn } from '@/components/data-table';
import { useFormat } from '@/lib/i18n/use-format';
import { DeliveryBadge, OrderStateBadge } from '@/components/status';
import type { OrderRow } from '@/lib/types';

export function OrdersTable({ rows, sort, dir }: { rows: OrderRow[]; sort: string; dir: 'asc' | 'desc' }) {
  const t = useTranslations('orders.list');
  const f = useFormat();
  // The column headers are in the reader's language: built once per language, not per render.
  const columns = useMemo(
    (): PortalColumn<OrderRow>[] => [
      {
        id: 'number',
        header: t('columns.number'),
        hideable: false,
        card: 'title',
        render: (row) => (
          <Link className="font-semibold text-brand-700 underline" href={`/orders/${row.original.id}`}>
            {row.original.number}
          </Link>
        ),
      },
      { id: 'date', header: t('columns.date'), render: (row) => f.date(row.original.date) },
      { id: 'po', header: t('columns.po'), render: (row) => row.original.poReference ?? '—' },
      {
        id: 'state',
        header: t('columns.state'),
        card: 'badge',
        render: (row) => <OrderStateBadge state={row.original.state} />,
      },
      {
        id: 'deliveryStatus',
        header: t('columns.delivery'),
        sortable: false,
        render: (row) => <DeliveryBadge status={row.original.deliveryStatus} />,
      },
      {
        id: 'delivery',
        header: t('columns.requestedFor'),
        render: (row) => f.date(row.original.requestedDate),
      },
      {
        id: 'total',
        header: t('columns.total'),
        amount: true,
        strong: true,
        render: (row) => f.money(row.original.total, row.original.currency),
      },
    ],
    [t, f],
  );
  return <DataTable caption={t('caption')} columns={columns} data={rows} sort={sort} dir={dir} />;
}
