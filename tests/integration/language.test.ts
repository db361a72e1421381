import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OdooGateway } from '../../lib/odoo/client';
import { findCustomer } from '../../lib/portal/identity';
import { setContactLanguage } from '../../lib/portal/language';
import { searchProducts } from '../../lib/portal/product-search';
import { TenantReadCache, setTenantReadCache } from '../../lib/portal/read-cache';
import type { OdooSimulator } from '../../odoo-sim/server';
import { SEED_IDS } from '../../odoo-sim/seed';
import { startSimulator } from '../helpers/odoo-sim';
import { portalContext } from '../helpers/portal-context';

/**
 * The contact's language against the simulator: read with the sign-in mapping, written by
 * the switcher (only a language Odoo has active), and sent to Odoo as context.lang so
 * product names come in it, each language cached apart.
 */
let sim: OdooSimulator;
let gateway: OdooGateway;

beforeAll(async () => {
  const started = await startSimulator();
  sim = started.sim;
  gateway = new OdooGateway(started.config());
  setTenantReadCache(new TenantReadCache(60_000));
});

afterAll(async () => {
  await sim.close();
});

describe('a contact’s language', () => {
  it('comes with the sign-in mapping: Kestrel’s people are German, Brightline’s English', async () => {
    const bruno = await findCustomer(gateway.client(), { sub: 'x', email: 'bruno@kestrel.example', emailVerified: true }, 'email');
    const bob = await findCustomer(gateway.client(), { sub: 'y', email: 'bob@brightline.example', emailVerified: true }, 'email');
    expect(bruno.kind === 'customer' && bruno.contact.lang).toBe('de_DE');
    expect(bob.kind === 'customer' && bob.contact.lang).toBe('en_US');
  });

  it('is written to the contact’s own record, and only as a language Odoo has active', async () => {
    const ctx = portalContext(gateway, 'bobA');
    await setContactLanguage(ctx, 'de');
    const [bob] = await gateway.client().read('res.partner', [SEED_IDS.contacts.bobBuyerA], ['lang']);
    expect(bob?.lang).toBe('de_DE');
    await setContactLanguage(ctx, 'en');
    const [again] = await gateway.client().read('res.partner', [SEED_IDS.contacts.bobBuyerA], ['lang']);
    expect(again?.lang).toBe('en_US');
  });

  it('is refused before Odoo when Odoo does not have the language active: Odoo itself would store any code', async () => {
    const ctx = portalContext(gateway, 'bobA');
    // A real Odoo 19 takes an inactive language without a word (recording 08l), so the portal asks res.lang first.
    await expect(gateway.client().write('res.partner', [SEED_IDS.contacts.bobBuyerA], { lang: 'fr_FR' })).resolves.toBeUndefined();
    await gateway.client().write('res.partner', [SEED_IDS.contacts.bobBuyerA], { lang: 'en_US' });
    sim.store.update('res.lang', 2, { active: false }); // German switched off in Odoo
    try {
      await expect(setContactLanguage(ctx, 'de')).rejects.toMatchObject({ code: 'bad_request' });
      const [bob] = await gateway.client().read('res.partner', [SEED_IDS.contacts.bobBuyerA], ['lang']);
      expect(bob?.lang).toBe('en_US');
    } finally {
      sim.store.update('res.lang', 2, { active: true });
    }
  });

  it('names products in the contact’s language, and caches each language apart', async () => {
    const english = portalContext(gateway, 'brunoB');
    const german = portalContext(gateway, 'brunoB', { locale: 'de', odoo: gateway.client().withLang('de_DE') });
    const inGerman = await searchProducts(german, 'FAS-1001');
    const inEnglish = await searchProducts(english, 'FAS-1001');
    expect(inGerman.products[0]?.name).toBe('Sechskantschraube M8x40');
    expect(inEnglish.products[0]?.name).toBe('Hex Bolt M8x40');
  });

  it('finds products by their name in the contact’s language, as Odoo searches a translated name', async () => {
    const german = portalContext(gateway, 'brunoB', { locale: 'de', odoo: gateway.client().withLang('de_DE') });
    const english = portalContext(gateway, 'brunoB');
    const found = await searchProducts(german, 'Sechskant');
    expect(found.products.map((p) => p.sku)).toContain('FAS-1001');
    expect(found.products.every((p) => /sechskant/i.test(p.name))).toBe(true);
    expect((await searchProducts(english, 'Sechskant')).products).toEqual([]);
  });
});
