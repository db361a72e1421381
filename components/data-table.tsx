'use client';

import { useTranslations } from 'next-intl';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTransition } from 'react';
import { useHiddenColumns } from './hidden-columns';
import { Cell, TableFrame, headerClass, type ColumnStyle } from './table';
import { firstDirection, nextSort, toggleAll, toggleOne, type SortDir } from './data-table-state';

/** One row as a column's `render` sees it: the record, and its selection when the table has one. */
export interface TableRow<T> {
  original: T;
  selected: boolean;
  toggleSelected: () => void;
}

/** What a header cell other than text (a "select all" box) needs from its table. */
export interface TableHeaderContext {
  allSelected: boolean;
  toggleAllSelected: () => void;
}

export interface PortalColumn<T> extends ColumnStyle {
  /** Also the `sort` value in the URL for a sortable column. */
  id: string;
  /** The column's name: its header, its label on a phone card, in the column chooser and the sort menu. */
  header: string;
  /** Header content shown instead of `header` (a "select all" box); `header` still names the column. */
  headerCell?: (table: TableHeaderContext) => React.ReactNode;
  /** Default true: a header button and sort menu entries, sorted by the server. */
  sortable?: boolean;
  /** Default true: the column chooser may hide it. */
  hideable?: boolean;
  render: (row: TableRow<T>) => React.ReactNode;
}

export type RowSelection = Record<string, boolean>;

/**
 * The portal's one interactive table: server-sorted (sort and direction live in the URL,
 * so a link or reload shows the same list), a column chooser, optional row selection.
 * Rows arrive already filtered, sorted and paged by the server component, so the table keeps
 * only which columns are hidden (in the browser, per list: components/hidden-columns.ts);
 * selection belongs to the page that acts on it. Below `sm`
 * the rows are laid out as the cards of components/table.tsx, with a sort menu and
 * "select all" above them.
 */
export function DataTable<T extends { id: number }>({
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
  dir: SortDir;
  selection?: { selected: RowSelection; onChange: (next: RowSelection) => void };
}) {
  const t = useTranslations('common');
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [hidden, setHidden] = useHiddenColumns(pathname);

  const sortBy = (id: string, direction: SortDir) => {
    const q = new URLSearchParams(params.toString());
    q.set('sort', id);
    q.set('dir', direction);
    q.delete('page');
    startTransition(() => router.push(`${pathname}?${q.toString()}`));
  };
  const ids = data.map((row) => String(row.id));
  const selected = selection?.selected ?? {};
  const header: TableHeaderContext = {
    allSelected: ids.length > 0 && ids.every((id) => selected[id]),
    toggleAllSelected: () => selection?.onChange(toggleAll(selected, ids)),
  };
  const visible = columns.filter((c) => c.hideable === false || !hidden.has(c.id));
  const sortable = columns.filter((c) => c.sortable !== false);
  return (
    <div>
      <details className="mb-2 inline-block text-sm">
        <summary className="cursor-pointer rounded border border-slate-400 bg-white px-3 py-1.5">{t('table.columns')}</summary>
        <fieldset className="mt-2 rounded border border-slate-200 bg-white p-3">
          <legend className="sr-only">{t('table.columnsToShow')}</legend>
          {columns
            .filter((c) => c.hideable !== false)
            .map((column) => (
              <label key={column.id} className="mr-4 inline-flex items-center gap-1.5">
                <input
                  type="checkbox"
                  checked={!hidden.has(column.id)}
                  onChange={(e) => {
                    const next = new Set(hidden);
                    if (e.target.checked) next.delete(column.id);
                    else next.add(column.id);
                    setHidden(next);
                  }}
                />
                {column.header}
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
              sortBy(id ?? sort, direction === 'desc' ? 'desc' : 'asc');
            }}
          >
            {sortable.flatMap((c) =>
              (['asc', 'desc'] as const).map((d) => (
                <option key={`${c.id}:${d}`} value={`${c.id}:${d}`}>
                  {t(d === 'asc' ? 'table.ascending' : 'table.descending', { column: c.header })}
                </option>
              )),
            )}
          </select>
        </label>
        {selection ? (
          <label className="inline-flex items-center gap-2">
            <input type="checkbox" checked={header.allSelected} onChange={header.toggleAllSelected} />
            {t('table.selectAllOnPage')}
          </label>
        ) : null}
      </div>
      <TableFrame caption={caption} busy={pending}>
        <thead role="rowgroup">
          <tr role="row">
            {visible.map((column) => {
              const sorted = column.id === sort ? dir : null;
              return (
                <th
                  key={column.id}
                  role="columnheader"
                  scope="col"
                  className={headerClass(column)}
                  aria-sort={sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {column.headerCell ? (
                    column.headerCell(header)
                  ) : column.sortable !== false ? (
                    <button
                      type="button"
                      className="inline-flex items-center gap-1 underline-offset-2 hover:underline"
                      onClick={() => sortBy(column.id, nextSort(sorted, firstDirection(column)))}
                    >
                      {column.header}
                      <span aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
                      <span className="sr-only">
                        {sorted ? t(sorted === 'asc' ? 'table.sortedAscending' : 'table.sortedDescending') : t('table.sort')}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {data.map((record) => {
            const id = String(record.id);
            const row: TableRow<T> = {
              original: record,
              selected: Boolean(selected[id]),
              toggleSelected: () => selection?.onChange(toggleOne(selected, id)),
            };
            return (
              <tr key={id} role="row" className="sm:hover:bg-slate-50">
                {visible.map((column) => (
                  <Cell key={column.id} style={column} label={column.header}>
                    {column.render(row)}
                  </Cell>
                ))}
              </tr>
            );
          })}
        </tbody>
      </TableFrame>
    </div>
  );
}
