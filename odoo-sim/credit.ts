type Rec = Record<string, unknown> & { id: number };

/** What the computes read of the store (imports nothing: schema.ts uses these computes). */
export interface RecordSource {
  get(model: string, id: number): Rec | undefined;
  all(model: string): Iterable<Rec>;
}

/**
 * Credit limits as Odoo computes them, from odoo/odoo 19.0:
 * - res.company.account_use_credit_limit (account/models/company.py): the "Sales Credit
 *   Limit" setting; off, no warning anywhere.
 * - res.partner.credit (account/models/partner.py `_credit_debit_get`): the receivable
 *   still open, in the company currency: posted customer invoices minus credit notes.
 * - res.partner.credit_to_invoice (sale/models/res_partner.py, 18+): confirmed orders not
 *   invoiced yet.
 * - sale.order.partner_credit_warning (sale/models/sale_order.py
 *   `_compute_partner_credit_warning` → account/models/account_move.py
 *   `_build_credit_warning_message`): only on draft/sent orders, only when the company
 *   uses credit limits and the commercial partner has one.
 * 16 and 17 build the message differently (no credit_to_invoice; "Credit Limit of : ...
 * Total amount due (including this document) : ..."), copied below too.
 *
 * The simulator keeps no currency rates: an amount in another currency counts at the
 * fixed rate below (Odoo uses the rate of the invoice's or order's date).
 */
const TO_COMPANY_CURRENCY: Readonly<Record<number, number>> = { 1: 1, 2: 1.1, 3: 1.3 };

const round2 = (n: number) => Math.round(n * 100) / 100;

function inCompanyCurrency(amount: number, currencyId: unknown): number {
  return amount * (TO_COMPANY_CURRENCY[Number(currencyId) || 1] ?? 1);
}

function commercialOf(store: RecordSource, partnerId: number): Rec | undefined {
  const p = store.get('res.partner', partnerId);
  if (!p) return undefined;
  return store.get('res.partner', (p.commercial_partner_id as number) || p.id) ?? p;
}

function belongsTo(store: RecordSource, partnerId: unknown, commercialId: number): boolean {
  return !!partnerId && commercialOf(store, Number(partnerId))?.id === commercialId;
}

/** Total receivable of a commercial partner (its contacts' documents included), in the company currency. */
export function partnerCredit(store: RecordSource, partner: Rec): number {
  const commercial = commercialOf(store, partner.id) ?? partner;
  if (commercial.id !== partner.id) return 0; // Odoo keeps receivables on the commercial entity
  let total = 0;
  for (const m of store.all('account.move')) {
    if (m.state !== 'posted' || !belongsTo(store, m.partner_id, commercial.id)) continue;
    const sign = m.move_type === 'out_invoice' ? 1 : m.move_type === 'out_refund' ? -1 : 0;
    total += sign * inCompanyCurrency(Number(m.amount_residual) || 0, m.currency_id);
  }
  return round2(total);
}

/** Confirmed orders of a commercial partner still to invoice (sale's credit_to_invoice), in the company currency. */
export function partnerCreditToInvoice(store: RecordSource, partner: Rec): number {
  let total = 0;
  for (const o of store.all('sale.order')) {
    if (o.state !== 'sale' || o.invoice_status !== 'to invoice' || !belongsTo(store, o.partner_id, partner.id)) continue;
    total += inCompanyCurrency(Number(o.amount_total) || 0, o.currency_id);
  }
  return round2(total);
}

/** The company setting, read from the seller's company (the simulator has one). */
export function companyUsesCreditLimit(store: RecordSource, companyId = 1): boolean {
  return store.get('res.company', companyId)?.account_use_credit_limit === true;
}

/** Odoo's formatLang for the company currency in en_US: symbol, no-break space, grouped amount. */
function formatAmount(store: RecordSource, amount: number, companyId = 1): string {
  const currency = store.get('res.currency', Number(store.get('res.company', companyId)?.currency_id) || 1);
  const text = amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${String(currency?.symbol ?? '$')}\u00a0${text}`;
}

/**
 * sale.order.partner_credit_warning for an order of `partnerId` totalling `amountTotal` in
 * `currencyId`: '' unless the company uses credit limits and the order takes the
 * commercial partner over its limit.
 */
export function creditWarning(store: RecordSource, version: number, partnerId: number, amountTotal: number, currencyId: unknown): string {
  const partner = commercialOf(store, partnerId);
  if (!partner || !companyUsesCreditLimit(store)) return '';
  const limit = Number(partner.credit_limit) || 0;
  const credit = partnerCredit(store, partner);
  const current = inCompanyCurrency(amountTotal, currencyId);
  if (version < 18) {
    const updated = credit + current;
    if (!limit || updated <= limit) return '';
    return (
      `${String(partner.name)} has reached its Credit Limit of : ${formatAmount(store, limit)}\nTotal amount due ` +
      (updated > credit ? '(including this document) ' : '') +
      `: ${formatAmount(store, updated)}`
    );
  }
  const toInvoice = partnerCreditToInvoice(store, partner);
  const total = credit + toInvoice + current;
  if (!limit || total <= limit) return '';
  const msg = `${String(partner.name)} has reached its credit limit of: ${formatAmount(store, limit)}`;
  const due = formatAmount(store, total);
  if (toInvoice > 0 && current > 0) return `${msg}\nTotal amount due (including sales orders and this document): ${due}`;
  if (toInvoice > 0) return `${msg}\nTotal amount due (including sales orders): ${due}`;
  if (current > 0) return `${msg}\nTotal amount due (including this document): ${due}`;
  return `${msg}\nTotal amount due: ${due}`;
}
