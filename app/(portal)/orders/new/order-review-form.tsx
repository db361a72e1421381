'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useRef } from 'react';
import { Alert } from '@/components/ui';
import { Table } from '@/components/table';
import type { ActionResult } from '@/lib/http/action';
import { useFormat } from '@/lib/i18n/use-format';
import { MAX_QUANTITY } from '@/lib/quantity';
import type { PlacedOrder, PricedCart } from '@/lib/types';
import { placeOrderAction } from '../actions';
import { DeliveryFields, type AddressOption } from './review-delivery-fields';
import { lineColumns } from './review-line-columns';
import { OrderSummary } from './review-summary';
import { useCartPricing } from './use-cart-pricing';

const NO_LINES_LEFT_ID = 'review-no-lines-left';

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
  readOnly,
}: {
  initialCart: PricedCart;
  /** A read-only support session: the review prices the order and offers no "Place order". */
  readOnly: boolean;
  addresses: AddressOption[];
  /** Where the order goes unless changed (a reorder: the original order's address); else the first. */
  defaultAddressId?: number;
  idempotencyKey: string;
  today: string;
}) {
  const t = useTranslations('quickOrder.review');
  const f = useFormat();
  const router = useRouter();
  const [state, submit, submitting] = useActionState(
    async (prev: ActionResult<PlacedOrder> | null, payload: Parameters<typeof placeOrderAction>[1]) => {
      const result = await placeOrderAction(prev, payload);
      if (result.ok) router.push(`/orders/${result.data.id}?placed=1`);
      return result;
    },
    null,
  );
  const pricing = useCartPricing(initialCart, { paused: submitting || (state?.ok ?? false) });
  const { cart, estimate, orderable, badQuantity } = pricing;
  const fieldErrors = state && !state.ok ? (state.error.fields ?? {}) : {};

  // A refused order takes the focus to what to correct: the first field in error, else the
  // "not placed" message; centred, so the sticky total bar does not cover it.
  const formRef = useRef<HTMLFormElement>(null);
  const notPlacedRef = useRef<HTMLDivElement>(null);
  const shown = useRef<typeof state>(null);
  useEffect(() => {
    if (!state || state.ok || shown.current === state) return;
    shown.current = state;
    const target = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? notPlacedRef.current;
    target?.focus({ preventScroll: true });
    target?.scrollIntoView({ block: 'center' });
  }, [state]);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    pricing.whilePlacing(() =>
      submit({
        idempotencyKey,
        lines: pricing.requested(),
        shippingAddressId: Number(form.get('shippingAddressId')),
        poReference: field('poReference'),
        requestedDate: field('requestedDate'),
      }),
    );
  }

  const shownLines = cart.lines.filter((l) => !pricing.removed.has(l.productId));
  // A removed line takes its button with it: the focus goes to the next line's quantity (else
  // the previous line's), or to the words saying nothing is left, never back to the page's top.
  function removeLine(productId: number) {
    // Only orderable lines have a quantity field (a product no longer sold shows as "Not ordered").
    const at = orderable.findIndex((l) => l.productId === productId);
    const next = orderable[at + 1] ?? orderable[at - 1];
    pricing.remove(productId);
    requestAnimationFrame(() => {
      document.getElementById(next ? `qty-${next.productId}` : NO_LINES_LEFT_ID)?.focus();
    });
  }

  const columns = lineColumns({
    t,
    f,
    currency: cart.currency,
    estimate,
    quantities: pricing.quantities,
    issueOf: pricing.issueOf,
    setQuantity: pricing.setQuantity,
    remove: removeLine,
  });

  return (
    // The server checks the lines and answers in the portal's words, in the contact's language;
    // the browser's own bubbles would speak the browser's language instead.
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label={t('label')} className="flex flex-col gap-4">
      {shownLines.length ? <Table caption={t('caption')} columns={columns} rows={shownLines} rowKey={(l) => l.productId} /> : null}
      {orderable.length === 0 ? (
        <p id={NO_LINES_LEFT_ID} tabIndex={-1} className="rounded-md border border-dashed border-slate-300 bg-white p-4 text-slate-800">
          {t('noLinesLeft')}
        </p>
      ) : null}
      {estimate.estimated && orderable.length ? <Alert tone="warning">{t('estimated')}</Alert> : null}
      {pricing.error ? <Alert tone="error">{pricing.error}</Alert> : null}
      <DeliveryFields addresses={addresses} defaultAddressId={defaultAddressId} today={today} errors={fieldErrors} />
      {state && !state.ok ? (
        <div ref={notPlacedRef} tabIndex={-1}>
          <Alert tone="error" title={t('notPlaced')}>
            {state.error.message}
          </Alert>
        </div>
      ) : null}
      {badQuantity ? (
        <Alert tone="error">
          {t('badQuantity', { name: badQuantity.name, issue: t(`quantityIssues.${badQuantity.issue}`, { max: f.quantity(MAX_QUANTITY) }) })}
        </Alert>
      ) : null}
      {cart.creditWarning && !state?.ok ? (
        // Odoo's own words (its quotation form's banner). A warning, as in Odoo: the order can still be placed.
        <Alert tone="warning" title={t('creditLimitTitle')}>
          <p className="whitespace-pre-line">{cart.creditWarning}</p>
          <p className="mt-1">{t('creditLimitBody')}</p>
        </Alert>
      ) : null}
      <OrderSummary
        estimate={estimate}
        currency={cart.currency}
        repricing={pricing.repricing}
        onReprice={pricing.reprice}
        canReprice={orderable.length > 0 && !badQuantity}
        canPlace={!submitting && orderable.length > 0 && !badQuantity && !(state?.ok ?? false)}
        placeLabel={readOnly ? null : submitting ? t('placing') : state?.ok ? t('placed') : t('place')}
      />
    </form>
  );
}
