import 'server-only';
import { portalDb, type Sql } from '../db/sql';
import { type PortalError, portalError } from '../errors';
import { log } from '../log';
import { mayHaveRun, OdooError, OdooUnavailableError, OdooValidationError } from '../odoo';
import type { PlaceOrderInput } from '../schemas/orders';
import type { PortalContext } from '../context';
import { listAddresses } from './account';
import { invalidateRecords } from './cache-bus';
import { catalogueDomain } from './catalogue';
import { readOrderState, type OrderState } from './orders';
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
  /**
   * How long a submit that ended without knowing whether Odoo created its order (its answer
   * lost) blocks a retry of the same form (ms): Odoo may still be creating it.
   */
  staleAfterMs?: number;
  /** How long a second submit waits for the first one to finish (ms); never longer than this request's time budget for Odoo. */
  waitMs?: number;
}

/** The idempotency key as kept on the Odoo order (Source Document), so a lost answer can be found again. */
export const orderKey = (idempotencyKey: string) => `portal:${idempotencyKey}`;

/**
 * Creates the sale.order for the signed-in contact, exactly once per form, and with
 * ORDER_SUBMIT_MODE=confirm never tells the user it was placed before Odoo confirmed it.
 * The form's key is claimed in the portal store first (a second submit, tab or instance
 * waits for the first and gets its order), kept on the order in Odoo, and looked up there
 * before a retry creates anything (a create whose answer was lost is found, not repeated).
 * A submit that stopped half-way (created but not confirmed) is finished by the next submit
 * of the same form; until then the user is told the order is a quotation, and why.
 */
export async function placeOrder(ctx: PortalContext, input: PlaceOrderInput, opts: PlaceOrderOptions): Promise<PlacedOrder> {
  const key = orderKey(input.idempotencyKey);
  const db = await portalDb();
  const staleAfter = opts.staleAfterMs ?? 30_000;
  const waitUntil = Date.now() + (opts.waitMs ?? Infinity);

  for (;;) {
    const claimed = await db.query(
      'INSERT INTO order_submissions (key, tenant_id) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key',
      [key, ctx.tenant.id],
    );
    if (claimed.length) return submitClaimed(ctx, db, key, input, opts, false);
    const [row] = await db.query<{ tenant_id: number; order_id: number | null; claimed_at: string; age_ms: number }>(
      'SELECT tenant_id, order_id, created_at::text AS claimed_at, EXTRACT(EPOCH FROM (now() - created_at)) * 1000 AS age_ms FROM order_submissions WHERE key = $1',
      [key],
    );
    if (!row) continue; // released between the two statements: claim again
    if (Number(row.tenant_id) !== ctx.tenant.id) throw portalError('conflict', 'formUsed');
    if (row.order_id) return finish(ctx, Number(row.order_id), opts, false);
    if (Number(row.age_ms) >= staleAfter) {
      // The first submit ended without an answer: take the claim over (one taker wins, compared
      // at the database's own precision), then look in Odoo before creating.
      const taken = await db.query(
        'UPDATE order_submissions SET created_at = clock_timestamp() WHERE key = $1 AND order_id IS NULL AND created_at::text = $2 RETURNING key',
        [key, row.claimed_at],
      );
      if (taken.length) return submitClaimed(ctx, db, key, input, opts, true);
    }
    if (Date.now() >= waitUntil || ctx.odoo.remainingMs() <= 0) {
      throw portalError('conflict', 'stillPlacing');
    }
    // Waiting for the other submit is waiting on Odoo: it comes out of this request's time budget.
    await ctx.odoo.waitOn(new Promise((r) => setTimeout(r, 200))).catch(() => {});
  }
}

async function submitClaimed(
  ctx: PortalContext,
  db: Sql,
  key: string,
  input: PlaceOrderInput,
  opts: PlaceOrderOptions,
  lookFirst: boolean,
): Promise<PlacedOrder> {
  if (lookFirst) {
    const found = await findByKey(ctx, key);
    if (found) {
      await recordOrder(db, key, found);
      return finish(ctx, found, opts, false);
    }
  }
  try {
    await checkOrderable(ctx, input);
  } catch (err) {
    await release(db, key); // nothing was created: the form can be sent again
    throw err;
  }
  let orderId: number;
  try {
    orderId = await ctx.odoo.create('sale.order', {
      partner_id: ctx.contact.id,
      partner_shipping_id: input.shippingAddressId,
      client_order_ref: input.poReference ?? false,
      commitment_date: input.requestedDate ? `${input.requestedDate} 12:00:00` : false,
      origin: key,
      order_line: input.lines.map((l) => [0, 0, { product_id: l.productId, product_uom_qty: l.quantity }]),
    });
  } catch (err) {
    if (!mayHaveRun(err)) {
      await release(db, key); // Odoo refused it or never got it
      throw err;
    }
    // Odoo may have created the order and only its answer was lost: look for it while this
    // request has time left. Not found (yet): the claim stays, so a retry looks in Odoo
    // before creating, once Odoo had time to finish (staleAfterMs).
    const found = ctx.odoo.remainingMs() > 50 ? await findByKey(ctx, key).catch(() => undefined) : undefined;
    if (!found) throw portalError('odoo_unavailable', 'orderUnsure');
    orderId = found;
  }
  await recordOrder(db, key, orderId);
  if (ctx.actingAs) await noteActing(ctx, orderId);
  log.info({ requestId: ctx.requestId, orderId, tenant: ctx.tenant.id }, 'order created');
  try {
    return await finish(ctx, orderId, opts, true);
  } finally {
    // The new order (and, once confirmed, its delivery) shows at once on every instance.
    await Promise.all([invalidateRecords('orders', [ctx.tenant.id], [orderId]), invalidateRecords('deliveries', [ctx.tenant.id], [])]);
  }
}

/**
 * Brings an order of this form to what the submit mode asks for and reads it back: with
 * `confirm`, a quotation is confirmed first. A confirmation that failed may still have
 * happened (its answer lost, or a second submit of the same form confirmed it first, which
 * makes Odoo refuse this one): the order's state in Odoo decides what the user is told.
 */
async function finish(ctx: PortalContext, orderId: number, opts: PlaceOrderOptions, created: boolean): Promise<PlacedOrder> {
  // A new order is a quotation: no need to read it before confirming.
  let order = created
    ? undefined
    : await readOrderState(ctx, orderId).catch((err: unknown) => {
        throw unfinished(ctx, orderId, opts, err);
      });
  if (opts.mode === 'confirm' && order?.state === 'cancelled') {
    throw portalError('conflict', 'orderCancelled', { values: { number: order.number } });
  }
  if (opts.mode === 'confirm' && (!order || order.state === 'quotation')) {
    try {
      await ctx.odoo.callMethod('sale.order', 'action_confirm', [orderId]);
      order = undefined; // read back below
    } catch (err) {
      // Only Odoo's answer tells whether it is confirmed; without one the user hears that it is saved, not more.
      const now = await readOrderState(ctx, orderId).catch((readErr: unknown) => {
        throw unfinished(ctx, orderId, opts, readErr);
      });
      if (now.state !== 'confirmed' && now.state !== 'locked') throw notConfirmed(ctx, orderId, now.number, err);
      order = now;
    }
  }
  try {
    order ??= await readOrderState(ctx, orderId);
  } catch (err) {
    log.warn({ requestId: ctx.requestId, orderId, err: (err as Error).message }, 'placed order not read back');
    if (!(err instanceof OdooUnavailableError)) throw err;
    throw portalError('odoo_unavailable', opts.mode === 'confirm' ? 'placedConfirmedNotReadBack' : 'placedNotReadBack');
  }
  if (!created)
    log.info({ requestId: ctx.requestId, orderId, tenant: ctx.tenant.id, state: order.state }, 'order submit finished on retry');
  return { ...order, created };
}

/** What to tell the user when the order exists in Odoo but the ERP did not say in what state. */
function unfinished(ctx: PortalContext, orderId: number, opts: PlaceOrderOptions, err: unknown): unknown {
  if (!(err instanceof OdooUnavailableError)) return err;
  log.warn({ requestId: ctx.requestId, orderId, err: err.message }, 'order of this form not read');
  return portalError('odoo_unavailable', opts.mode === 'confirm' ? 'savedConfirmUnknown' : 'savedNotReadBack');
}

/** What to tell the user when the order exists in Odoo but is not confirmed. */
function notConfirmed(ctx: PortalContext, orderId: number, number: string, err: unknown): PortalError {
  log.warn({ requestId: ctx.requestId, orderId, err: (err as Error).message }, 'order created but not confirmed');
  if (err instanceof OdooError && !(err instanceof OdooUnavailableError)) {
    // Odoo's own reason, when it gave one the customer can act on (its words, in its language).
    return err instanceof OdooValidationError
      ? portalError('odoo_rejected', 'quotationRejected', { values: { number, reason: err.message } })
      : portalError('odoo_rejected', 'quotationNotConfirmed', { values: { number } });
  }
  return portalError('odoo_unavailable', 'quotationUnconfirmedErpDown', { values: { number } });
}

async function findByKey(ctx: PortalContext, key: string): Promise<number | undefined> {
  const [found] = await ctx.odoo.searchRead('sale.order', [['origin', '=', key], ...tenantDomain(ctx)], { fields: ['name'], limit: 1 });
  return found?.id;
}

async function recordOrder(db: Sql, key: string, orderId: number) {
  await db.query('UPDATE order_submissions SET order_id = $2 WHERE key = $1', [key, orderId]);
}

async function release(db: Sql, key: string) {
  await db.query('DELETE FROM order_submissions WHERE key = $1 AND order_id IS NULL', [key]);
}

/** The chatter note naming the account manager who placed the order. Best effort: the portal's audit trail has it either way. */
async function noteActing(ctx: PortalContext, orderId: number) {
  const acting = ctx.actingAs!;
  await ctx.odoo
    .messagePost(
      'sale.order',
      orderId,
      `Placed in the customer portal by ${ctx.user.name}${ctx.user.email ? ` (${ctx.user.email})` : ''} on behalf of ${ctx.contact.name}, support session ${acting.sessionId}. Reason: ${acting.reason}`,
    )
    .catch((err: unknown) =>
      log.error({ requestId: ctx.requestId, orderId, err: (err as Error).message }, 'support note on the order failed'),
    );
}

/** The delivery address must be the company or one of its active delivery addresses; products must be in the catalogue. */
async function checkOrderable(ctx: PortalContext, input: PlaceOrderInput) {
  const productIds = [...new Set(input.lines.map((l) => l.productId))];
  const [addresses, products] = await Promise.all([
    listAddresses(ctx, { fresh: true }), // validation reads Odoo, never the cache
    catalogueDomain(ctx).then((catalogue) =>
      ctx.odoo.searchRead('product.product', [['id', 'in', productIds], ...catalogue], { fields: ['name'], limit: productIds.length }),
    ),
  ]);
  if (!addresses.some((a) => a.id === input.shippingAddressId)) {
    throw portalError('bad_request', 'chooseAddress', { fields: { shippingAddressId: 'chooseAddress' } });
  }
  if (products.length !== productIds.length) {
    throw portalError('bad_request', 'productsGone', { fields: { lines: 'productsGoneField' } });
  }
}
