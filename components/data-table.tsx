'use client';

import {
  columnVisibilityFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type Row,
  type RowData,
  type RowSelectionState,
  type SortingState,
} from '@tanstack/react-table';
import { useTranslations } from 'next-intl';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useState, useTransition } from 'react';
import { Cell, TableFrame, headerClass, type ColumnStyle } from './table';

export const tableFeatureSet = tableFeatures({ columnVisibilityFeature, rowSortingFeature, rowSelectionFeature });
export type TableRow<T extends RowData> = Row<typeof tableFeatureSet, T>;

/**
 * A react-table column whose cell content is `render(row)`. Cells are rendered straight from
 * the row instead of through react-table's cell objects and FlexRender: those cost three times
 * the rest of the table when the server renders a page of 25 rows, and this table's cells
 * need nothing but their row.
 */
export type PortalColumn<T extends RowData> = (ColumnDef<typeof tableFeatureSet, T> extends infer D
  ? D extends unknown
    ? Omit<D, 'cell'>
    : never
  : never) &
  ColumnStyle & {
    id: string;
    render: (row: TableRow<T>) => React.ReactNode;
    /** The field's label on a phone card when the header is not plain text. */
    cardLabel?: string;
  };

/**
 * The portal's one interactive table: server-sorted (sort and direction live in the URL,
 * so a link or reload shows the same list), a column chooser, optional row selection.
 * Rows arrive already filtered, sorted and paged by the server component. Below `sm` the
 * rows are laid out as the cards of components/table.tsx, with a sort menu and "select all" above them.
 */
export function DataTable<T extends RowData & { id: number }>({
  caption,
  columns,
  data,
  sort,
  dir,
  selection,
}: {
  caption: string;
  columns: PortalColumn<T>[];
  data: T[];
  sort: string;
  dir: 'asc' | 'desc';
  selection?: { selected: RowSelectionState; onChange: (next: RowSelectionState) => void };
}) {
  const t = useTranslations('common');
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [columnVisibility, setColumnVisibility] = useState({});
  const sorting: SortingState = [{ id: sort, desc: dir === 'desc' }];
  const [definitions, byId] = useMemo(
    () =>
      [
        columns.map(
          ({ render: _render, align: _align, amount: _amount, card: _card, strong: _strong, cardLabel: _label, ...definition }) =>
            definition as ColumnDef<typeof tableFeatureSet, T>,
        ),
        new Map(columns.map((c) => [c.id, c])),
      ] as const,
    [columns],
  );

  const table = useTable({
    features: tableFeatureSet,
    columns: definitions,
    data,
    getRowId: (row) => String(row.id),
    manualSorting: true,
    enableSortingRemoval: false,
    enableRowSelection: !!selection,
    state: { sorting, columnVisibility, rowSelection: selection?.selected ?? {} },
    onColumnVisibilityChange: setColumnVisibility,
    onRowSelectionChange: (updater) => selection?.onChange(typeof updater === 'function' ? updater(selection.selected) : updater),
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (!first) return;
      const q = new URLSearchParams(params.toString());
      q.set('sort', first.id);
      q.set('dir', first.desc ? 'desc' : 'asc');
      q.delete('page');
      startTransition(() => router.push(`${pathname}?${q.toString()}`));
    },
  });

  const visibleColumns = table.getVisibleLeafColumns();
  const label = (id: string) => {
    const header = byId.get(id)?.header;
    return typeof header === 'string' ? header : (byId.get(id)?.cardLabel ?? id);
  };
  const sortable = table.getAllLeafColumns().filter((c) => c.getCanSort());
  const rows = table.getRowModel().rows;
  return (
    <div>
      <details className="mb-2 inline-block text-sm">
        <summary className="cursor-pointer rounded border border-slate-400 bg-white px-3 py-1.5">{t('table.columns')}</summary>
        <fieldset className="mt-2 rounded border border-slate-200 bg-white p-3">
          <legend className="sr-only">{t('table.columnsToShow')}</legend>
          {table
            .getAllLeafColumns()
            .filter((c) => c.getCanHide())
            .map((column) => (
              <label key={column.id} className="mr-4 inline-flex items-center gap-1.5">
                <input type="checkbox" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} />
                {typeof column.columnDef.header === 'string' ? column.columnDef.header : column.id}
              </label>
            ))}
        </fieldset>
      </details>
      <div className="mb-2 flex flex-wrap items-center gap-3 text-sm sm:hidden">
        <label className="inline-flex items-center gap-2">
          {t('table.sortBy')}
          <select
            className="rounded border border-slate-400 bg-white px-2 py-1.5"
            value={`${sort}:${dir}`}
            onChange={(e) => {
              const [id, direction] = e.target.value.split(':');
              table.setSorting([{ id: id ?? sort, desc: direction === 'desc' }]);
            }}
          >
            {sortable.flatMap((c) =>
              (['asc', 'desc'] as const).map((d) => (
                <option key={`${c.id}:${d}`} value={`${c.id}:${d}`}>
                  {t(d === 'asc' ? 'table.ascending' : 'table.descending', { column: label(c.id) })}
                </option>
              )),
            )}
          </select>
        </label>
        {selection ? (
          <label className="inline-flex items-center gap-2">
            <input type="checkbox" checked={table.getIsAllRowsSelected()} onChange={table.getToggleAllRowsSelectedHandler()} />
            {t('table.selectAllOnPage')}
          </label>
        ) : null}
      </div>
      <TableFrame caption={caption} busy={pending}>
        <thead role="rowgroup">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} role="row">
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const text = typeof header.column.columnDef.header === 'string' ? header.column.columnDef.header : '';
                return (
                  <th
                    key={header.id}
                    role="columnheader"
                    scope="col"
                    className={headerClass(byId.get(header.column.id) ?? {})}
                    aria-sort={sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    {header.isPlaceholder ? null : header.column.getCanSort() ? (
                      <button
                        type="button"
                        className="inline-flex items-center gap-1 underline-offset-2 hover:underline"
                        onClick={header.column.getToggleSortingHandler()}
                      >
                        {text}
                        <span aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
                        <span className="sr-only">
                          {sorted ? t(sorted === 'asc' ? 'table.sortedAscending' : 'table.sortedDescending') : t('table.sort')}
                        </span>
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody role="rowgroup">
          {rows.map((row) => (
            <tr key={row.id} role="row" className="sm:hover:bg-slate-50">
              {visibleColumns.map((column) => {
                const c = byId.get(column.id);
                return c ? (
                  <Cell key={column.id} style={c} label={label(column.id)}>
                    {c.render(row)}
                  </Cell>
                ) : null;
              })}
            </tr>
          ))}
        </tbody>
      </TableFrame>
    </div>
  );
}
