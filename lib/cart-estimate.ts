/**
 * The amounts of an order review while quantities change, before Odoo prices them again:
 * each changed line at the unit price Odoo last gave it (its subtotal over its quantity, so
 * a discount carries over), taxes in the same proportion to the untaxed amount as Odoo's
 * last answer. Only a preview: quantity breaks and per-line tax rates can differ, so the
 * result says which figures are estimates, and the server prices the cart again.
 */
import { quantityIssue, quantityIssueOf, typedQuantity } from './quantity';

export interface PricedLineLike {
  productId: number;
  quantity: number;
  priceUnit: number;
  subtotal: number;
  sellable: boolean;
}

export interface PricedCartLike {
  lines: PricedLineLike[];
  amountUntaxed: number;
  amountTax: number;
  amountTotal: number;
}

export interface LineEstimate {
  /** null while the quantity typed is not a number above 0. */
  subtotal: number | null;
  estimated: boolean;
}

export interface CartEstimate {
  lines: Map<number, LineEstimate>;
  amountUntaxed: number;
  amountTax: number;
  amountTotal: number;
  /** True when any figure differs from what Odoo priced: a quantity changed or a line was removed. */
  estimated: boolean;
}

const cents = (n: number) => Math.round(n * 100) / 100;

export function estimateCart(
  cart: PricedCartLike,
  quantities: Record<number, string | undefined>,
  removed: ReadonlySet<number>,
): CartEstimate {
  const lines = new Map<number, LineEstimate>();
  let untaxed = 0;
  let estimated = false;
  for (const line of cart.lines) {
    if (!line.sellable) continue;
    if (removed.has(line.productId)) {
      estimated = true;
      continue;
    }
    const typed = quantities[line.productId];
    const q = typed === undefined ? line.quantity : typedQuantity(typed);
    // A quantity that cannot be ordered has no subtotal (not 10⁹ times the price).
    if ((typed === undefined ? quantityIssueOf(q) : quantityIssue(typed)) !== null) {
      lines.set(line.productId, { subtotal: null, estimated: true });
      estimated = true;
      continue;
    }
    if (q === line.quantity) {
      lines.set(line.productId, { subtotal: line.subtotal, estimated: false });
      untaxed += line.subtotal;
      continue;
    }
    const unit = line.quantity > 0 ? line.subtotal / line.quantity : line.priceUnit;
    const subtotal = cents(unit * q);
    lines.set(line.productId, { subtotal, estimated: true });
    untaxed += subtotal;
    estimated = true;
  }
  // Odoo's own figures while nothing changed: no rounding of ours in between.
  if (!estimated) return { lines, amountUntaxed: cart.amountUntaxed, amountTax: cart.amountTax, amountTotal: cart.amountTotal, estimated };
  const amountUntaxed = cents(untaxed);
  const amountTax = cart.amountUntaxed ? cents((cart.amountTax * amountUntaxed) / cart.amountUntaxed) : 0;
  return { lines, amountUntaxed, amountTax, amountTotal: cents(amountUntaxed + amountTax), estimated };
}
