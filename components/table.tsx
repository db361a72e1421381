/**
 * The portal's tables. Each row is rendered once: from `sm` up it is a table row; below `sm`
 * the same row is laid out as a card by CSS (the header row is not displayed and each cell
 * shows its column's name before its value), so a 375 px phone shows each row's number,
 * status and amounts without scrolling sideways.
 *
 * The layout is the `.data-table` rules of app/globals.css. The table elements carry their
 * ARIA roles explicitly: some browsers drop a table's semantics once its rows are no longer
 * `display: table-row`, and screen readers on phones should still meet a table of rows and
 * cells. No client state: server pages and client components render it alike, and DataTable
 * uses the same cells.
 */

/**
 * Where a column's value sits on a phone card: the card's head (title first, badges right) or
 * a labelled line. Only the card's first columns and non-interactive ones belong in the head:
 * the card's visual order must stay the Tab order.
 */
export type CardPlace = 'title' | 'badge' | 'field';

/** How a column reads: money and other figures are right-aligned in tabular figures. */
export interface ColumnStyle {
  /** 'end' for figures (quantities, days): right-aligned, tabular figures. */
  align?: 'start' | 'end';
  /** An amount of money: right-aligned, tabular figures, never broken over two lines. */
  amount?: boolean;
  /** Default 'field'. */
  card?: CardPlace;
  /** Emphasised on the card (a total). */
  strong?: boolean;
}

export interface Column<T> extends ColumnStyle {
  id: string;
  header: string;
  /** The header is read by screen readers only (a column of buttons). */
  hideHeader?: boolean;
  cell: (row: T) => React.ReactNode;
}

/** A row that is not a record but a heading or a note across all columns (order and invoice sections). */
export interface FullRow {
  kind: 'section' | 'note';
  content: React.ReactNode;
}

const ends = (style: ColumnStyle) => style.align === 'end' || style.amount;

/** A column header's alignment; the rest of a header's look is `.data-table` in app/globals.css. */
export function headerClass(style: ColumnStyle): string | undefined {
  return ends(style) ? 'text-right' : undefined;
}

/** A cell's alignment and weight; padding and the phone card's layout are `.data-table` in app/globals.css. */
function cellClass(style: ColumnStyle): string | undefined {
  const classes = [
    ends(style) ? 'text-right tabular-nums' : '',
    style.amount ? 'whitespace-nowrap' : '',
    style.strong ? 'font-semibold' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return classes || undefined;
}

/**
 * A table in its frame, for Table and DataTable alike. From `sm` up the frame scrolls a wide
 * table and is focusable so a keyboard can scroll it, hence a region named after the table;
 * below `sm` the cards carry their own borders and nothing scrolls. `children` are the
 * table's thead and tbody.
 */
export function TableFrame({ caption, busy = false, children }: { caption: string; busy?: boolean; children: React.ReactNode }) {
  return (
    <div
      tabIndex={0}
      role="region"
      aria-label={caption}
      aria-busy={busy || undefined}
      className={`relative overflow-x-auto rounded-lg border border-slate-200 bg-white max-sm:overflow-visible max-sm:border-0 max-sm:bg-transparent ${busy ? 'opacity-60' : ''}`}
    >
      <table role="table" className="data-table">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/**
 * One cell: on a phone card it is placed by `data-card` and named by `data-label`, its
 * column's header (none for a column whose header is hidden: its content names itself).
 */
export function Cell({ style, label, children }: { style: ColumnStyle; label?: string; children: React.ReactNode }) {
  const place = style.card ?? 'field';
  return (
    <td role="cell" data-label={label} data-card={place === 'field' ? undefined : place} className={cellClass(style)}>
      {children}
    </td>
  );
}

/**
 * A read-only table from column definitions, each row a card below `sm`.
 * `fullRow` turns a row into a section heading or a note across the columns.
 */
export function Table<T>({
  caption,
  columns,
  rows,
  rowKey,
  fullRow,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  fullRow?: (row: T) => FullRow | null;
}) {
  return (
    <TableFrame caption={caption}>
      <thead role="rowgroup">
        <tr role="row">
          {columns.map((c) => (
            <th key={c.id} role="columnheader" scope="col" className={headerClass(c)}>
              {c.hideHeader ? <span className="sr-only">{c.header}</span> : c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup">
        {rows.map((row) => {
          const full = fullRow?.(row);
          const key = rowKey(row);
          if (full)
            return (
              <tr key={key} role="row" data-full={full.kind}>
                {full.kind === 'section' ? (
                  <th role="rowheader" scope="rowgroup" colSpan={columns.length} className="text-left">
                    {full.content}
                  </th>
                ) : (
                  <td role="cell" colSpan={columns.length} className="italic text-slate-700">
                    {full.content}
                  </td>
                )}
              </tr>
            );
          return (
            <tr key={key} role="row">
              {columns.map((c) => (
                <Cell key={c.id} style={c} label={c.hideHeader ? undefined : c.header}>
                  {c.cell(row)}
                </Cell>
              ))}
            </tr>
          );
        })}
      </tbody>
    </TableFrame>
  );
}
