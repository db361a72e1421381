/**
 * The portal's tables: a real table (caption, column headers) from `sm` up, and below it the
 * same rows as a list of cards with labelled fields, so a 375 px phone shows each row's
 * number, status and amounts without scrolling sideways. Only one of the two is displayed;
 * the other is `display: none`, so assistive technology meets one of them. No client state:
 * server pages and client components render it alike, and DataTable shares its card list and
 * cell styles.
 */

/** Where a column's value sits on a phone card: the card's head (title first, badges right), a labelled line, or nowhere. */
export type CardPlace = 'title' | 'badge' | 'field' | 'none';

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
  /**
   * The cell of `row`. `place` tells a cell holding a form control which copy it renders,
   * so the table's and the card's copies get different ids.
   */
  cell: (row: T, place: 'table' | 'card') => React.ReactNode;
}

/** A row that is not a record but a heading or a note across all columns (order and invoice sections). */
export interface FullRow {
  kind: 'section' | 'note';
  content: React.ReactNode;
}

const END = 'text-right';
const FIGURES = 'tabular-nums whitespace-nowrap';
const figures = (style: ColumnStyle) => (style.amount ? FIGURES : style.align === 'end' ? 'tabular-nums' : '');

export function headerClass(style: ColumnStyle): string {
  return `whitespace-nowrap px-3 py-2 font-semibold ${style.align === 'end' || style.amount ? END : 'text-left'}`;
}

export function cellClass(style: ColumnStyle): string {
  return [
    'px-3 py-2 align-top',
    style.align === 'end' || style.amount ? `${END} tabular-nums` : '',
    style.amount ? 'whitespace-nowrap' : '',
    style.strong ? 'font-semibold' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The scrolling frame of a table from `sm` up; focusable so a keyboard can scroll a wide one. */
export const tableFrameClass = 'relative overflow-x-auto rounded-lg border border-slate-200 bg-white';

export const rowClass = 'border-t border-slate-200';

export interface CardField extends ColumnStyle {
  id: string;
  label: string;
  content: React.ReactNode;
}

/** A column's cell on a card: its style, its header as the label, and the content. */
export function cardField(column: ColumnStyle & { id: string }, label: string, content: React.ReactNode): CardField {
  const { align, amount, card, strong } = column;
  return { id: column.id, align, amount, card, strong, label, content };
}

export interface CardItem {
  key: string;
  full?: FullRow | null;
  fields: CardField[];
}

const PLACE_ORDER: Record<CardPlace, number> = { title: 0, badge: 1, field: 2, none: 3 };

/** Rows as cards below `sm`: a list, each card a <dl> whose labels are the column headers. */
export function CardList({ label, items, className = '' }: { label: string; items: CardItem[]; className?: string }) {
  return (
    <ul aria-label={label} className={`flex flex-col gap-2 sm:hidden ${className}`}>
      {items.map((item) =>
        item.full ? (
          <li
            key={item.key}
            className={
              item.full.kind === 'section' ? 'mt-2 px-1 font-semibold' : 'rounded-lg bg-slate-50 px-3 py-2 text-sm italic text-slate-700'
            }
          >
            {item.full.content}
          </li>
        ) : (
          <li key={item.key} className="rounded-lg border border-slate-200 bg-white p-3">
            <dl className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
              {item.fields
                .filter((f) => (f.card ?? 'field') !== 'none')
                .sort((a, b) => PLACE_ORDER[a.card ?? 'field'] - PLACE_ORDER[b.card ?? 'field'])
                .map((f) => {
                  const place = f.card ?? 'field';
                  if (place === 'title' || place === 'badge')
                    return (
                      <div key={f.id} className={place === 'badge' ? 'ml-auto' : 'min-w-0 font-semibold'}>
                        <dt className="sr-only">{f.label}</dt>
                        <dd className={`break-words ${figures(f)}`}>{f.content}</dd>
                      </div>
                    );
                  return (
                    <div key={f.id} className={`flex basis-full items-baseline justify-between gap-3 ${f.strong ? 'font-semibold' : ''}`}>
                      <dt className="shrink-0 text-slate-700">{f.label}</dt>
                      <dd className={`min-w-0 break-words text-right ${figures(f)}`}>{f.content}</dd>
                    </div>
                  );
                })}
            </dl>
          </li>
        ),
      )}
    </ul>
  );
}

/**
 * A read-only table from column definitions: the table from `sm` up, cards below it.
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
    <>
      <div tabIndex={0} className={`hidden sm:block ${tableFrameClass}`}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-100">
            <tr>
              {columns.map((c) => (
                <th key={c.id} scope="col" className={headerClass(c)}>
                  {c.hideHeader ? <span className="sr-only">{c.header}</span> : c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const full = fullRow?.(row);
              const key = rowKey(row);
              if (full)
                return (
                  <tr key={key} className={`${rowClass} ${full.kind === 'section' ? 'bg-slate-50' : ''}`}>
                    {full.kind === 'section' ? (
                      <th scope="rowgroup" colSpan={columns.length} className="px-3 py-2 text-left font-semibold">
                        {full.content}
                      </th>
                    ) : (
                      <td colSpan={columns.length} className="px-3 py-2 italic text-slate-700">
                        {full.content}
                      </td>
                    )}
                  </tr>
                );
              return (
                <tr key={key} className={rowClass}>
                  {columns.map((c) => (
                    <td key={c.id} className={cellClass(c)}>
                      {c.cell(row, 'table')}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <CardList
        label={caption}
        items={rows.map((row) => ({
          key: String(rowKey(row)),
          full: fullRow?.(row),
          fields: columns.map((c) => cardField(c, c.header, c.cell(row, 'card'))),
        }))}
      />
    </>
  );
}
