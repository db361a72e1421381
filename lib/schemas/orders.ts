import { z } from 'zod';
import { dateRangeOk, isoDate, page, pageSize, recordId, searchText, sortDir } from './common';

export const ORDER_SORTS = ['date', 'number', 'po', 'total', 'state', 'delivery'] as const;
export const ORDER_STATES = ['open', 'quotation', 'confirmed', 'cancelled'] as const;

export const orderListQuery = z
  .object({
    page,
    size: pageSize,
    sort: z.enum(ORDER_SORTS).default('date'),
    dir: sortDir,
    state: z.enum(ORDER_STATES).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    q: searchText,
  })
  .refine(dateRangeOk, { message: 'The start date is after the end date.', path: ['from'] });

export type OrderListQuery = z.infer<typeof orderListQuery>;

const quantity = z.coerce.number({ error: 'Enter a quantity.' }).positive('Quantity must be more than 0.').max(100_000, 'Quantity is at most 100,000.')
  .refine((n) => Math.round(n * 1000) === n * 1000, 'Use at most 3 decimals.');

export const cartLine = z.object({ productId: recordId, quantity });

/** The submit of a reviewed cart (reorder or quick order). */
export const placeOrderInput = z.object({
  idempotencyKey: z.uuid({ error: 'The form expired; reload the page.' }),
  lines: z.array(cartLine).min(1, 'Add at least one product.').max(200, 'At most 200 lines per order.'),
  shippingAddressId: recordId,
  poReference: z.string().trim().max(64, 'The PO reference is at most 64 characters.').optional().transform((s) => s || undefined).optional(),
  requestedDate: isoDate.optional().or(z.literal('').transform(() => undefined)),
});
export type PlaceOrderInput = z.infer<typeof placeOrderInput>;

export const quickOrderInput = z.object({
  text: z.string().max(50_000, 'Paste at most 50,000 characters (about 2,000 lines).').default(''),
});
