'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useState, useTransition } from 'react';
import { formatMoney, formatQuantity } from '@/lib/format';
import { Alert, Badge, buttonClass, inputClass, labelClass, secondaryButtonClass } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';
import type { PlacedOrder, PricedCart } from '@/lib/types';
import { placeOrderAction, repriceAction } from '../actions';

export interface AddressOption {
  id: number;
  label: string;
}

/**
 * The review screen shared by reorder and quick order: current prices and stock from
 * Odoo, editable quantities, delivery address, PO reference and requested date. The
 * form's idempotency key comes from the server render, so a double click, a retry or the
 * same form sent again creates one order.
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

  const orderable = cart.lines.filter((l) => l.sellable && !removed.has(l.productId));
  const dirty = orderable.some((l) => Number(quantities[l.productId]) !== l.quantity);
  const badQuantity = orderable.find((l) => !(Number(quantities[l.productId]) > 0));
  const fieldErrors = state && !state.ok ? (state.error.fields ?? {}) : {};

  function reprice() {
    setRepriceError(null);
    startReprice(async () => {
      const result = await repriceAction(null, {
        lines: orderable.map((l) => ({ productId: l.productId, quantity: Number(quantities[l.productId]) })),
      });
      if (result.ok) setCart({ ...result.data, lines: [...result.data.lines, ...cart.lines.filter((l) => !l.sellable)] });
      else setRepriceError(result.error.message);
    });
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    startReprice(() =>
      submit({
        idempotencyKey,
        lines: orderable.map((l) => ({ productId: l.productId, quantity: Number(quantities[l.productId]) })),
        shippingAddressId: Number(form.get('shippingAddressId')),
        poReference: String(form.get('poReference') ?? ''),
        requestedDate: String(form.get('requestedDate') ?? ''),
      }),
    );
  }

  return (
    <form onSubmit={onSubmit} aria-label="Review and place the order" className="flex flex-col gap-4">
      <div tabIndex={0} className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Products to order with current prices</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="px-3 py-2">
                Product
              </th>
              <th scope="col" className="px-3 py-2">
                In stock
              </th>
              <th scope="col" className="px-3 py-2">
                Quantity
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Unit price
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Subtotal
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {cart.lines
              .filter((l) => !removed.has(l.productId))
              .map((l) => (
                <tr key={l.productId} className="border-t border-slate-200">
                  <td className="px-3 py-2">
                    <span className="font-medium">{l.name}</span>
                    {l.sku ? <span className="block text-xs text-slate-700">{l.sku}</span> : null}
                    {l.problem ? <Badge color="red">{l.problem}</Badge> : null}
                  </td>
                  <td className="px-3 py-2">
                    {l.available === null ? (
                      '—'
                    ) : l.available >= l.quantity ? (
                      formatQuantity(l.available)
                    ) : (
                      <Badge color="amber">{formatQuantity(l.available)} (rest on backorder)</Badge>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    {l.sellable ? (
                      <>
                        <label htmlFor={`qty-${l.productId}`} className="sr-only">
                          Quantity of {l.name}
                        </label>
                        <input
                          id={`qty-${l.productId}`}
                          type="number"
                          inputMode="decimal"
                          min="0.001"
                          step="any"
                          max="100000"
                          required
                          value={quantities[l.productId] ?? ''}
                          onChange={(e) => setQuantities({ ...quantities, [l.productId]: e.target.value })}
                          className="w-24 rounded border border-slate-400 px-2 py-1"
                        />
                      </>
                    ) : (
                      <span className="text-slate-700">Not ordered</span>
                    )}
                  </td>
                  <td className="px-3 py-2 text-right">{l.sellable ? formatMoney(l.priceUnit, cart.currency) : '—'}</td>
                  <td className="px-3 py-2 text-right">{l.sellable ? formatMoney(l.subtotal, cart.currency) : '—'}</td>
                  <td className="px-3 py-2">
                    {l.sellable ? (
                      <button
                        type="button"
                        className="text-sm text-red-800 underline"
                        onClick={() => setRemoved(new Set(removed).add(l.productId))}
                      >
                        Remove<span className="sr-only"> {l.name}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <button type="button" className={secondaryButtonClass} onClick={reprice} disabled={repricing || !orderable.length || !!badQuantity}>
          {repricing ? 'Updating prices…' : 'Update prices'}
        </button>
        <dl className="grid grid-cols-[auto_auto] gap-x-4 text-sm" aria-live="polite">
          <dt>Untaxed</dt>
          <dd className="text-right">{formatMoney(cart.amountUntaxed, cart.currency)}</dd>
          <dt>Taxes</dt>
          <dd className="text-right">{formatMoney(cart.amountTax, cart.currency)}</dd>
          <dt className="font-semibold">Total</dt>
          <dd className="text-right font-semibold">{formatMoney(cart.amountTotal, cart.currency)}</dd>
        </dl>
      </div>
      {dirty ? (
        <Alert tone="warning">
          Quantities changed: the total is updated when you press “Update prices”, and the order is priced again when you place it.
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
          <input id="requestedDate" name="requestedDate" type="date" min={today} className={inputClass} />
        </div>
      </fieldset>
      {state && !state.ok ? (
        <Alert tone="error" title="The order was not placed">
          {state.error.message}
        </Alert>
      ) : null}
      {badQuantity ? <Alert tone="error">Enter a quantity above 0 for {badQuantity.name}.</Alert> : null}
      <div>
        <button type="submit" className={buttonClass} disabled={submitting || !orderable.length || !!badQuantity || (state?.ok ?? false)}>
          {submitting ? 'Placing the order…' : state?.ok ? 'Order placed' : 'Place order'}
        </button>
      </div>
    </form>
  );
}
