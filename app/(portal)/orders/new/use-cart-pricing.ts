import { useEffect, useEffectEvent, useRef, useState, useTransition } from 'react';
import { estimateCart } from '@/lib/cart-estimate';
import { quantityIssue, typedQuantity } from '@/lib/quantity';
import type { PricedCart } from '@/lib/types';
import { repriceAction } from '../actions';

/** How long after the last keystroke the cart is priced again: typing "120" asks once, not three times. */
export const REPRICE_DELAY_MS = 500;

/**
 * The review's cart as the customer edits it: quantities typed, lines removed, the estimate
 * from the last prices Odoo gave (lib/cart-estimate.ts), and Odoo's prices asked again once
 * the typing has stopped or on "Update prices". An answer to an earlier request (quantities
 * typed since, or the order being placed) is dropped. `paused` while the order is placed.
 */
export function useCartPricing(initialCart: PricedCart, { paused }: { paused: boolean }) {
  const [cart, setCart] = useState(initialCart);
  const [quantities, setQuantities] = useState(() => Object.fromEntries(initialCart.lines.map((l) => [l.productId, String(l.quantity)])));
  const [removed, setRemoved] = useState<Set<number>>(new Set());
  const [repricing, startReprice] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const latestRequest = useRef(0);

  const orderable = cart.lines.filter((l) => l.sellable && !removed.has(l.productId));
  const estimate = estimateCart(cart, quantities, removed);
  const issueOf = (productId: number) => quantityIssue(quantities[productId]);
  const badLine = orderable.find((l) => issueOf(l.productId) !== null);
  const badQuantity = badLine ? { name: badLine.name, issue: issueOf(badLine.productId)! } : undefined;
  const requested = () => orderable.map((l) => ({ productId: l.productId, quantity: typedQuantity(quantities[l.productId]) }));

  function reprice() {
    const request = ++latestRequest.current;
    const lines = requested();
    setError(null);
    startReprice(async () => {
      const result = await repriceAction(null, { lines });
      if (request !== latestRequest.current) return;
      if (result.ok) setCart((prev) => ({ ...result.data, lines: [...result.data.lines, ...prev.lines.filter((l) => !l.sellable)] }));
      else setError(result.error.message);
    });
  }

  // Quantities typed or a line removed: price again once the typing has stopped.
  const repriceLater = useEffectEvent(reprice);
  const needsPrices = estimate.estimated && !badQuantity && orderable.length > 0 && !paused;
  const asked = JSON.stringify(orderable.map((l) => [l.productId, quantities[l.productId]]));
  useEffect(() => {
    if (!needsPrices) return;
    const timer = setTimeout(repriceLater, REPRICE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [needsPrices, asked]);

  return {
    cart,
    quantities,
    removed,
    orderable,
    estimate,
    badQuantity,
    /** Why the quantity typed on a line cannot be ordered, or null. */
    issueOf,
    repricing,
    error,
    requested,
    reprice,
    setQuantity: (productId: number, value: string) => setQuantities((prev) => ({ ...prev, [productId]: value })),
    remove: (productId: number) => setRemoved((prev) => new Set(prev).add(productId)),
    /** Places the order in the same transition, and drops any price answer still on its way. */
    whilePlacing: (place: () => void) => {
      latestRequest.current++;
      startReprice(place);
    },
  };
}
