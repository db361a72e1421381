'use client';

import { Link } from '@/components/app-link';
import { DataTable, type PortalColumn } from '@/components/data-table';
import { formatDate, formatMoney } from '@/lib/format';
import { DeliveryBadge, OrderStateBadge } from '@/components/status';
import type { OrderRow } from '@/lib/types';

const columns: PortalColumn<OrderRow>[] = [
  {
    id: 'number',
    accessorKey: 'number',
    header: 'Order',
    enableHiding: false,
    card: 'title',
    render: (row) => (
      <Link className="font-semibold text-brand-700 underline" href={`/orders/${row.original.id}`}>
        {row.original.number}
      </Link>
    ),
  },
  { id: 'date', accessorKey: 'date', header: 'Date', render: (row) => formatDate(row.original.date) },
  { id: 'po', accessorKey: 'poReference', header: 'Your PO', render: (row) => row.original.poReference ?? '—' },
  { id: 'state', accessorKey: 'state', header: 'Status', card: 'badge', render: (row) => <OrderStateBadge state={row.original.state} /> },
  {
    id: 'deliveryStatus',
    accessorKey: 'deliveryStatus',
    header: 'Delivery',
    enableSorting: false,
    render: (row) => <DeliveryBadge status={row.original.deliveryStatus} />,
  },
  { id: 'delivery', accessorKey: 'requestedDate', header: 'Requested for', render: (row) => formatDate(row.original.requestedDate) },
  {
    id: 'total',
    accessorKey: 'total',
    header: 'Total',
    amount: true,
    strong: true,
    render: (row) => formatMoney(row.original.total, row.original.currency),
  },
];

export function OrdersTable({ rows, sort, dir }: { rows: OrderRow[]; sort: string; dir: 'asc' | 'desc' }) {
  return <DataTable caption="Your orders" columns={columns} data={rows} sort={sort} dir={dir} />;
}
