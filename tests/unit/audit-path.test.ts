import { describe, expect, it } from 'vitest';
import { auditPath } from '../../lib/http/audit-path';

describe('the address a support session’s audit row records', () => {
  it('reads each path segment as the router does, so an escaped id is the record it opened', () => {
    expect(auditPath('GET', '/invoices/%31097/pdf', '')).toBe('GET /invoices/1097/pdf');
    expect(auditPath('GET', '/api/deliveries/%37', '')).toBe('GET /api/deliveries/7');
    expect(auditPath('GET', '/orders/%53%30%31', '')).toBe('GET /orders/S01');
  });

  it('stays plain ASCII a header can carry, however the path was escaped', () => {
    for (const path of [
      '/orders/%F0%9F%92%A5',
      '/deliveries/%E2%82%AC',
      '/orders/a%0Ab',
      '/api/auth/x%00y',
      '/orders/S%C3%BCd',
      '/orders/Süd',
    ]) {
      const recorded = auditPath('GET', path, '?q=1');
      expect(() => new Headers().set('x-portal-path', recorded), path).not.toThrow();
      expect(recorded, path).toMatch(/^[\x21-\x7e ]+$/);
    }
    expect(auditPath('GET', '/deliveries/%E2%82%AC', '')).toBe('GET /deliveries/%E2%82%AC');
    expect(auditPath('GET', '/orders/a%0Ab', '')).toBe('GET /orders/a%0Ab');
  });

  it('keeps a slash escaped inside a segment escaped: it is no second segment to the router', () => {
    expect(auditPath('GET', '/invoices/1097%2Fpdf', '')).toBe('GET /invoices/1097%2Fpdf');
  });

  it('keeps the query whole and as sent, however long: padding cannot push the ids out of the record', () => {
    const search = `?note=${'x'.repeat(5000)}&ids=1097,1095`;
    expect(auditPath('GET', '/invoices/bulk', search)).toBe(`GET /invoices/bulk${search}`);
    // Not decoded: `%26` stays part of the one value it was sent in.
    expect(auditPath('GET', '/invoices/bulk', '?note=a%26ids%3D1&ids=2')).toBe('GET /invoices/bulk?note=a%26ids%3D1&ids=2');
  });
});
