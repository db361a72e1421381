import { describe, expect, it } from 'vitest';
import { quotationStatus, readyQuotationDomain } from '../../lib/portal/orders';

describe('whether a customer may confirm a quotation', () => {
  const sent = { state: 'sent', validity_date: '2026-12-03', require_payment: false };

  it('is so for a sent quotation through the last day of its validity, and not the day after', () => {
    expect(quotationStatus(sent, '2026-12-02')).toBe('ready');
    expect(quotationStatus(sent, '2026-12-03')).toBe('ready');
    expect(quotationStatus(sent, '2026-12-04')).toBe('expired');
    expect(quotationStatus({ ...sent, validity_date: false }, '2099-01-01')).toBe('ready');
  });

  it('says why not: a draft is the seller’s, an online payment the portal cannot take', () => {
    expect(quotationStatus({ ...sent, state: 'draft' }, '2026-12-01')).toBe('not-sent');
    expect(quotationStatus({ ...sent, require_payment: true }, '2026-12-01')).toBe('needs-payment');
    // Expired comes first: a new quotation is needed whatever it asked for.
    expect(quotationStatus({ ...sent, require_payment: true }, '2026-12-04')).toBe('expired');
  });

  it('is no question for an order or a cancelled one', () => {
    expect(quotationStatus({ ...sent, state: 'sale' }, '2026-12-01')).toBeNull();
    expect(quotationStatus({ ...sent, state: 'cancel' }, '2026-12-01')).toBeNull();
  });

  it('matches the list filter: sent, valid through today or without an end, no online payment', () => {
    expect(readyQuotationDomain('2026-12-03')).toEqual([
      ['state', '=', 'sent'],
      '|',
      ['validity_date', '=', false],
      ['validity_date', '>=', '2026-12-03'],
      ['require_payment', '=', false],
    ]);
  });
});
