import { describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../odoo-sim/seed';
import { simulatorClient } from '../helpers/odoo-sim';

/**
 * The simulator keeps a company's people at the company's address as Odoo does
 * (res.partner._fields_sync): checked on the real Odoo 19, where a contact created under
 * Gemini Furniture reads back "Via Industria 21, 47899 Serravalle, San Marino". An order to
 * that person ships to that street, which the order page shows.
 */
const sim = simulatorClient();

const ADDRESS = ['street', 'street2', 'zip', 'city', 'state_id', 'country_id'];
const addressOf = async (id: number) => {
  const [r] = await sim.odoo.read('res.partner', [id], ADDRESS);
  return Object.fromEntries(ADDRESS.map((f) => [f, r![f]]));
};

describe('a company’s people and its address', () => {
  const { A } = SEED_IDS.customers;

  it('gives a new contact under a company the company’s address, and a delivery address keeps its own', async () => {
    const company = await addressOf(A);
    expect(company.street).toBe('2200 Industrial Ave');
    const person = await sim.odoo.create('res.partner', { name: 'New Colleague', parent_id: A, type: 'contact' });
    expect(await addressOf(person)).toEqual(company);
    const depot = await sim.odoo.create('res.partner', {
      name: 'Depot',
      parent_id: A,
      type: 'delivery',
      street: '1 Depot Rd',
      city: 'Kent',
    });
    expect(await addressOf(depot)).toMatchObject({ street: '1 Depot Rd', city: 'Kent', street2: false });
  });

  it('gives a person moved under a company, or a delivery address made a contact, the company’s address', async () => {
    const company = await addressOf(A);
    const loner = await sim.odoo.create('res.partner', { name: 'Free Agent', street: '9 Elsewhere' });
    await sim.odoo.write('res.partner', [loner], { parent_id: A });
    expect(await addressOf(loner)).toEqual(company);
    const depot = await sim.odoo.create('res.partner', { name: 'Depot 3', parent_id: A, type: 'delivery', street: '3 Depot Rd' });
    await sim.odoo.write('res.partner', [depot], { type: 'contact' });
    expect(await addressOf(depot)).toEqual(company);
  });

  it('moves the company’s people with the company, not its delivery addresses', async () => {
    const bob = SEED_IDS.contacts.bobBuyerA;
    const depot = await sim.odoo.create('res.partner', { name: 'Depot 2', parent_id: A, type: 'delivery', street: '2 Depot Rd' });
    const before = await addressOf(A);
    try {
      await sim.odoo.write('res.partner', [A], { street: '1 New Street', city: 'Bellevue' });
      expect(await addressOf(bob)).toMatchObject({ street: '1 New Street', city: 'Bellevue', zip: before.zip });
      expect((await addressOf(depot)).street).toBe('2 Depot Rd');
    } finally {
      await sim.odoo.write('res.partner', [A], { street: before.street, city: before.city });
    }
    expect((await addressOf(bob)).street).toBe(before.street);
  });
});
