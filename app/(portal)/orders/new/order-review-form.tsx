'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useEffectEvent, useRef, useState, useTransition } from 'react';
import { estimateCart, typedQuantity, type CartEstimate } from '@/lib/cart-estimate';
import { formatMoney, formatQuantity } from '@/lib/format';
import { Alert, Badge, buttonClass, inputClass, labelClass, secondaryButtonClass } from '@/components/ui';
import { Table, type Column } from '@/components/table';
import type { ActionResult } from '@/lib/http/action';
import type { PlacedOrder, PricedCart } from '@/lib/types';

type CartLine = PricedCart['lines'][number];

/** How long after the last keystroke the cart is priced again: typing "120" asks once, not three times. */
export const REPRICE_DELAY_MS = 500;
import { placeOrderAction, repriceAction } from '../actions';

export interface AddressOption {
  id: number;
  label: string;
}

/**
 * The review screen shared by reorder and quick order: current prices and stock from
 * Odoo, editable quantities, delivery address, PO reference and requested date. The
 * form's idempotency key comes from the server render, so a double click, a retry or the
 * same form sent again creates one order. While a quantity changes, the line and the total
 * follow at once from the last prices Odoo gave (marked as estimates, lib/cart-estimate.ts),
 * and shortly after the typing stops the server prices the cart again, as "Update prices"
 * does. The total and "Place order" stay in view at the bottom while the lines scroll.
 */
export function OrderReviewForm({
  initialCart,
  addresses,
  defaultAddressId,
  idempotencyKey,
  today,
}: {
  initialCart: PricedCart;
  addresses: AddressOption[];
  /** Where the order goes unless changed (a reorder: the original order's address); else the first. */
  defaultAddressId?: number;
  idempotencyKey: string;
  today: string;
}) {
  const router = useRouter();
  const [cart, setCart] = useState(initialCart);
  const [quantities, setQuantities] = useState(() => Object.fromEntries(initialCart.lines.map((l) => [l.productId, String(l.quantity)])));
  const [removed, setRemoved] = useState<Set<number>>(new Set());
  const [repricing, startReprice] = useTransition();
  const [repriceError, setRepriceError] = useState<string | null>(null);
  const [state, submit, submitting] = useActionState(
    async (prev: ActionResult<PlacedOrder> | null, payload: Parameters<typeof placeOrderAction>[1]) => {
      const result = await placeOrderAction(prev, payload);
      if (result.ok) router.push(`/orders/${result.data.id}?placed=1`);
      return result;
    },
    null,
  );

  // The latest price request; an answer to an earlier one (quantities typed since) is dropped.
  const latestRequest = useRef(0);

  const orderable = cart.lines.filter((l) => l.sellable && !removed.has(l.productId));
  const estimate = estimateCart(cart, quantities, removed);
  const badQuantity = orderable.find((l) => !(typedQuantity(quantities[l.productId]) > 0));
  const fieldErrors = state && !state.ok ? (state.error.fields ?? {}) : {};
  const requested = () => orderable.map((l) => ({ productId: l.productId, quantity: typedQuantity(quantities[l.productId]) }));

  function reprice() {
    const request = ++latestRequest.current;
    const lines = requested();
    setRepriceError(null);
    startReprice(async () => {
      const result = await repriceAction(null, { lines });
      if (request !== latestRequest.current) return;
      if (result.ok) setCart((prev) => ({ ...result.data, lines: [...result.data.lines, ...prev.lines.filter((l) => !l.sellable)] }));
      else setRepriceError(result.error.message);
    });
  }

  // Quantities typed or a line removed: price again once the typing has stopped.
  const repriceLater = useEffectEvent(reprice);
  const needsPrices = estimate.estimated && !badQuantity && orderable.length > 0 && !submitting && !state?.ok;
  const asked = JSON.stringify(orderable.map((l) => [l.productId, quantities[l.productId]]));
  useEffect(() => {
    if (!needsPrices) return;
    const timer = setTimeout(repriceLater, REPRICE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [needsPrices, asked]);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    latestRequest.current++;
    const form = new FormData(e.currentTarget);
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    startReprice(() =>
      submit({
        idempotencyKey,
        lines: requested(),
        shippingAddressId: Number(form.get('shippingAddressId')),
        poReference: field('poReference'),
        requestedDate: field('requestedDate'),
      }),
    );
  }

  const columns = lineColumns({
    currency: cart.currency,
    estimate,
    quantities,
    setQuantity: (productId, value) => setQuantities((prev) => ({ ...prev, [productId]: value })),
    remove: (productId) => setRemoved((prev) => new Set(prev).add(productId)),
  });

  return (
    // The quantity fields exist twice (table and phone cards, one of them hidden), so the browser's
    // own checks would stop on the hidden copy: the fields are checked here and on the server.
    <form onSubmit={onSubmit} noValidate aria-label="Review and place the order" className="flex flex-col gap-4">
      <Table
        caption="Products to order with current prices"
        columns={columns}
        rows={cart.lines.filter((l) => !removed.has(l.productId))}
        rowKey={(l) => l.productId}
      />
      {estimate.estimated ? (
        <Alert tone="warning">
          Quantities changed: amounts marked “estimate” use the last prices and are priced again in a moment (or press “Update prices”). The
          order is priced again when you place it.
        </Alert>
      ) : null}
      {repriceError ? <Alert tone="error">{repriceError}</Alert> : null}
      <fieldset className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3">
        <legend className="px-1 font-semibold">Delivery</legend>
        <div>
          <label htmlFor="shippingAddressId" className={labelClass}>
            Deliver to
          </label>
          <select
            id="shippingAddressId"
            name="shippingAddressId"
            className={inputClass}
            defaultValue={defaultAddressId ?? addresses[0]?.id}
            aria-describedby={fieldErrors.shippingAddressId ? 'address-error' : undefined}
          >
            {addresses.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
          {fieldErrors.shippingAddressId ? (
            <p id="address-error" className="mt-1 text-sm text-red-800">
              {fieldErrors.shippingAddressId[0]}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="poReference" className={labelClass}>
            Your PO reference <span className="font-normal text-slate-700">(optional)</span>
          </label>
          <input
            id="poReference"
            name="poReference"
            maxLength={64}
            className={inputClass}
            aria-describedby={fieldErrors.poReference ? 'po-error' : undefined}
          />
          {fieldErrors.poReference ? (
            <p id="po-error" className="mt-1 text-sm text-red-800">
              {fieldErrors.poReference[0]}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="requestedDate" className={labelClass}>
            Requested delivery date <span className="font-normal text-slate-700">(optional)</span>
          </label>
          <input
            id="requestedDate"
            name="requestedDate"
            type="date"
            min={today}
            className={inputClass}
            aria-describedby={fieldErrors.requestedDate ? 'date-error' : undefined}
          />
          {fieldErrors.requestedDate ? (
            <p id="date-error" className="mt-1 text-sm text-red-800">
              {fieldErrors.requestedDate[0]}
            </p>
          ) : null}
        </div>
      </fieldset>
      {state && !state.ok ? (
        <Alert tone="error" title="The order was not placed">
          {state.error.message}
        </Alert>
      ) : null}
      {badQuantity ? <Alert tone="error">Enter a quantity above 0 for {badQuantity.name}.</Alert> : null}
      {cart.creditWarning && !state?.ok ? (
        // Odoo's own words (its quotation form's banner). A warning, as in Odoo: the order can still be placed.
        <Alert tone="warning" title="This order exceeds your credit limit">
          <p className="whitespace-pre-line">{cart.creditWarning}</p>
          <p className="mt-1">You can still place the order.</p>
        </Alert>
      ) : null}
      <section
        aria-label="Order summary"
        className="sticky bottom-0 z-10 flex flex-wrap items-center justify-between gap-x-4 gap-y-2 rounded-t-lg border border-slate-300 bg-white px-4 py-3 shadow-[0_-2px_8px_rgba(0,0,0,0.08)] sm:rounded-lg"
      >
        <dl className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm" aria-live="polite">
          <div className="hidden gap-2 sm:flex">
            <dt>Untaxed</dt>
            <dd className="tabular-nums">{formatMoney(estimate.amountUntaxed, cart.currency)}</dd>
          </div>
          <div className="hidden gap-2 sm:flex">
            <dt>Taxes</dt>
            <dd className="tabular-nums">{formatMoney(estimate.amountTax, cart.currency)}</dd>
          </div>
          <div className="flex gap-2 text-base font-semibold">
            <dt>Total{estimate.estimated ? <span className="font-normal text-amber-900"> (estimate)</span> : null}</dt>
            <dd className="tabular-nums">{formatMoney(estimate.amountTotal, cart.currency)}</dd>
          </div>
        </dl>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={reprice}
            disabled={repricing || !orderable.length || !!badQuantity}
          >
            {repricing ? 'Updating prices…' : 'Update prices'}
          </button>
          <button type="submit" className={buttonClass} disabled={submitting || !orderable.length || !!badQuantity || (state?.ok ?? false)}>
            {submitting ? 'Placing the order…' : state?.ok ? 'Order placed' : 'Place order'}
          </button>
        </div>
      </section>
    </form>
  );
}

/** The review's columns: a quantity field and a Remove button in each line, its subtotal an estimate until priced. */
function lineColumns({
  currency,
  estimate,
  quantities,
  setQuantity,
  remove,
}: {
  currency: string;
  estimate: CartEstimate;
  quantities: Record<number, string>;
  setQuantity: (productId: number, value: string) => void;
  remove: (productId: number) => void;
}): Column<CartLine>[] {
  return [
    {
      id: 'product',
      header: 'Product',
      card: 'title',
      cell: (l) => (
        <>
          <span className="font-medium">{l.name}</span>
          {l.sku ? <span className="block text-xs font-normal text-slate-700">{l.sku}</span> : null}
          {l.problem ? <Badge color="red">{l.problem}</Badge> : null}
        </>
      ),
    },
    {
      id: 'stock',
      header: 'In stock',
      cell: (l) =>
        l.available === null ? (
          '—'
        ) : l.available >= l.quantity ? (
          formatQuantity(l.available)
        ) : (
          <Badge color="amber">{formatQuantity(l.available)} (rest on backorder)</Badge>
        ),
    },
    {
      id: 'quantity',
      header: 'Quantity',
      cell: (l, place) => {
        if (!l.sellable) return <span className="text-slate-700">Not ordered</span>;
        // Each copy its own id: the table's keeps the one scripts and tests have always used.
        const id = place === 'table' ? `qty-${l.productId}` : `card-qty-${l.productId}`;
        return (
          <>
            <label htmlFor={id} className="sr-only">
              Quantity of {l.name}
            </label>
            <input
              id={id}
              type="number"
              inputMode="decimal"
              min="0.001"
              step="any"
              max="100000"
              required
              value={quantities[l.productId] ?? ''}
              onChange={(e) => setQuantity(l.productId, e.target.value)}
              className="w-24 rounded border border-slate-400 px-2 py-1 text-right tabular-nums"
            />
          </>
        );
      },
    },
    { id: 'price', header: 'Unit price', amount: true, cell: (l) => (l.sellable ? formatMoney(l.priceUnit, currency) : '—') },
    {
      id: 'subtotal',
      header: 'Subtotal',
      amount: true,
      strong: true,
      cell: (l) => {
        const line = estimate.lines.get(l.productId);
        if (!l.sellable || !line || line.subtotal === null) return '—';
        return (
          <>
            {formatMoney(line.subtotal, currency)}
            {line.estimated ? <span className="block text-xs font-normal text-amber-900">estimate</span> : null}
          </>
        );
      },
    },
    {
      id: 'remove',
      header: 'Remove',
      hideHeader: true,
      card: 'badge',
      cell: (l) =>
        l.sellable ? (
          <button type="button" className="text-sm font-normal text-red-800 underline" onClick={() => remove(l.productId)}>
            Remove<span className="sr-only"> {l.name}</span>
          </button>
        ) : null,
    },
  ];
}
