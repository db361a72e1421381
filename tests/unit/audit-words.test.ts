import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditTargetHref, auditTargetLabel, sessionEndLabel } from '../../lib/audit-words';

describe('the audit trail in words', () => {
  it('names actions, with the support switch and the end reason spelled out for each reader', () => {
    expect(auditActionLabel({ action: 'order.place', detail: null })).toBe('Placed an order');
    expect(auditActionLabel({ action: 'support.request', detail: { path: 'GET /orders' } })).toBe('Opened a page');
    expect(auditActionLabel({ action: 'support.set-write', detail: { canWrite: true } }, 'customer')).toBe(
      'Allowed changes on your behalf',
    );
    expect(auditActionLabel({ action: 'support.set-write', detail: { canWrite: true } })).toBe('Allowed changes on the customer’s behalf');
    expect(auditActionLabel({ action: 'support.set-write', detail: { canWrite: false } })).toBe('Went back to read-only');
    expect(auditActionLabel({ action: 'support.end', detail: { reason: 'reassigned' } })).toBe(
      'Session ended: no longer the account manager',
    );
    expect(sessionEndLabel('expired')).toBe('time limit reached');
    expect(sessionEndLabel('reassigned', 'customer')).toBe('no longer your account manager');
    expect(auditActionLabel({ action: 'support.end', detail: { reason: 'reassigned' } }, 'customer')).toBe(
      'Session ended: no longer your account manager',
    );
    // A code the portal does not know yet is shown, not hidden.
    expect(auditActionLabel({ action: 'invoice.dispute', detail: null })).toBe('invoice.dispute');
  });

  it('names records by their own name where the event kept it, and links the customer’s own pages', () => {
    expect(auditTargetLabel({ model: 'sale.order', id: 1203, name: 'S01203' })).toBe('order S01203');
    expect(auditTargetLabel({ model: 'sale.order', id: 1203 })).toBe('order #1203');
    expect(auditTargetLabel({ model: 'res.partner', id: 77, name: 'Dock 4' }, 'address.create')).toBe('address Dock 4');
    expect(auditTargetLabel({ model: 'res.partner', id: 21 }, 'contact.invite')).toBe('contact #21');
    expect(auditTargetLabel({ model: 'res.partner', id: 10 }, 'support.open-customer')).toBe('customer #10');
    expect(auditTargetHref({ model: 'sale.order', id: 1203 })).toBe('/orders/1203');
    expect(auditTargetHref({ model: 'stock.picking', id: 5 })).toBe('/deliveries/5');
    expect(auditTargetHref({ model: 'res.partner', id: 21 })).toBeNull();
  });
});
