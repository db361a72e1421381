import 'server-only';
import { portalError } from '../errors';
import { log } from '../log';
import { OdooUnavailableError, OdooValidationError } from '../odoo';
import type { ConfirmQuotationInput } from '../schemas/orders';
import type { PortalContext } from '../context';
import { invalidateRecords } from './cache-bus';
import { orderState, portalDay, quotationStatus, readOrderState, type OrderState } from './orders';
import { tenantDomain } from './tenant';

export interface ConfirmedQuotation {
  id: number;
  number: string;
  state: OrderState;
}

/** What Odoo holds that decides whether the customer may confirm a quotation, and the version the page showed. */
const FIELDS = ['name', 'state', 'locked', 'validity_date', 'require_payment', 'write_date'];

/**
 * The customer's go-ahead on a quotation the seller sent them (Odoo's "Accept" on its own
 * portal): Odoo's `action_confirm` on the order, for a quotation of this tenant that was
 * sent, has not expired, asks for no online payment, and is still the version the page
 * showed (its `write_date`), so nobody confirms a price or a line the seller changed after
 * the page was read. A quotation already confirmed (a second click, another tab) is not an
 * error: the answer says it is confirmed. The seller reads who confirmed it in the order's
 * chatter; the portal's audit trail has it too.
 */
export async function confirmQuotation(ctx: PortalContext, input: ConfirmQuotationInput): Promise<ConfirmedQuotation> {
  const [order] = await ctx.odoo.searchRead('sale.order', [['id', '=', input.orderId], ...tenantDomain(ctx)], { fields: FIELDS, limit: 1 });
  if (!order) throw portalError('not_found', 'orderNotFound');
  const number = String(order.name);
  const state = orderState(order.state, order.locked);
  if (state === 'confirmed' || state === 'locked') return { id: order.id, number, state };
  if (state === 'cancelled') throw portalError('conflict', 'quotationCancelled', { values: { number } });
  const status = quotationStatus(order, portalDay()) ?? 'not-sent';
  if (status !== 'ready') throw portalError('conflict', STATUS_ERRORS[status], { values: { number } });
  if (String(order.write_date) !== input.version) {
    // The page showed an older version: it and every cached read of the order are dropped, so a reload shows the new one.
    await invalidateRecords('orders', [ctx.tenant.id], [order.id]);
    throw portalError('conflict', 'quotationChanged', { values: { number } });
  }
  let confirmedHere = true;
  try {
    await ctx.odoo.callMethod('sale.order', 'action_confirm', [order.id]);
  } catch (err) {
    // Confirmed all the same when Odoo's answer was lost, or another tab confirmed it first: the order's state decides.
    const now = await readOrderState(ctx, order.id).catch(() => null);
    if (now?.state !== 'confirmed' && now?.state !== 'locked') throw notConfirmed(ctx, order.id, number, err);
    confirmedHere = false; // most likely the other tab's: its note is the one in the chatter
  }
  await Promise.all([
    confirmedHere ? noteConfirmation(ctx, order.id) : null,
    invalidateRecords('orders', [ctx.tenant.id], [order.id]),
    // Confirming makes the order's delivery.
    invalidateRecords('deliveries', [ctx.tenant.id], []),
  ]);
  log.info({ requestId: ctx.requestId, orderId: order.id, tenant: ctx.tenant.id }, 'quotation confirmed');
  const confirmed = await readOrderState(ctx, order.id).catch(() => ({ id: order.id, number, state: 'confirmed' as const }));
  return confirmed;
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
