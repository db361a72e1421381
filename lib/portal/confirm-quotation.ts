import 'server-only';
import { portalDb } from '../db/sql';
import { portalError } from '../errors';
import { log } from '../log';
import { OdooError, OdooUnavailableError, OdooValidationError } from '../odoo';
import type { ConfirmQuotationInput } from '../schemas/orders';
import type { PortalContext } from '../context';
import { invalidateRecords } from './cache-bus';
import { orderState, quotationStatus, quotationVersion, readOrderState, type OrderState } from './orders';
import { tenantDomain } from './tenant';
import { portalToday } from '../schemas/common';

export interface ConfirmedQuotation {
  id: number;
  number: string;
  state: OrderState;
}

/** What Odoo holds that decides whether the customer may confirm a quotation, and the version the page showed. */
const FIELDS = [
  'name',
  'state',
  'locked',
  'validity_date',
  'require_payment',
  'write_date',
  'amount_total',
  'partner_shipping_id',
  'partner_invoice_id',
  'order_line',
];

/**
 * The customer's go-ahead on a quotation the seller sent them (Odoo's "Accept" on its own
 * portal): Odoo's `action_confirm` on the order, for a quotation of this tenant that was
 * sent, has not expired, asks for no online payment, and is still the version the page
 * showed (quotationVersion), so nobody confirms a price or a line the seller changed after
 * the page was read. An order already confirmed (by the seller, or in another tab) is
 * refused as such: only the request that confirmed it answers with a confirmation, so the
 * audit trail records one. The seller reads who confirmed it in the order's chatter.
 */
export async function confirmQuotation(ctx: PortalContext, input: ConfirmQuotationInput): Promise<ConfirmedQuotation> {
  const [order] = await ctx.odoo.searchRead('sale.order', [['id', '=', input.orderId], ...tenantDomain(ctx)], { fields: FIELDS, limit: 1 });
  if (!order) throw portalError('not_found', 'orderNotFound');
  const number = String(order.name);
  const changed = quotationVersion(order, (order.order_line as number[] | undefined) ?? []) !== input.version;
  // The page showed an older version (the seller changed, confirmed or cancelled it since):
  // every cached read of the order ends, so the page this action refreshes shows it as it is.
  if (changed) await invalidateRecords('orders', [ctx.tenant.id], [order.id]);
  const state = orderState(order.state, order.locked);
  // Already an order (the seller, or another tab, confirmed it): said, and not recorded as this request's confirmation.
  if (state === 'confirmed' || state === 'locked') throw portalError('conflict', 'quotationAlreadyConfirmed', { values: { number } });
  if (state === 'cancelled') throw portalError('conflict', 'quotationCancelled', { values: { number } });
  const status = quotationStatus(order, portalToday()) ?? 'not-sent';
  if (status !== 'ready') throw portalError('conflict', STATUS_ERRORS[status], { values: { number } });
  if (changed) throw portalError('conflict', 'quotationChanged', { values: { number } });
  // One confirmation per version of the quotation, whatever the tabs and instances: Odoo 16
  // confirms an order twice (a second action_confirm is no error there, and dates it again).
  const claim = await claimConfirmation(ctx, order.id, input.version);
  if (!claim) return awaitOtherConfirmation(ctx, order.id, number);
  let confirmedHere = true;
  try {
    await ctx.odoo.callMethod('sale.order', 'action_confirm', [order.id]);
  } catch (err) {
    // Confirmed all the same when only Odoo's answer was lost: the order's state decides.
    const now = await readOrderState(ctx, order.id).catch(() => null);
    if (now?.state !== 'confirmed' && now?.state !== 'locked') {
      await claim.release();
      throw notConfirmed(ctx, order.id, number, err);
    }
    confirmedHere = false; // unknown whether by this call: the audit trail has it, the chatter gets no note
  }
  await Promise.all([
    confirmedHere ? noteConfirmation(ctx, order.id) : null,
    invalidateRecords('orders', [ctx.tenant.id], [order.id]),
    // Confirming makes the order's delivery.
    invalidateRecords('deliveries', [ctx.tenant.id], []),
  ]);
  log.info({ requestId: ctx.requestId, orderId: order.id, tenant: ctx.tenant.id, confirmedHere }, 'quotation confirmed');
  const confirmed = await readOrderState(ctx, order.id).catch(() => ({ id: order.id, number, state: 'confirmed' as const }));
  return confirmed;
}

/**
 * Another tab or instance is confirming this version: this request waits for its outcome
 * (the order read again every 200 ms while this request has time, up to a few seconds) and
 * answers that the order is already confirmed, or still being confirmed. Only the request
 * that confirmed it answers with a confirmation, so the audit trail holds one.
 */
async function awaitOtherConfirmation(ctx: PortalContext, orderId: number, number: string): Promise<never> {
  const until = Date.now() + 5_000;
  for (;;) {
    const now = await readOrderState(ctx, orderId);
    if (now.state === 'confirmed' || now.state === 'locked')
      throw portalError('conflict', 'quotationAlreadyConfirmed', { values: { number } });
    if (now.state === 'cancelled' || Date.now() >= until || ctx.odoo.remainingMs() <= 200) {
      throw portalError('conflict', 'quotationBeingConfirmed', { values: { number } });
    }
    await ctx.odoo.waitOn(new Promise((r) => setTimeout(r, 200))).catch(() => {});
  }
}

/** How long a confirmation that never finished (its process gone) keeps others from confirming that version. */
const CLAIM_STALE_MS = 60_000;

/**
 * Claims the confirmation of this version of the order in the portal store (the table that
 * keeps orders to one per form), or null while another request holds it. A claim older than
 * CLAIM_STALE_MS is taken over: its request ended without an answer either way.
 */
async function claimConfirmation(ctx: PortalContext, orderId: number, version: string): Promise<{ release: () => Promise<void> } | null> {
  const key = `confirm:${orderId}:${version}`;
  const db = await portalDb();
  await db.query(
    `DELETE FROM order_submissions WHERE key = $1 AND created_at < now() - make_interval(secs => $2::double precision / 1000)`,
    [key, CLAIM_STALE_MS],
  );
  const claimed = await db.query(
    'INSERT INTO order_submissions (key, tenant_id, order_id) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING RETURNING key',
    [key, ctx.tenant.id, orderId],
  );
  if (!claimed.length) return null;
  return { release: () => db.query('DELETE FROM order_submissions WHERE key = $1', [key]).then(() => undefined) };
}

const STATUS_ERRORS = {
  'not-sent': 'quotationNotSent',
  expired: 'quotationExpired',
  'needs-payment': 'quotationNeedsPayment',
} as const;

function notConfirmed(ctx: PortalContext, orderId: number, number: string, err: unknown) {
  log.warn({ requestId: ctx.requestId, orderId, err: (err as Error).message }, 'quotation not confirmed');
  if (err instanceof OdooUnavailableError) return portalError('odoo_unavailable', 'quotationConfirmUnknown', { values: { number } });
  // Odoo's own reason when it gave one the customer can act on (its words, in its language).
  if (err instanceof OdooValidationError)
    return portalError('odoo_rejected', 'quotationConfirmRejected', { values: { number, reason: err.message } });
  if (err instanceof OdooError) return portalError('odoo_rejected', 'quotationConfirmFailed', { values: { number } });
  return err;
}

/** Who confirmed, in the order's chatter for the seller. Best effort: the portal's audit trail has it either way. */
async function noteConfirmation(ctx: PortalContext, orderId: number) {
  const who = `${ctx.user.name}${ctx.user.email ? ` (${ctx.user.email})` : ''}`;
  const body = ctx.actingAs
    ? `Confirmed in the customer portal by ${who} on behalf of ${ctx.contact.name}, support session ${ctx.actingAs.sessionId}. Reason: ${ctx.actingAs.reason}`
    : `Confirmed in the customer portal by ${who}.`;
  await ctx.odoo
    .messagePost('sale.order', orderId, body)
    .catch((err: unknown) =>
      log.error({ requestId: ctx.requestId, orderId, err: (err as Error).message }, 'confirmation note on the order failed'),
    );
}
