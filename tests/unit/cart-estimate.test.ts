import { describe, expect, it } from 'vitest';
import { estimateCart, type PricedCartLike } from '../../lib/cart-estimate';
import { MAX_QUANTITY, QUANTITY_TEXT, quantityIssue, typedQuantity } from '../../lib/quantity';

/** Two lines as Odoo priced them: 3 × 10.00 and 2 × 25.00 less 10 %, 20 % tax on all. */
const cart: PricedCartLike = {
  lines: [
    { productId: 1, quantity: 3, priceUnit: 10, subtotal: 30, sellable: true },
    { productId: 2, quantity: 2, priceUnit: 25, subtotal: 45, sellable: true },
    { productId: 3, quantity: 1, priceUnit: 0, subtotal: 0, sellable: false },
  ],
  amountUntaxed: 75,
  amountTax: 15,
  amountTotal: 90,
};

describe('the order review estimate while quantities change', () => {
  it("shows Odoo's own figures, not estimates, while nothing changed", () => {
    const e = estimateCart(cart, { 1: '3', 2: '2' }, new Set());
    expect(e.estimated).toBe(false);
    expect(e).toMatchObject({ amountUntaxed: 75, amountTax: 15, amountTotal: 90 });
    expect(e.lines.get(1)).toEqual({ subtotal: 30, estimated: false });
  });

  it('prices a changed line at the last unit price Odoo gave and marks only that line', () => {
    const e = estimateCart(cart, { 1: '5', 2: '2' }, new Set());
    expect(e.lines.get(1)).toEqual({ subtotal: 50, estimated: true });
    expect(e.lines.get(2)).toEqual({ subtotal: 45, estimated: false });
    expect(e).toMatchObject({ amountUntaxed: 95, amountTax: 19, amountTotal: 114, estimated: true });
  });

  it("keeps a line's discount: the unit price is the subtotal over the quantity, not the list price", () => {
    expect(estimateCart(cart, { 1: '3', 2: '4' }, new Set()).lines.get(2)).toEqual({ subtotal: 90, estimated: true });
  });

  it('gives no subtotal for a quantity that cannot be ordered, and leaves it out of the total', () => {
    // As the line's own check reads the text: a third decimal written, or a thousands separator, is no quantity yet.
    for (const typed of ['100001', '1.2345', '1.1250', '0', 'x', '', '1.0000000001', '1,125']) {
      const e = estimateCart(cart, { 1: typed, 2: '2' }, new Set());
      expect(e.lines.get(1), typed).toEqual({ subtotal: null, estimated: true });
      expect(e.amountUntaxed, typed).toBe(45);
    }
    // The most and the finest that can be ordered are priced.
    expect(estimateCart(cart, { 1: '100000', 2: '2' }, new Set()).lines.get(1)?.subtotal).toBe(1_000_000);
    expect(estimateCart(cart, { 1: '1,1200', 2: '2' }, new Set()).lines.get(1)?.subtotal).toBe(11.2);
  });

  it('leaves removed lines out of the total', () => {
    const e = estimateCart(cart, { 1: '3', 2: '2' }, new Set([2]));
    expect(e.lines.has(2)).toBe(false);
    expect(e).toMatchObject({ amountUntaxed: 30, amountTax: 6, amountTotal: 36, estimated: true });
  });

  it('shows no subtotal for a quantity that is not a number above 0, and counts it as nothing', () => {
    for (const typed of ['', '0', 'abc', '-2']) {
      const e = estimateCart(cart, { 1: typed, 2: '2' }, new Set());
      expect(e.lines.get(1)).toEqual({ subtotal: null, estimated: true });
      expect(e.amountUntaxed).toBe(45);
    }
  });

  it('rounds to cents, and a cart without taxes stays without', () => {
    const noTax = { ...cart, amountTax: 0, amountTotal: 75 };
    // 0.07 × 10 is 0.7000000000000001 in floating point.
    const e = estimateCart(noTax, { 1: '0.07', 2: '2' }, new Set());
    expect(e.lines.get(1)?.subtotal).toBe(0.7);
    expect(e).toMatchObject({ amountTax: 0, amountTotal: 45.7 });
  });

  it('reads a typed quantity the way the server does', () => {
    for (const text of ['12', '2.5', '2,5', ' 7 ', '', '1e3', '0x10', '-1', '1.2.3', '+4']) {
      expect(Number.isNaN(typedQuantity(text)), text).toBe(!QUANTITY_TEXT.test(text.trim()));
    }
    expect(typedQuantity('2,5')).toBe(2.5);
  });
});

describe('why a quantity typed in the review cannot be ordered', () => {
  it.each([
    ['12', null],
    ['2,5', null],
    ['0.01', null],
    [String(MAX_QUANTITY), null],
    ['', 'not-a-number'],
    ['1e9', 'not-a-number'],
    ['-3', 'not-a-number'],
    ['0', 'not-positive'],
    ['0.000', 'not-positive'],
    [String(MAX_QUANTITY + 1), 'too-large'],
    ['1000000000', 'too-large'],
    ['1.2345', 'too-precise'],
    ['1.0005', 'too-precise'],
    // Finer than Odoo keeps (2 decimals): Odoo would round it to something else than typed.
    ['0.001', 'too-precise'],
    ['1.125', 'thousands-separator'],
    ['1.1250', 'too-precise'],
    ['0.0010', 'too-precise'],
    // Too fine to be anything but 0 hundredths: not a free line of a confirmed order.
    ['0.0000000001', 'too-precise'],
    ['0,0000000001', 'too-precise'],
    ['0.0004', 'too-precise'],
    ['99999.00005', 'too-precise'],
    ['1.0000000001', 'too-precise'],
    // A thousand in English, one in German: asked again, not guessed.
    ['1.001', 'thousands-separator'],
    ['2,500', 'thousands-separator'],
    ['1.0100', null],
    ['0.250', null],
    ['1000', null],
    ['99999.99', null],
    ['99999.999', 'too-precise'],
    ['1'.repeat(400), 'too-large'],
  ])('%j: %s', (typed, issue) => {
    expect(quantityIssue(typed)).toBe(issue);
  });
});

describe('every quantity of at most 2 decimals', () => {
  it('is taken, whatever floating point makes of it, and one more decimal never is', () => {
    const refused: string[] = [];
    const taken: string[] = [];
    for (let hundredths = 1; hundredths <= 10_000_000; hundredths += hundredths < 100_000 ? 1 : 997) {
      const typed = (hundredths / 100).toFixed(2);
      if (quantityIssue(typed) !== null) refused.push(typed);
      const finer = `${(hundredths / 100).toFixed(2)}5`;
      if (quantityIssue(finer) === null) taken.push(finer);
    }
    expect(refused).toEqual([]);
    expect(taken).toEqual([]);
  });
});
