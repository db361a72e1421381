import { z } from 'zod';
import { latestRequestedDate } from '../requested-date';
import { MAX_QUANTITY, orderableQuantity, quantityIssue, quantityIssueOf, typedQuantity, type QuantityIssue } from '../quantity';
import { dateRangeOk, isoDate, optionalText, page, pageSize, portalToday, recordId, searchText, sortDir, text, sortColumn } from './common';

export const ORDER_SORTS = ['date', 'number', 'po', 'total', 'state', 'delivery'] as const;
export const ORDER_STATES = ['open', 'to-confirm', 'quotation', 'confirmed', 'cancelled'] as const;

export const orderListQuery = z
  .object({
    page,
    size: pageSize,
    sort: sortColumn(ORDER_SORTS).default('date'),
    dir: sortDir,
    state: z.enum(ORDER_STATES, { error: 'Choose a status from the list.' }).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    q: searchText,
  })
  .refine(dateRangeOk, { message: 'The start date is after the end date.', path: ['from'] });

export type OrderListQuery = z.infer<typeof orderListQuery>;

/** Why a quantity cannot be ordered (lib/quantity.ts), in the server's (English) words. */
export function quantityProblem(issue: QuantityIssue): string {
  if (issue === 'thousands-separator') return 'Write thousands without a separator (1000): “1,000” could also be read as 1.';
  if (issue === 'not-a-number') return 'Enter a quantity like 12 or 2.5.';
  if (issue === 'too-large') return `The quantity is at most ${MAX_QUANTITY.toLocaleString('en-GB')}.`;
  if (issue === 'too-precise') return 'Use at most 2 decimals.';
  return 'Quantity must be more than 0.';
}

const quantity = z.union([z.number(), z.string()], { error: 'Enter a quantity.' }).transform((v, ctx) => {
  const issue = typeof v === 'number' ? quantityIssueOf(v) : quantityIssue(v);
  if (issue) {
    ctx.addIssue({ code: 'custom', message: quantityProblem(issue) });
    return z.NEVER;
  }
  return orderableQuantity(typeof v === 'number' ? v : typedQuantity(v));
});

export const cartLine = z.object({ productId: recordId, quantity });

/** A cart's lines: a product on several lines still counts once against MAX_QUANTITY. */
export const cartLines = z
  .array(cartLine)
  .min(1, 'Add at least one product.')
  .max(200, 'At most 200 lines per order.')
  .superRefine((lines, ctx) => {
    const total = new Map<number, number>();
    for (const l of lines) total.set(l.productId, (total.get(l.productId) ?? 0) + l.quantity);
    // Once per order, not per product: the form shows each product's quantity, an Odoo id would mean nothing to the reader.
    if ([...total.values()].some((sum) => sum > MAX_QUANTITY))
      ctx.addIssue({ code: 'custom', message: `At most ${MAX_QUANTITY.toLocaleString('en-GB')} of one product per order.` });
  });

export const repriceInput = z.object({ lines: cartLines });

/** A requested delivery date: a real date, from today (the portal's dates are UTC) to a year ahead. */
const requestedDate = isoDate
  .refine((d) => d >= portalToday(), 'The requested date cannot be in the past.')
  .refine((d) => d <= latestRequestedDate(portalToday()), 'The requested date can be at most a year ahead.');

/** The submit of a reviewed cart (reorder or quick order). */
export const placeOrderInput = z.object({
  idempotencyKey: z.uuid({ error: 'The form expired; reload the page.' }),
  lines: cartLines,
  shippingAddressId: recordId,
  poReference: optionalText('PO reference', { max: 64 }),
  requestedDate: requestedDate.optional().or(z.literal('').transform(() => undefined)),
});
export type PlaceOrderInput = z.infer<typeof placeOrderInput>;

/** The most text a quick order's lines box sends (the form refuses a file that would pass it). */
export const QUICK_ORDER_MAX_TEXT = 50_000;

export const quickOrderInput = z.object({
  text: text('list', {
    max: QUICK_ORDER_MAX_TEXT,
    multiLine: true,
    trim: false,
    maxMessage: 'Paste at most 50,000 characters (about 2,000 lines).',
  }).default(''),
});

/** A customer's go-ahead on a quotation: the order and the version of it (Odoo's `write_date`) the page showed. */
export const confirmQuotationInput = z.object({
  orderId: recordId,
  version: z
    .string({ error: 'The page is out of date; reload it.' })
    .min(1, 'The page is out of date; reload it.')
    .max(40, 'The page is out of date; reload it.'),
});
export type ConfirmQuotationInput = z.infer<typeof confirmQuotationInput>;
