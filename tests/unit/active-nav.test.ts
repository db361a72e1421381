import { describe, expect, it } from 'vitest';
import { activeNavHref } from '../../lib/active-nav';

const MENU = ['/', '/orders', '/orders/new', '/deliveries', '/invoices', '/account'];

describe('the lit menu entry', () => {
  it('is only Quick order on /orders/new, not Orders as well', () => {
    expect(activeNavHref('/orders/new', MENU)).toBe('/orders/new');
  });

  it('is Orders on an order and on the order list', () => {
    expect(activeNavHref('/orders', MENU)).toBe('/orders');
    expect(activeNavHref('/orders/1203', MENU)).toBe('/orders');
  });

  it('is Home only on the home page', () => {
    expect(activeNavHref('/', MENU)).toBe('/');
    expect(activeNavHref('/statement', MENU)).toBeUndefined();
  });
});
