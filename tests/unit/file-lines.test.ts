import { describe, expect, it } from 'vitest';
import { withFileLines } from '../../app/(portal)/orders/new/file-lines';
import { parseQuickOrder } from '../../lib/portal/quick-order';

const FIRST = 'sku,quantity\nFAS-1001,12\nHTL-1002,1\n';
const EDITED = 'sku,quantity\nFAS-1001,12\nHTL-1002,3\n';

describe('the lines box after loading a file', () => {
  it('fills an empty box, and adds below typed lines', () => {
    expect(withFileLines('  \n', FIRST, null)).toEqual({ text: FIRST, how: 'loaded' });
    expect(withFileLines('PWR-1003 2\n\n', FIRST, null)).toEqual({ text: `PWR-1003 2\n${FIRST}`, how: 'added' });
  });

  it('swaps a file loaded again once edited, so its products are not counted twice', () => {
    const box = withFileLines('PWR-1003 2', FIRST, null).text;
    const again = withFileLines(box, EDITED, FIRST);
    expect(again).toEqual({ text: `PWR-1003 2\n${EDITED}`, how: 'replaced' });
    expect(parseQuickOrder(again.text).lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['PWR-1003', 2],
      ['FAS-1001', 12],
      ['HTL-1002', 3],
    ]);
  });

  it('adds the file below when the earlier file’s lines were changed in the box', () => {
    const box = `${FIRST.replace('12', '10')}PWR-1003 2`;
    expect(withFileLines(box, EDITED, FIRST)).toEqual({ text: `${box}\n${EDITED}`, how: 'added' });
  });
});
