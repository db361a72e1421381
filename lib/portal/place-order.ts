import 'server-only';
import { portalDb, type Sql } from '../db/sql';
import { PortalError } from '../errors';
import { log } from '../log';
import type { PlaceOrderInput } from '../schemas/orders';
import type { PortalContext } from '../session/require-session';
import { listAddresses } from './account';
import { invalidateTenant } from './cache-bus';
import { orderState, type OrderState } from './orders';
import { tenantDomain } from './tenant';

export interface PlacedOrder {
  id: number;
  number: string;
  state: OrderState;
  /** False when this submit found the order an earlier submit of the same form created. */
  created: boolean;
}

export interface PlaceOrderOptions {
  mode: 'quotation' | 'confirm';
  /** How long a submit that never finished blocks a retry of the same form (ms). */
  staleAfterMs?: number;
  /** How long a second submit waits for the first one to finish (ms). */
  waitMs?: number;
}

/** The idempotency key as kept on the Odoo order (Source Document), so a lost answer can be found again. */
export const orderKey = (idempotencyKey: string) => `portal:${idempotencyKey}`;

/**
 * Creates the sale.order for the signed-in contact, exactly once per form: the form's
 * key is claimed in the portal store first (a second submit, tab or instance waits for
 * the first and gets its order), kept on the order in Odoo, and looked up there before a
 * retry creates anything (a create whose answer was lost to a timeout is found, not
 * repeated).
 */
export async function placeOrder(ctx: PortalContext, input: PlaceOrderInput, opts: PlaceOrderOptions): Promise<PlacedOrder> {
  const key = orderKey(input.idempotencyKey);
  const db = await portalDb();
  const staleAfter = opts.staleAfterMs ?? 30_000;
  const deadline = Date.now() + (opts.waitMs ?? 15_000);

  for (;;) {
    const claimed = await db.query('INSERT INTO order_submissions (key, tenant_id) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key', [key, ctx.tenant.id]);
    if (claimed.length) return createClaimed(ctx, db, key, input, opts, false);
    const [row] = await db.query<{ tenant_id: number; order_id: number | null; claimed_at: string; age_ms: number }>(
      'SELECT tenant_id, order_id, created_at::text AS claimed_at, EXTRACT(EPOCH FROM (now() - created_at)) * 1000 AS age_ms FROM order_submissions WHERE key = $1', [key]);
    if (!row) continue; // released between the two statements: claim again
    if (Number(row.tenant_id) !== ctx.tenant.id) throw new PortalError('conflict', 'This form was already used. Reload the page to start again.');
    if (row.order_id) return { ...(await readPlaced(ctx, Number(row.order_id))), created: false };
    if (Number(row.age_ms) >= staleAfter) {
      // The first submit died without an answer: take the claim over (one taker wins, compared
      // at the database's own precision), then look in Odoo before creating.
      const taken = await db.query('UPDATE order_submissions SET created_at = clock_timestamp() WHERE key = $1 AND order_id IS NULL AND created_at::text = $2 RETURNING key', [key, row.claimed_at]);
      if (taken.length) return createClaimed(ctx, db, key, input, opts, true);
    }
    if (Date.now() > deadline) throw new PortalError('conflict', 'This order is still being placed. Check your orders list in a minute before trying again.');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function createClaimed(ctx: PortalContext, db: Sql, key: string, input: PlaceOrderInput, opts: PlaceOrderOptions, lookFirst: boolean): Promise<PlacedOrder> {
  let orderId: number | undefined;
  try {
    if (lookFirst) {
      const found = await ctx.odoo.searchRead('sale.order', [['origin', '=', key], ...tenantDomain(ctx)], { fields: ['name'], limit: 1 });
      if (found[0]) {
        await db.query('UPDATE order_submissions SET order_id = $2 WHERE key = $1', [key, found[0].id]);
        return { ...(await readPlaced(ctx, found[0].id)), created: false };
      }
    }
    await checkOrderable(ctx, input);
    orderId = await ctx.odoo.create('sale.order', {
      partner_id: ctx.contact.id,
      partner_shipping_id: input.shippingAddressId,
      client_order_ref: input.poReference ?? false,
      commitment_date: input.requestedDate ? `${input.requestedDate} 12:00:00` : false,
      origin: key,
      order_line: input.lines.map((l) => [0, 0, { product_id: l.productId, product_uom_qty: l.quantity }]),
    });
    await db.query('UPDATE order_submissions SET order_id = $2 WHERE key = $1', [key, orderId]);
  } catch (err) {
    // Nothing was created (or Odoo said no): free the form for a retry. A timeout keeps the
    // claim, because Odoo may still have created the order; the retry then finds it there.
    const mayExist = orderId !== undefined || (err as { reason?: string }).reason === 'timeout';
    if (!mayExist) await db.query('DELETE FROM order_submissions WHERE key = $1 AND order_id IS NULL', [key]);
    throw err;
  }
  if (opts.mode === 'confirm') await ctx.odoo.callMethod('sale.order', 'action_confirm', [orderId]);
  if (ctx.actingAs) {
    await ctx.odoo.messagePost('sale.order', orderId, `Placed in the customer portal by ${ctx.user.name}${ctx.user.email ? ` (${ctx.user.email})` : ''} on behalf of ${ctx.contact.name}, support session ${ctx.actingAs.sessionId}. Reason: ${ctx.actingAs.reason}`);
  }
  // The new order (and, once confirmed, its delivery) shows at once on every instance.
  await invalidateTenant(ctx.tenant.id, ['orders', 'deliveries']);
  log.info({ requestId: ctx.requestId, orderId, tenant: ctx.tenant.id }, 'order placed');
  return { ...(await readPlaced(ctx, orderId)), created: true };
}

/** The delivery address must be the company or one of its active delivery addresses; products must be sellable. */
async function checkOrderable(ctx: PortalContext, input: PlaceOrderInput) {
  const productIds = [...new Set(input.lines.map((l) => l.productId))];
  const [addresses, products] = await Promise.all([
    listAddresses(ctx, { fresh: true }), // validation reads Odoo, never the cache
    ctx.odoo.searchRead('product.product', [['id', 'in', productIds], ['sale_ok', '=', true]], { fields: ['name'], limit: productIds.length }),
  ]);
  if (!addresses.some((a) => a.id === input.shippingAddressId)) {
    throw new PortalError('bad_request', 'Choose one of your delivery addresses.', { shippingAddressId: ['Choose one of your delivery addresses.'] });
  }
  if (products.length !== productIds.length) {
    throw new PortalError('bad_request', 'Some products can no longer be ordered. Review the order again.', { lines: ['Some products can no longer be ordered.'] });
  }
}

async function readPlaced(ctx: PortalContext, id: number): Promise<Omit<PlacedOrder, 'created'>> {
  const [order] = await ctx.odoo.searchRead('sale.order', [['id', '=', id], ...tenantDomain(ctx)], { fields: ['name', 'state', 'locked'], limit: 1 });
  if (!order) throw new PortalError('not_found', 'The order could not be read back.');
  return { id, number: String(order.name), state: orderState(order.state, order.locked) };
}
