'use client';

import type { RowSelectionState } from '@tanstack/react-table';
import { Link } from '@/components/app-link';
import { useState } from 'react';
import { DataTable, type PortalColumn } from '@/components/data-table';
import { formatDate, formatMoney } from '@/lib/format';
import { PaymentBadge } from '@/components/status';
import type { InvoiceListRow } from '@/lib/types';
import { BulkDownload } from './bulk-download';

const columns: PortalColumn<InvoiceListRow>[] = [
  {
    id: 'select',
    enableSorting: false,
    enableHiding: false,
    card: 'title',
    cardLabel: 'Select',
    header: ({ table }) => (
      <input
        type="checkbox"
        aria-label="Select all invoices on this page"
        checked={table.getIsAllRowsSelected()}
        onChange={table.getToggleAllRowsSelectedHandler()}
      />
    ),
    render: (row) => (
      <input
        type="checkbox"
        aria-label={`Select ${row.original.number}`}
        checked={row.getIsSelected()}
        onChange={row.getToggleSelectedHandler()}
      />
    ),
  },
  {
    id: 'number',
    accessorKey: 'number',
    header: 'Number',
    enableHiding: false,
    card: 'title',
    render: (row) => (
      <Link className="font-semibold text-brand-700 underline" href={`/invoices/${row.original.id}`}>
        {row.original.number}
      </Link>
    ),
  },
  {
    id: 'kind',
    accessorKey: 'kind',
    header: 'Type',
    enableSorting: false,
    render: (row) => (row.original.kind === 'credit' ? 'Credit note' : 'Invoice'),
  },
  { id: 'date', accessorKey: 'date', header: 'Date', render: (row) => formatDate(row.original.date) },
  { id: 'due', accessorKey: 'dueDate', header: 'Due', render: (row) => formatDate(row.original.dueDate) },
  {
    id: 'status',
    accessorKey: 'paymentStatus',
    header: 'Status',
    enableSorting: false,
    card: 'badge',
    render: (row) => <PaymentBadge row={row.original} />,
  },
  {
    id: 'origin',
    accessorKey: 'origin',
    header: 'Order',
    enableSorting: false,
    render: (row) =>
      row.original.originOrders.length
        ? row.original.originOrders.map((o, i) => (
            <span key={o.id}>
              {i ? ', ' : ''}
              <Link className="text-brand-700 underline" href={`/orders/${o.id}`}>
                {o.name}
              </Link>
            </span>
          ))
        : (row.original.origin ?? '—'),
  },
  {
    id: 'total',
    accessorKey: 'total',
    header: 'Total',
    amount: true,
    render: (row) => formatMoney(row.original.total, row.original.currency),
  },
  {
    id: 'residual',
    accessorKey: 'residual',
    // One heading for invoices (amount due) and credit notes (credit left): both signed as they count.
    header: 'Open amount',
    amount: true,
    strong: true,
    render: (row) => formatMoney(row.original.residual, row.original.currency),
  },
  {
    id: 'pdf',
    header: 'PDF',
    enableSorting: false,
    render: (row) => (
      <a className="text-brand-700 underline" href={`/invoices/${row.original.id}/pdf`} download>
        PDF<span className="sr-only"> of {row.original.number}</span>
      </a>
    ),
  },
];

export function InvoicesTable({ rows, sort, dir, limit }: { rows: InvoiceListRow[]; sort: string; dir: 'asc' | 'desc'; limit: number }) {
  const [selected, setSelected] = useState<RowSelectionState>({});
  const ids = Object.keys(selected).filter((k) => selected[k]);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-start gap-3">
        <BulkDownload
          href={`/invoices/bulk?ids=${ids.join(',')}`}
          label={`Download selected as ZIP (${ids.length})`}
          count={ids.length}
          limit={limit}
        />
      </div>
      <DataTable
        caption="Invoices and credit notes"
        columns={columns}
        data={rows}
        sort={sort}
        dir={dir}
        selection={{ selected, onChange: setSelected }}
      />
    </div>
  );
}
