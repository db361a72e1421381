import { describe, expect, it } from 'vitest';
import { parseQuickOrder, plainSku, quickOrderTemplate } from '../../lib/portal/quick-order';
import { quantityIssue } from '../../lib/quantity';
import { cartLine } from '../../lib/schemas/orders';

describe('reading a quick order', () => {
  it('reads pasted “SKU quantity” lines with spaces, tabs, commas or semicolons', () => {
    expect(parseQuickOrder('FAS-1001 12\nHTL-1002\t3\nPWR-1003, 1\nPWR-1004;2.5').lines).toEqual([
      { line: 1, sku: 'FAS-1001', quantity: 12 },
      { line: 2, sku: 'HTL-1002', quantity: 3 },
      { line: 3, sku: 'PWR-1003', quantity: 1 },
      { line: 4, sku: 'PWR-1004', quantity: 2.5 },
    ]);
  });

  it('reads the downloadable CSV template, skipping its header', () => {
    const { lines, errors } = parseQuickOrder(quickOrderTemplate(['FAS-1001', 'HTL-1002']));
    expect(errors).toEqual([]);
    expect(lines).toEqual([
      { line: 2, sku: 'FAS-1001', quantity: 12 },
      { line: 3, sku: 'HTL-1002', quantity: 1 },
    ]);
    expect(quickOrderTemplate([])).toBe('sku,quantity\n');
  });

  it('skips the template header of a file loaded below typed lines, and only a header', () => {
    const typedThenFile = `FAS-1001 2\n${quickOrderTemplate(['HTL-1002'])}`;
    expect(parseQuickOrder(typedThenFile)).toEqual({
      lines: [
        { line: 1, sku: 'FAS-1001', quantity: 2 },
        { line: 3, sku: 'HTL-1002', quantity: 12 },
      ],
      errors: [],
    });
    // Further down, a SKU named like the header column with a quantity is an order line, and a bad quantity is an error.
    const { lines, errors } = parseQuickOrder('FAS-1001 2\nproduct 3\nsku 1x');
    expect(lines).toEqual([
      { line: 1, sku: 'FAS-1001', quantity: 2 },
      { line: 2, sku: 'product', quantity: 3 },
    ]);
    expect(errors.map((e) => e.line)).toEqual([3]);
  });

  it('shows in the template only SKUs a CSV cell holds as they are', () => {
    expect(['FURN_0269', 'E-COM11', 'A1'].filter(plainSku)).toEqual(['FURN_0269', 'E-COM11', 'A1']);
    expect(['A B', 'A,B', 'A;B', 'A"B', '=SUM(A1)', '+1', '-1', '@x', '', 'x'.repeat(65)].filter(plainSku)).toEqual([]);
  });

  it('adds up a SKU given twice as written, and keeps SKUs that differ in case apart (two products may)', () => {
    expect(parseQuickOrder('FAS-1001 2\nFAS-1001 3').lines).toEqual([{ line: 1, sku: 'FAS-1001', quantity: 5 }]);
    expect(parseQuickOrder('FAS-1001 2\nfas-1001 3').lines).toEqual([
      { line: 1, sku: 'FAS-1001', quantity: 2 },
      { line: 2, sku: 'fas-1001', quantity: 3 },
    ]);
  });

  it('gives one error per bad line with its line number, and keeps the good lines', () => {
    const { lines, errors } = parseQuickOrder(
      'FAS-1001 abc\n\nFAS-1002 0\nFAS-1003\nFAS-1004 -1\nFAS-1005 1.23456\nFAS-1006 200000\nFAS-1007 4',
    );
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [1, '“abc” is not a quantity: write a number above 0, like 12 or 2.5.'],
      [3, '“0” is not a quantity: write a number above 0, like 12 or 2.5.'],
      [4, 'Write a SKU and then a quantity on the line, separated by a space, a comma or a semicolon.'],
      [5, '“-1” is not a quantity: write a number above 0, like 12 or 2.5.'],
      [6, 'Use at most 2 decimals.'],
      [7, 'The quantity is at most 100,000.'],
    ]);
    expect(lines).toEqual([{ line: 8, sku: 'FAS-1007', quantity: 4 }]);
  });

  it('names a spreadsheet line with more than two columns as such', () => {
    const { lines, errors } = parseQuickOrder('sku,quantity,description\nFAS-1001,2,Hex bolts\nHTL-1002,1');
    // The header line is skipped as the template's; the line with a description is named.
    expect(errors).toEqual([expect.objectContaining({ line: 2, message: 'Use two columns, SKU and quantity: this line has 3.' })]);
    expect(lines).toEqual([{ line: 3, sku: 'HTL-1002', quantity: 1 }]);
  });

  it('accepts a decimal comma in a space-separated paste', () => {
    expect(parseQuickOrder('FAS-1001 1,5').lines[0]?.quantity).toBe(1.5);
  });

  it('refuses a quantity finer than Odoo keeps (2 decimals, to which Odoo would round it: 0.001 to a free line of 0)', () => {
    const { lines, errors } = parseQuickOrder(
      'FAS-1002 0,0000000001\nFAS-1003 1.0000000001\nFAS-1004 0.0100\nFAS-1005 0.001\nFAS-1006 1.1250',
    );
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [1, 'Use at most 2 decimals.'],
      [2, 'Use at most 2 decimals.'],
      [4, 'Use at most 2 decimals.'],
      [5, 'Use at most 2 decimals.'],
    ]);
    expect(lines).toEqual([{ line: 3, sku: 'FAS-1004', quantity: 0.01 }]);
  });

  it('asks again for a quantity that could be a thousand or one, rather than guess', () => {
    const { lines, errors } = parseQuickOrder('FAS-1001 1,000\nFAS-1002 2.500\nFAS-1003 1000\nFAS-1004 2.5\nFAS-1005 12,25');
    expect(errors).toEqual([
      expect.objectContaining({ line: 1, words: { key: 'thousandsSeparator', values: { text: '1,000' } } }),
      expect.objectContaining({ line: 2, words: { key: 'thousandsSeparator', values: { text: '2.500' } } }),
    ]);
    expect(errors[0]!.message).toBe(
      '“1,000” could be a thousand or one: write thousands without a separator (1000), decimals with one (2.5).',
    );
    expect(lines.map((l) => l.quantity)).toEqual([1000, 2.5, 12.25]);
    // The review's fields and the order itself refuse it the same way.
    expect(quantityIssue('1.000')).toBe('thousands-separator');
    expect(quantityIssue('1000')).toBeNull();
    expect(cartLine.safeParse({ productId: 1, quantity: '2,500' }).error?.issues[0]?.message).toBe(
      'Write thousands without a separator (1000): “1,000” could also be read as 1.',
    );
    expect(cartLine.parse({ productId: 1, quantity: 2.5 }).quantity).toBe(2.5);
  });

  it('reads quantities as decimals: not hex, exponents, signs or words', () => {
    const { lines, errors } = parseQuickOrder('FAS-1001 0x10\nFAS-1002 1e1\nFAS-1003 +5\nFAS-1004 Infinity\nFAS-1005 0b11\nFAS-1006 007');
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [1, '“0x10” is not a quantity: write a number above 0, like 12 or 2.5.'],
      [2, '“1e1” is not a quantity: write a number above 0, like 12 or 2.5.'],
      [3, '“+5” is not a quantity: write a number above 0, like 12 or 2.5.'],
      [4, '“Infinity” is not a quantity: write a number above 0, like 12 or 2.5.'],
      [5, '“0b11” is not a quantity: write a number above 0, like 12 or 2.5.'],
    ]);
    expect(lines).toEqual([{ line: 6, sku: 'FAS-1006', quantity: 7 }]);
  });

  it('holds a SKU repeated over many lines to the limit of one line', () => {
    const { lines, errors } = parseQuickOrder(Array.from({ length: 2000 }, () => 'FAS-1001 100000').join('\n'));
    expect(lines).toEqual([{ line: 1, sku: 'FAS-1001', quantity: 100_000 }]);
    expect(errors).toHaveLength(1999);
    expect(errors[0]).toMatchObject({ line: 2, message: 'With line 1, FAS-1001 adds up to more than 100,000.' });
    expect(parseQuickOrder('FAS-1001 60000\nFAS-1001 40000').lines[0]?.quantity).toBe(100_000);
  });

  it('adds decimals up without floating-point dust', () => {
    expect(parseQuickOrder('FAS-1001 0.1\nFAS-1001 0.2').lines[0]?.quantity).toBe(0.3);
  });
});
