import { describe, expect, it } from 'vitest';
import { STATUS } from '../../lib/errors';
import { OdooAuthError, OdooUnavailableError } from '../../lib/odoo/errors';
import { toPortalError } from '../../lib/portal/to-portal-error';

describe("Odoo's refusal of the portal's own credentials", () => {
  it('is a 503 that says the portal cannot sign in to the ERP, not an unexplained 500', () => {
    const err = toPortalError(new OdooAuthError('Access Denied', 'odoo.exceptions.AccessDenied'), 'req-1');
    expect(err.code).toBe('odoo_unavailable');
    expect(STATUS[err.code]).toBe(503);
    expect(err.words?.key).toBe('erpRefused');
    expect(err.message).toMatch(/cannot sign in to the ERP/);
  });

  it("carries a digest of its own, so a page's error boundary can say so", () => {
    expect(new OdooAuthError('Access Denied', 'odoo.exceptions.AccessDenied').digest).toBe('odoo-refused');
    expect(new OdooUnavailableError('down', 'network').digest).toBe('odoo-unavailable');
  });
});
