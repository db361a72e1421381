'use server';

import { revalidatePath } from 'next/cache';
import { validatedAction } from '@/lib/http/action';
import { portalConfig } from '@/lib/config';
import { priceCart, requestsFromParsed } from '@/lib/portal/cart';
import { placeOrder, type PlacedOrder } from '@/lib/portal/place-order';
import { parseQuickOrder } from '@/lib/portal/quick-order';
import { sayLineProblem } from '@/lib/http/error-words';
import { confirmQuotationInput, placeOrderInput, quickOrderInput, repriceInput } from '@/lib/schemas/orders';
import { confirmQuotation, type ConfirmedQuotation } from '@/lib/portal/confirm-quotation';

/** Quick order preview: every line checked and priced, nothing created. */
export const previewQuickOrderAction = validatedAction(
  { schema: quickOrderInput, permission: 'order', readOnly: true },
  async (ctx, { text }) => {
    const parsed = parseQuickOrder(text);
    const cart = parsed.lines.length ? await priceCart(ctx, requestsFromParsed(parsed.lines)) : null;
    // Each line's problem in the reader's language (the checks word them in English).
    const errors = [...parsed.errors, ...(cart?.errors ?? [])]
      .sort((a, b) => a.line - b.line)
      .map(({ words, ...e }) => ({ ...e, message: sayLineProblem({ message: e.message, words }, ctx.locale) }));
    return { cart: cart ? { ...cart, errors } : null, errors };
  },
);

/** Prices again after quantities changed on the review screen. */
export const repriceAction = validatedAction({ schema: repriceInput, permission: 'order', readOnly: true }, async (ctx, { lines }) =>
  priceCart(
    ctx,
    lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
  ),
);

export const placeOrderAction = validatedAction(
  {
    schema: placeOrderInput,
    permission: 'order',
    audit: {
      action: 'order.place',
      target: (_input, placed: PlacedOrder | undefined) => (placed ? { model: 'sale.order', id: placed.id, name: placed.number } : null),
    },
  },
  async (ctx, input) => {
    const placed = await placeOrder(ctx, input, { mode: portalConfig().ORDER_SUBMIT_MODE });
    revalidatePath('/orders');
    revalidatePath('/');
    return placed;
  },
);

/** The customer confirms a quotation the seller sent them. */
export const confirmQuotationAction = validatedAction(
  {
    schema: confirmQuotationInput,
    permission: 'order',
    audit: {
      action: 'order.confirm',
      target: (input, confirmed: ConfirmedQuotation | undefined) => ({ model: 'sale.order', id: input.orderId, name: confirmed?.number }),
    },
  },
  async (ctx, input) => {
    try {
      return await confirmQuotation(ctx, input);
    } finally {
      // Confirmed or refused, the page shows the quotation as Odoo holds it now (a refusal
      // for a change the seller made brings that change), and the lists follow.
      revalidatePath(`/orders/${input.orderId}`);
      revalidatePath('/orders');
      revalidatePath('/');
    }
  },
);
