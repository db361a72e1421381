import { describe, expect, it, vi } from 'vitest';

type ErrorsModule = typeof import('../../lib/odoo/errors');
type PortalErrorsModule = typeof import('../../lib/errors');
type ToPortalErrorModule = typeof import('../../lib/portal/to-portal-error');

/**
 * A second copy of the error modules, as another Next server bundle has: the Odoo gateway is
 * one per process, so a server action meets errors built from the classes of the bundle that
 * created the gateway.
 */
async function anotherBundle(): Promise<{ odoo: ErrorsModule; portal: PortalErrorsModule; toPortal: ToPortalErrorModule }> {
  vi.resetModules();
  return {
    odoo: await import('../../lib/odoo/errors'),
    portal: await import('../../lib/errors'),
    toPortal: await import('../../lib/portal/to-portal-error'),
  };
}

describe('error classes across server bundles', () => {
  it('are separate classes in each bundle, so the check cannot rest on identity', async () => {
    const a = await anotherBundle();
    const b = await anotherBundle();
    expect(a.odoo.OdooUnavailableError).not.toBe(b.odoo.OdooUnavailableError);
  });

  it("answer instanceof for the class and its parents from another bundle's copy, and not for siblings", async () => {
    const a = await anotherBundle();
    const b = await anotherBundle();
    const lost = new a.odoo.OdooUnavailableError('timed out', 'timeout');
    expect(lost instanceof b.odoo.OdooUnavailableError).toBe(true);
    expect(lost instanceof b.odoo.OdooError).toBe(true);
    expect(lost instanceof Error).toBe(true);
    expect(lost instanceof b.odoo.OdooValidationError).toBe(false);
    expect(lost instanceof b.odoo.OdooServerError).toBe(false);
    const refused = new a.odoo.OdooValidationError('Quantity must be positive', 'odoo.exceptions.ValidationError');
    expect(refused instanceof b.odoo.OdooValidationError).toBe(true);
    expect(refused instanceof b.odoo.OdooUnavailableError).toBe(false);
    expect(new Error('plain') instanceof b.odoo.OdooError).toBe(false);
    expect((null as unknown as object) instanceof b.odoo.OdooError).toBe(false);
  });

  it("keep their names in logs: the kind, not the build's shortened class name", async () => {
    const a = await anotherBundle();
    expect(new a.odoo.OdooUnavailableError('down', 'network').name).toBe('OdooUnavailableError');
    expect(new a.odoo.OdooMissingError('gone', 'odoo.exceptions.MissingError').name).toBe('OdooMissingError');
    expect(new a.portal.PortalError('conflict', 'Already done').name).toBe('PortalError');
  });

  it('let another bundle tell a lost answer from a refusal, so a placed order is not placed again', async () => {
    const a = await anotherBundle();
    const b = await anotherBundle();
    expect(b.odoo.mayHaveRun(new a.odoo.OdooUnavailableError('timed out', 'timeout'))).toBe(true);
    expect(b.odoo.mayHaveRun(new a.odoo.OdooUnavailableError('refused', 'network', { code: 'ECONNREFUSED' }))).toBe(false);
    expect(b.odoo.isRetryable(new a.odoo.OdooUnavailableError('reset', 'network', { code: 'ECONNRESET' }))).toBe(true);
  });

  it("map to the portal's error shape from another bundle: the ERP is unreachable, not a bug", async () => {
    const a = await anotherBundle();
    const b = await anotherBundle();
    expect(b.toPortal.toPortalError(new a.odoo.OdooUnavailableError('down', 'network'), 'req-1').code).toBe('odoo_unavailable');
    expect(b.toPortal.toPortalError(new a.odoo.OdooValidationError('No', 'odoo.exceptions.UserError'), 'req-1').code).toBe('odoo_rejected');
    expect(b.toPortal.toPortalError(new a.odoo.OdooMissingError('gone', 'odoo.exceptions.MissingError'), 'req-1').code).toBe('not_found');
    const conflict = new a.portal.PortalError('conflict', 'Already done');
    expect(conflict instanceof b.portal.PortalError).toBe(true);
    expect(b.toPortal.toPortalError(conflict, 'req-1')).toBe(conflict);
  });

  it('are each named by a kind of their own, so none answers for its parent', async () => {
    const a = await anotherBundle();
    const classes = ([...Object.values(a.odoo), a.portal.PortalError] as unknown[]).filter(
      (v): v is typeof Error => typeof v === 'function' && v.prototype instanceof Error,
    );
    expect(classes.length).toBeGreaterThan(6);
    for (const cls of classes) expect(Object.hasOwn(cls, 'kind'), cls.name).toBe(true);
    expect(new Set(classes.map((c) => (c as unknown as { kind: string }).kind)).size).toBe(classes.length);
  });

  it('leave a subclass without a kind of its own to plain instanceof, not to its parent', async () => {
    const a = await anotherBundle();
    class Unnamed extends a.odoo.OdooServerError {}
    const err = new Unnamed('x', 'y');
    expect(err instanceof Unnamed).toBe(true);
    expect(err instanceof a.odoo.OdooServerError).toBe(true);
    expect(new a.odoo.OdooServerError('x', 'y') instanceof Unnamed).toBe(false);
  });
});
