import { describe, expect, it } from 'vitest';
import { addProductLine } from '../../app/(portal)/orders/new/add-product-line';

describe('choosing a product in the quick order search', () => {
  it('adds a line “SKU 1” to an empty box, or at the end of the lines', () => {
    expect(addProductLine('', 'FAS-1001')).toEqual({ text: 'FAS-1001 1', quantity: 1, otherCase: null });
    expect(addProductLine('HTL-1002 3\n\n', 'FAS-1001')).toEqual({ text: 'HTL-1002 3\nFAS-1001 1', quantity: 1, otherCase: null });
  });

  it('adds one to the line that already names the SKU as written, whatever its separator', () => {
    expect(addProductLine('HTL-1002 3\nFAS-1001;2\nX 1', 'FAS-1001')).toEqual({
      text: 'HTL-1002 3\nFAS-1001 3\nX 1',
      quantity: 3,
      otherCase: null,
    });
    expect(addProductLine('FAS-1001\t0.5', 'FAS-1001')).toEqual({ text: 'FAS-1001 1.5', quantity: 1.5, otherCase: null });
  });

  it('leaves the SKU in another case alone (it may be another product’s), and says which line names it', () => {
    expect(addProductLine('ab-1 2', 'AB-1')).toEqual({ text: 'ab-1 2\nAB-1 1', quantity: 1, otherCase: 'ab-1' });
    expect(addProductLine('ab-1 2\nAB-1 1', 'AB-1')).toEqual({ text: 'ab-1 2\nAB-1 2', quantity: 2, otherCase: 'ab-1' });
    expect(addProductLine('ab-12 2', 'AB-1')).toEqual({ text: 'ab-12 2\nAB-1 1', quantity: 1, otherCase: null });
  });

  it('leaves a line it cannot read alone and adds a new one (the quick order adds repeated SKUs up)', () => {
    expect(addProductLine('FAS-1001 lots', 'FAS-1001')).toEqual({ text: 'FAS-1001 lots\nFAS-1001 1', quantity: 1, otherCase: null });
    expect(addProductLine('FAS-10011 2', 'FAS-1001')).toEqual({ text: 'FAS-10011 2\nFAS-1001 1', quantity: 1, otherCase: null });
  });
});
