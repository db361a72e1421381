'use client';

import { Link } from '@/components/app-link';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { DataTable, type PortalColumn, type RowSelection } from '@/components/data-table';
import type { Formatter } from '@/lib/i18n/format';
import { useFormat } from '@/lib/i18n/use-format';
import { PaymentBadge } from '@/components/status';
import type { InvoiceListRow } from '@/lib/types';
import { BulkDownload } from './bulk-download';

type Translate = ReturnType<typeof useTranslations<'invoices.table'>>;

function invoiceColumns(t: Translate, f: Formatter): PortalColumn<InvoiceListRow>[] {
  return [
    {
      id: 'select',
      sortable: false,
      hideable: false,
      card: 'title',
      header: t('select'),
      headerCell: (table) => (
        <input type="checkbox" aria-label={t('selectAll')} checked={table.allSelected} onChange={table.toggleAllSelected} />
      ),
      render: (row) => (
        <input
          type="checkbox"
          aria-label={t('selectOne', { number: row.original.number })}
          checked={row.selected}
          onChange={row.toggleSelected}
        />
      ),
    },
    {
      id: 'number',
      header: t('number'),
      hideable: false,
      card: 'title',
      render: (row) => (
        <Link className="font-semibold text-brand-700 underline" href={`/invoices/${row.original.id}`}>
          {row.original.number}
        </Link>
      ),
    },
    {
      id: 'kind',
      header: t('type'),
      sortable: false,
      render: (row) => t('kind', { kind: row.original.kind }),
    },
    { id: 'date', header: t('date'), render: (row) => f.date(row.original.date) },
    { id: 'due', header: t('due'), render: (row) => f.date(row.original.dueDate) },
    {
      id: 'status',
      header: t('status'),
      sortable: false,
      card: 'badge',
      render: (row) => <PaymentBadge row={row.original} />,
    },
    {
      id: 'origin',
      header: t('order'),
      sortable: false,
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
      header: t('total'),
      amount: true,
      render: (row) => f.money(row.original.total, row.original.currency),
    },
    {
      id: 'residual',
      // One heading for invoices (amount due) and credit notes (credit left): both signed as they count.
      header: t('openAmount'),
      amount: true,
      strong: true,
      render: (row) => f.money(row.original.residual, row.original.currency),
    },
    {
      id: 'pdf',
      header: t('pdf'),
      sortable: false,
      render: (row) => (
        <a className="text-brand-700 underline" href={`/invoices/${row.original.id}/pdf`} download>
          {t.rich('pdfOf', { number: row.original.number, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
        </a>
      ),
    },
  ];
}

export function InvoicesTable({ rows, sort, dir, limit }: { rows: InvoiceListRow[]; sort: string; dir: 'asc' | 'desc'; limit: number }) {
  const t = useTranslations('invoices.list');
  const f = useFormat();
  const tableWords = useTranslations('invoices.table');
  // Built once per language, not on every render.
  const columns = useMemo(() => invoiceColumns(tableWords, f), [tableWords, f]);
  const [selected, setSelected] = useState<RowSelection>({});
  // The selection is of the page in view ("Select all invoices on this page"): another page or
  // filter starts with none, so the download never holds rows the person cannot see (the
  // same rows sorted another way keep theirs).
  const shown = rows
    .map((r) => r.id)
    .sort((a, b) => a - b)
    .join(',');
  const [selectionOf, setSelectionOf] = useState(shown);
  if (selectionOf !== shown) {
    setSelectionOf(shown);
    setSelected({});
  }
  const ids = rows.filter((r) => selected[String(r.id)]).map((r) => r.id);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-start gap-3">
        <BulkDownload
          href={`/invoices/bulk?ids=${ids.join(',')}`}
          label={t('downloadSelected', { count: ids.length })}
          count={ids.length}
          limit={limit}
        />
      </div>
      <DataTable
        caption={tableWords('caption')}
        columns={columns}
        data={rows}
        sort={sort}
        dir={dir}
        selection={{ selected, onChange: setSelected }}
      />
    </div>
  );
}
