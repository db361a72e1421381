import { describe, expect, it } from 'vitest';
import { firstDirection, nextSort, toggleAll, toggleOne } from '../../components/data-table-state';

describe('the interactive table’s state', () => {
  it('sorts a figure largest first and anything else ascending on the first click, then reverses', () => {
    expect(firstDirection({ amount: true })).toBe('desc');
    expect(firstDirection({ align: 'end' })).toBe('desc');
    expect(firstDirection({ align: 'start' })).toBe('asc');
    expect(firstDirection({})).toBe('asc');
    expect(nextSort(null, 'desc')).toBe('desc');
    expect(nextSort(null, 'asc')).toBe('asc');
    expect(nextSort('asc', 'desc')).toBe('desc');
    expect(nextSort('desc', 'desc')).toBe('asc');
  });

  it('keeps only selected rows in the selection, without changing the one given', () => {
    const none = {};
    const one = toggleOne(none, '7');
    expect(one).toEqual({ '7': true });
    expect(none).toEqual({});
    expect(toggleOne(one, '7')).toEqual({});
    expect(Object.keys(toggleOne(one, '8'))).toEqual(['7', '8']);
  });

  it('selects the whole page unless all of it is selected, and then clears only that page', () => {
    const page = ['1', '2', '3'];
    expect(toggleAll({ '2': true }, page)).toEqual({ '1': true, '2': true, '3': true });
    expect(toggleAll({ '1': true, '2': true, '3': true, '9': true }, page)).toEqual({ '9': true });
    expect(toggleAll({}, [])).toEqual({});
  });
});
