/**
 * The interactive table's state changes, apart from its rendering so they can be tested
 * alone: a header click's next sort, and row selection as a map of row id → selected
 * (only selected ids are kept, so the map's keys are the selection).
 */
import type { ColumnStyle } from './table';

export type SortDir = 'asc' | 'desc';

/** A column's first direction: figures (amounts, quantities, days) largest first, the rest (names, dates, states) ascending. */
export function firstDirection(column: ColumnStyle): SortDir {
  return column.amount || column.align === 'end' ? 'desc' : 'asc';
}

/** The direction after a click on a column's header: reversed if the list is sorted by it, else its first direction. */
export function nextSort(current: SortDir | null, first: SortDir): SortDir {
  if (!current) return first;
  return current === 'asc' ? 'desc' : 'asc';
}

export function toggleOne(selected: Record<string, boolean>, id: string): Record<string, boolean> {
  const next = { ...selected };
  if (next[id]) delete next[id];
  else next[id] = true;
  return next;
}

/** "Select all on this page": all of `ids` when any is unselected, else none of them (others stay as they were). */
export function toggleAll(selected: Record<string, boolean>, ids: string[]): Record<string, boolean> {
  const next = { ...selected };
  const all = ids.length > 0 && ids.every((id) => next[id]);
  for (const id of ids) {
    if (all) delete next[id];
    else next[id] = true;
  }
  return next;
}
