import { afterAll, describe, expect, it, vi } from 'vitest';
import { dropProcessSingleton, processSingleton } from '../../lib/process-singleton';

/** A module as another bundle of the same process sees it: loaded again into a fresh module graph. */
async function anotherBundle<T>(load: () => Promise<T>): Promise<T> {
  vi.resetModules();
  return load();
}

afterAll(async () => {
  await (await import('../../lib/db/sql')).closePortalDb();
});

describe('process-wide state', () => {
  it('is created once and shared by every caller of the same name', () => {
    const a = processSingleton('test-thing', () => ({ n: Math.random() }));
    expect(processSingleton('test-thing', () => ({ n: -1 }))).toBe(a);
    dropProcessSingleton('test-thing');
    expect(processSingleton('test-thing', () => ({ n: -1 }))).toEqual({ n: -1 });
    dropProcessSingleton('test-thing');
  });

  it('is one store, one Odoo gateway and one revocation list for every bundled copy of their modules', async () => {
    const [sqlA, sqlB] = [await anotherBundle(() => import('../../lib/db/sql')), await anotherBundle(() => import('../../lib/db/sql'))];
    expect(sqlA).not.toBe(sqlB); // two copies of the module, as in two bundles
    expect(sqlA.portalDb()).toBe(sqlB.portalDb());
    const [odooA, odooB] = [await anotherBundle(() => import('../../lib/odoo')), await anotherBundle(() => import('../../lib/odoo'))];
    expect(odooA.odooGateway()).toBe(odooB.odooGateway());
    const [revA, revB] = [
      await anotherBundle(() => import('../../lib/session/revocation')),
      await anotherBundle(() => import('../../lib/session/revocation')),
    ];
    expect(revA.signInRevocations()).toBe(revB.signInRevocations());
  });
});
