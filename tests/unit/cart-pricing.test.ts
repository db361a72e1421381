import { describe, expect, it } from 'vitest';
import {
  cartLines,
  creditWarningFromFigures,
  NO_LONGER_AVAILABLE,
  pricedCart,
  pricingOnchange,
  productName,
  productsToRead,
  unpricedCart,
} from '../../lib/portal/cart-pricing';

const SELLER = 1;
const product = (id: number, sku: string, over: Record<string, unknown> = {}) => ({
  id,
  name: `Product ${id}`,
  default_code: sku,
  active: true,
  sale_ok: true,
  company_id: false,
  uom_id: [1, 'Units'],
  type: 'consu',
  free_qty: 7,
  ...over,
});

describe('the cart without Odoo', () => {
  it('reads only the products that did not come with the requests, by id or by SKU', () => {
    expect(
      productsToRead([
        { productId: 5, quantity: 1 },
        { sku: 'FAS-1', quantity: 2 },
        { productId: 6, quantity: 1, product: product(6, 'X') },
      ]),
    ).toEqual({
      byId: [5],
      bySku: ['FAS-1'],
      count: 2,
    });
  });

  it('makes a line per catalogue product, an error per unknown SKU, and keeps a reorder line whose product left by its name', () => {
    const { lines, errors } = cartLines(
      [
        { sku: 'fas-1', quantity: 3, line: 1 },
        { sku: 'NOPE', quantity: 1, line: 2 },
        { productId: 9, quantity: 2, name: 'Old bolt' },
        { productId: 8, quantity: 1 },
      ],
      [product(5, 'FAS-1'), product(8, 'ARCH', { active: false })],
      SELLER,
    );
    expect(lines).toEqual([
      expect.objectContaining({ productId: 5, sku: 'FAS-1', quantity: 3, unit: 'Units', available: 7, sellable: true, problem: null }),
      expect.objectContaining({ productId: 9, name: 'Old bolt', sellable: false, problem: NO_LONGER_AVAILABLE, available: null }),
    ]);
    expect(errors).toEqual([
      { line: 2, text: 'NOPE', message: 'Unknown SKU “NOPE”.', words: { key: 'unknownSku', values: { sku: 'NOPE' } } },
      { line: 0, text: '8', message: 'This product is no longer available.', words: { key: 'productGone' } },
    ]);
  });

  it('orders two products whose SKUs differ only in case apart, and adds up one product written in two cases', () => {
    const products = [product(5, 'ab-1'), product(6, 'AB-1'), product(7, 'FAS-1')];
    const { lines, errors } = cartLines(
      [
        { sku: 'ab-1', quantity: 2, line: 1 },
        { sku: 'AB-1', quantity: 3, line: 2 },
        { sku: 'FAS-1', quantity: 1.1, line: 3 },
        { sku: 'fas-1', quantity: 2.2, line: 4 },
      ],
      products,
      SELLER,
    );
    expect(lines.map((l) => [l.productId, l.sku, l.quantity])).toEqual([
      [5, 'ab-1', 2],
      [6, 'AB-1', 3],
      [7, 'FAS-1', 3.3],
    ]);
    expect(errors).toEqual([]);
    // Added up, one product is held to the limit of one line, and the line over it says with which.
    const over = cartLines(
      [
        { sku: 'FAS-1', quantity: 60_000, line: 1 },
        { sku: 'fas-1', quantity: 50_000, line: 2 },
      ],
      products,
      SELLER,
    );
    expect(over.lines.map((l) => l.quantity)).toEqual([60_000]);
    expect(over.errors).toEqual([
      expect.objectContaining({ line: 2, text: 'fas-1', message: 'With line 1, FAS-1 adds up to more than 100,000.' }),
    ]);
  });

  it('names a product as its variant (Odoo’s display name without the SKU) and offers what is free, not what is on hand', () => {
    const { lines } = cartLines(
      [
        { productId: 15, quantity: 1 },
        { productId: 16, quantity: 1 },
        { productId: 17, quantity: 1 },
      ],
      [
        product(15, 'DESK0005', {
          name: 'Customizable Desk',
          display_name: '[DESK0005] Customizable Desk (White, Custom)',
          free_qty: 0,
          qty_available: 6,
        }),
        product(16, 'DESK0006', { name: 'Customizable Desk', display_name: '[DESK0006] Customizable Desk (Black, Custom)' }),
        product(17, '', { name: 'Two-Seat Sofa', display_name: 'Two-Seat Sofa (Linen)', default_code: false }),
      ],
      SELLER,
    );
    expect(lines.map((l) => [l.name, l.available])).toEqual([
      ['Customizable Desk (White, Custom)', 0],
      ['Customizable Desk (Black, Custom)', 7],
      ['Two-Seat Sofa (Linen)', 7],
    ]);
    expect(productName({ id: 1, name: 'Bolt' })).toBe('Bolt');
  });

  it('prices the sellable lines in the order they were sent to the onchange, and leaves the others at zero', () => {
    const { lines, errors } = cartLines(
      [
        { productId: 9, quantity: 2, name: 'Old bolt' },
        { sku: 'FAS-1', quantity: 3 },
        { sku: 'FAS-2', quantity: 1 },
      ],
      [product(5, 'FAS-1'), product(6, 'FAS-2')],
      SELLER,
    );
    expect(pricingOnchange(21, lines).values).toEqual({
      partner_id: 21,
      order_line: [
        [0, 'line_0', { product_id: 5, product_uom_qty: 3 }],
        [0, 'line_1', { product_id: 6, product_uom_qty: 1 }],
      ],
    });
    const cart = pricedCart(lines, errors, {
      currency_id: { id: 2, display_name: 'USD' },
      amount_untaxed: 35,
      amount_tax: 5.25,
      amount_total: 40.25,
      order_line: [
        [0, 'line_0', { price_unit: 10, price_subtotal: 30 }],
        [0, 'line_1', { price_unit: 5, price_subtotal: 5 }],
      ],
    });
    expect(cart.lines.map((l) => [l.productId, l.priceUnit, l.subtotal])).toEqual([
      [9, 0, 0],
      [5, 10, 30],
      [6, 5, 5],
    ]);
    expect(cart).toMatchObject({ currency: 'USD', amountUntaxed: 35, amountTax: 5.25, amountTotal: 40.25 });
  });

  it('asks Odoo for its credit warning with the prices, and keeps its words (or none when Odoo answers false)', () => {
    expect(pricingOnchange(21, []).spec).toHaveProperty('partner_credit_warning');
    const warning =
      'Brightline Hardware Ltd has reached its credit limit of: $\u00a05,600,000.00\nTotal amount due (including this document): $\u00a05,700,000.00';
    expect(pricedCart([], [], { amount_total: 1, partner_credit_warning: warning }).creditWarning).toBe(warning);
    expect(pricedCart([], [], { amount_total: 1, partner_credit_warning: false }).creditWarning).toBeNull();
  });

  it('words the warning as Odoo does from the figures when Odoo did not answer it, and only in the currency of the limit', () => {
    const credit = {
      limit: 1000,
      used: 900,
      available: 100,
      overLimit: false,
      currency: 'USD',
      partnerName: 'Brightline Hardware Ltd',
    };
    const cart = (amountTotal: number, currency = 'USD') => ({ ...unpricedCart([], []), currency, amountTotal });
    expect(creditWarningFromFigures(credit, cart(150), 'en')).toMatch(
      /^Brightline Hardware Ltd has reached its credit limit of: .*1,000\.00\nTotal amount due \(including this document\): .*1,050\.00$/,
    );
    expect(creditWarningFromFigures(credit, cart(150), 'de')).toMatch(
      /^Brightline Hardware Ltd hat das Kreditlimit von 1\.000,00\s\$ erreicht\.\nOffener Gesamtbetrag \(einschließlich dieses Dokuments\): 1\.050,00\s\$$/,
    );
    expect(creditWarningFromFigures(credit, cart(100), 'en')).toBeNull();
    expect(creditWarningFromFigures(credit, cart(150, 'EUR'), 'en')).toBeNull();
    expect(creditWarningFromFigures(null, cart(150), 'en')).toBeNull();
  });
});
