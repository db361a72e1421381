import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditOutcomeLabel, auditTargetHref, auditTargetLabel, sessionEndLabel } from '../../lib/audit-words';
import de from '../../messages/de';
import en from '../../messages/en';

const t = createTranslator({ locale: 'en', messages: en, namespace: 'support.auditWords' });
const tDe = createTranslator({ locale: 'de', messages: de, namespace: 'support.auditWords' });

describe('the audit trail in words', () => {
  it('names actions, with the support switch and the end reason spelled out for each reader', () => {
    expect(auditActionLabel(t, { action: 'order.place', detail: null })).toBe('Placed an order');
    expect(auditActionLabel(t, { action: 'support.request', detail: { path: 'GET /orders' } })).toBe('Opened a page');
    expect(auditActionLabel(t, { action: 'support.set-write', detail: { canWrite: true } }, 'customer')).toBe(
      'Allowed changes on your behalf',
    );
    expect(auditActionLabel(t, { action: 'support.set-write', detail: { canWrite: true } })).toBe(
      'Allowed changes on the customer’s behalf',
    );
    expect(auditActionLabel(t, { action: 'support.set-write', detail: { canWrite: false } })).toBe('Went back to read-only');
    expect(auditActionLabel(t, { action: 'support.end', detail: { reason: 'reassigned' } })).toBe(
      'Session ended: no longer the account manager',
    );
    expect(sessionEndLabel(t, 'expired')).toBe('time limit reached');
    expect(sessionEndLabel(t, 'reassigned', 'customer')).toBe('no longer your account manager');
    expect(auditActionLabel(t, { action: 'support.end', detail: { reason: 'reassigned' } }, 'customer')).toBe(
      'Session ended: no longer your account manager',
    );
    expect(auditOutcomeLabel(t, 'denied')).toBe('Refused');
    // A code the portal does not know yet is shown, not hidden; so is an unknown end reason.
    expect(auditActionLabel(t, { action: 'invoice.dispute', detail: null })).toBe('invoice.dispute');
    expect(sessionEndLabel(t, 'power-cut')).toBe('power-cut');
    // Inherited object keys are no audit codes.
    expect(auditActionLabel(t, { action: 'toString', detail: null })).toBe('toString');
  });

  it('reads German for a German reader', () => {
    expect(auditActionLabel(tDe, { action: 'order.place', detail: null })).toBe('Bestellung aufgegeben');
    expect(auditActionLabel(tDe, { action: 'support.set-write', detail: { canWrite: true } }, 'customer')).toBe(
      'Änderungen in Ihrem Namen erlaubt',
    );
    expect(auditActionLabel(tDe, { action: 'support.end', detail: { reason: 'expired' } }, 'customer')).toBe(
      'Sitzung geschlossen: Zeitlimit erreicht',
    );
    expect(auditTargetLabel(tDe, { model: 'sale.order', id: 1203, name: 'S01203' })).toBe('Bestellung S01203');
  });

  it('names records by their own name where the event kept it, and links the customer’s own pages', () => {
    expect(auditTargetLabel(t, { model: 'sale.order', id: 1203, name: 'S01203' })).toBe('order S01203');
    expect(auditTargetLabel(t, { model: 'sale.order', id: 1203 })).toBe('order #1203');
    expect(auditTargetLabel(t, { model: 'res.partner', id: 77, name: 'Dock 4' }, 'address.create')).toBe('address Dock 4');
    expect(auditTargetLabel(t, { model: 'res.partner', id: 21 }, 'contact.invite')).toBe('contact #21');
    expect(auditTargetLabel(t, { model: 'res.partner', id: 10 }, 'support.open-customer')).toBe('customer #10');
    expect(auditTargetLabel(t, { model: 'mrp.production', id: 4 })).toBe('mrp.production #4');
    expect(auditTargetHref({ model: 'sale.order', id: 1203 })).toBe('/orders/1203');
    expect(auditTargetHref({ model: 'stock.picking', id: 5 })).toBe('/deliveries/5');
    expect(auditTargetHref({ model: 'res.partner', id: 21 })).toBeNull();
  });
});
