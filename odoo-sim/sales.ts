import { userError } from './errors';
import { round2, type Orm } from './orm';
import type { Rec } from './store';

/**
 * Sales and stock behaviour the portal relies on, after addons/sale/models/sale_order.py
 * and addons/sale_stock (19.0): the customer's price (pricelist discount on the list
 * price), line amounts with taxes, order totals, and confirmation creating an outgoing
 * delivery with one move per storable line.
 */
export const nowUtc = () => new Date().toISOString().slice(0, 19).replace('T', ' ');

export function customerPrice(orm: Orm, partnerId: number, productId: number): number {
  const product = orm.store.get('product.product', productId);
  if (!product) return 0;
  const partner = orm.store.get('res.partner', partnerId);
  const commercial = partner?.commercial_partner_id ? orm.store.get('res.partner', partner.commercial_partner_id as number) : partner;
  const pricelist = commercial?.property_product_pricelist
    ? orm.store.get('product.pricelist', commercial.property_product_pricelist as number)
    : undefined;
  const discount = Number(pricelist?.discount ?? 0);
  return round2(Number(product.lst_price) * (1 - discount / 100));
}

export function lineAmounts(orm: Orm, productId: number | false, qty: number, priceUnit: number, discount: number) {
  const subtotal = round2(qty * priceUnit * (1 - discount / 100));
  const product = productId ? orm.store.get('product.product', productId) : undefined;
  const taxIds = (product?.taxes_id as number[] | undefined) ?? [];
  const rate = taxIds.reduce((sum, id) => sum + Number(orm.store.get('account.tax', id)?.amount ?? 0), 0);
  const tax = round2((subtotal * rate) / 100);
  return { price_subtotal: subtotal, price_tax: tax, price_total: round2(subtotal + tax), tax_ids: taxIds };
}

/** Fills what Odoo computes on a new order and its lines, then the totals. */
export function completeNewOrder(orm: Orm, order: Rec) {
  const store = orm.store;
  const partner = store.get('res.partner', order.partner_id as number)!;
  const commercialId = (partner.commercial_partner_id as number) || partner.id;
  const commercial = store.get('res.partner', commercialId)!;
  const seq = store.count('sale.order');
  const defaults: Record<string, unknown> = {};
  if (!order.name || order.name === 'New') defaults.name = `S${String(seq).padStart(5, '0')}`;
  if (!order.date_order) defaults.date_order = nowUtc();
  if (!order.partner_invoice_id) defaults.partner_invoice_id = commercialId;
  if (!order.partner_shipping_id) defaults.partner_shipping_id = partner.id;
  if (!order.user_id && commercial.user_id) defaults.user_id = commercial.user_id;
  if (!order.pricelist_id && commercial.property_product_pricelist) defaults.pricelist_id = commercial.property_product_pricelist;
  if (!order.currency_id) {
    const pricelist = store.get('product.pricelist', (defaults.pricelist_id ?? order.pricelist_id) as number);
    defaults.currency_id = pricelist?.currency_id ?? 1;
  }
  if (!order.company_id) defaults.company_id = 1;
  if (!order.payment_term_id && commercial.property_payment_term_id) defaults.payment_term_id = commercial.property_payment_term_id;
  store.update('sale.order', order.id, defaults);
  for (const lineId of order.order_line as number[]) {
    const line = store.get('sale.order.line', lineId)!;
    if (line.display_type) continue;
    const product = store.get('product.product', line.product_id as number);
    if (!product) throw userError('A product is required on every order line.');
    const priceUnit = line.price_unit ? Number(line.price_unit) : customerPrice(orm, partner.id, product.id);
    store.update('sale.order.line', lineId, {
      name: line.name || displayNameOfProduct(product),
      price_unit: priceUnit,
      product_uom_id: line.product_uom_id || product.uom_id,
      currency_id: order.currency_id,
      purchase_price: product.standard_price,
      ...lineAmounts(orm, product.id, Number(line.product_uom_qty), priceUnit, Number(line.discount) || 0),
    });
  }
  recomputeOrderTotals(orm, order);
}

function displayNameOfProduct(product: Rec) {
  return product.default_code ? `[${product.default_code}] ${product.name}` : String(product.name);
}

export function recomputeOrderTotals(orm: Orm, order: Rec) {
  const lines = orm.browse('sale.order.line', order.order_line as number[]).filter((l) => !l.display_type);
  const untaxed = round2(lines.reduce((s, l) => s + Number(l.price_subtotal), 0));
  const tax = round2(lines.reduce((s, l) => s + Number(l.price_tax), 0));
  const margin = round2(lines.reduce((s, l) => s + Number(l.price_subtotal) - Number(l.purchase_price) * Number(l.product_uom_qty), 0));
  orm.store.update('sale.order', order.id, { amount_untaxed: untaxed, amount_tax: tax, amount_total: round2(untaxed + tax), margin });
}

/**
 * action_confirm: state 'sale' and one outgoing delivery for the storable lines. Odoo 17+
 * refuses an order that is no quotation; Odoo 16 refuses only a locked ('done') or cancelled
 * one and confirms a confirmed order again: it dates it anew, and its procurement finds the
 * delivery already there.
 */
export function confirmOrder(orm: Orm, order: Rec, version = 19) {
  const store = orm.store;
  const now = nowUtc();
  if (version < 17 && order.state === 'sale' && !order.locked) {
    store.update('sale.order', order.id, { date_order: now });
    return;
  }
  if (!['draft', 'sent'].includes(String(order.state))) {
    throw userError('Some orders are not in a state requiring confirmation.');
  }
  store.update('sale.order', order.id, { state: 'sale', date_order: now, locked: false });
  const lines = orm.browse('sale.order.line', order.order_line as number[]).filter((l) => {
    const product = l.product_id ? store.get('product.product', l.product_id as number) : undefined;
    return !l.display_type && product && product.type !== 'service';
  });
  if (lines.length === 0) return;
  const scheduled = (order.commitment_date as string) || now;
  const picking = orm.create('stock.picking', {
    name: `WH/OUT/${String(store.count('stock.picking') + 1).padStart(5, '0')}`,
    state: 'confirmed',
    picking_type_id: 2,
    picking_type_code: 'outgoing',
    scheduled_date: scheduled,
    date_deadline: order.commitment_date || false,
    origin: order.name,
    sale_id: order.id,
    partner_id: order.partner_shipping_id,
  });
  for (const line of lines) {
    orm.create('stock.move', {
      picking_id: picking.id,
      product_id: line.product_id,
      product_uom_qty: line.product_uom_qty,
      quantity: 0,
      product_uom: line.product_uom_id,
      state: 'confirmed',
      date: scheduled,
      sale_line_id: line.id,
    });
  }
  store.update('sale.order', order.id, { delivery_status: 'pending', invoice_status: 'to invoice' });
}
