import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../lib/config';
import { safeCallbackPath } from '../../lib/safe-callback';
import { can, rolesFromGroups, rolesFromTags } from '../../lib/roles';

describe('roles', () => {
  it('reads roles from the groups claim, through the configured group names', () => {
    expect(rolesFromGroups(['Portal Buyers', 'finance', 'unrelated'], { buyer: 'Portal Buyers' })).toEqual(['buyer', 'finance']);
    expect(rolesFromGroups(['buyer'], { buyer: 'Portal Buyers' })).toEqual([]);
    expect(rolesFromGroups(undefined, {})).toEqual([]);
  });

  it('grants a staff role only through an explicit group mapping, never for a group that merely has its name', () => {
    expect(rolesFromGroups('account-manager', {})).toEqual([]);
    expect(rolesFromGroups(['support-admin', 'account-manager', 'buyer'], { buyer: 'Portal Buyers' })).toEqual([]);
    expect(rolesFromGroups(['support-admin'], { 'account-manager': 'Sales' })).toEqual([]);
    expect(rolesFromGroups(['Sales', 'Support Leads'], { 'account-manager': 'Sales', 'support-admin': 'Support Leads' })).toEqual([
      'account-manager',
      'support-admin',
    ]);
    expect(rolesFromGroups(['support-admin'], { 'support-admin': 'support-admin' })).toEqual(['support-admin']);
  });

  it('reads roles from the portal tags on the Odoo contact', () => {
    expect(rolesFromTags(['VIP', 'Portal: Finance', 'Portal: Buyer'])).toEqual(['buyer', 'finance']);
  });

  it('lets buyers and admins order, finance and admins see invoices, viewers only look', () => {
    expect(can(new Set(['buyer']), 'order')).toBe(true);
    expect(can(new Set(['viewer']), 'order')).toBe(false);
    expect(can(new Set(['viewer']), 'view')).toBe(true);
    expect(can(new Set(['finance']), 'see-invoices')).toBe(true);
    expect(can(new Set(['buyer']), 'see-invoices')).toBe(false);
    expect(can(new Set(['customer-admin']), 'manage-contacts')).toBe(true);
    expect(can(new Set(['account-manager']), 'view')).toBe(false);
  });

  describe('with INVOICE_AMOUNT_ROLES set', () => {
    afterEach(() => {
      vi.unstubAllEnvs();
      vi.resetModules();
    });

    it('lets the roles it names see invoices, and only those', async () => {
      vi.stubEnv('INVOICE_AMOUNT_ROLES', 'buyer, finance');
      vi.resetModules(); // the settings are parsed once per process
      const roles = await import('../../lib/roles');
      expect(roles.can(new Set(['buyer']), 'see-invoices')).toBe(true);
      expect(roles.can(new Set(['finance']), 'see-invoices')).toBe(true);
      expect(roles.can(new Set(['customer-admin']), 'see-invoices')).toBe(false);
    });

    it('passes over names that are not roles, and keeps the default when none is left', () => {
      expect(parseConfig({ INVOICE_AMOUNT_ROLES: 'viewer,emperor' }).INVOICE_AMOUNT_ROLES).toEqual(['viewer']);
      expect(parseConfig({ INVOICE_AMOUNT_ROLES: 'emperor' }).INVOICE_AMOUNT_ROLES).toEqual(['finance', 'customer-admin']);
      expect(parseConfig({ INVOICE_AMOUNT_ROLES: '' }).INVOICE_AMOUNT_ROLES).toEqual(['finance', 'customer-admin']);
      expect(parseConfig({}).INVOICE_AMOUNT_ROLES).toEqual(['finance', 'customer-admin']);
    });
  });

  it('refuses a PORTAL_ROLE_GROUPS that is not a role → group object', () => {
    expect(() => parseConfig({ PORTAL_ROLE_GROUPS: '{"emperor":"x"}' })).toThrow();
    expect(parseConfig({ PORTAL_ROLE_GROUPS: '{"buyer":"Portal Buyers"}' }).PORTAL_ROLE_GROUPS).toEqual({ buyer: 'Portal Buyers' });
  });
});

describe('safeCallbackPath', () => {
  it.each([
    ['/orders?state=sale', '/orders?state=sale'],
    ['/invoices#top', '/invoices#top'],
    ['https://evil.example/', '/'],
    ['//evil.example/path', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/ok\n', '/'],
    [42, '/'],
    ['/' + 'a'.repeat(3000), '/'],
    // Dot segments that resolve to "//host": a browser would leave the portal.
    ['/.//evil.example', '/'],
    ['/%2e//evil.example', '/'],
    ['/x/..//evil.example', '/'],
    ['/..//evil.example/x', '/'],
    ['/orders/./42', '/orders/42'],
  ])('%j → %j', (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});
