import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OdooGateway } from '../../lib/odoo/client';
import { dashboard, DASHBOARD_LIST_SIZE } from '../../lib/portal/dashboard';
import { getDelivery, listDeliveries } from '../../lib/portal/deliveries';
import { deliveryListQuery } from '../../lib/schemas/deliveries';
import type { OdooSimulator } from '../../odoo-sim/server';
import { startSimulator, TEST_TODAY } from '../helpers/odoo-sim';
import { portalContext } from '../helpers/portal-context';

let sim: OdooSimulator;
let gateway: OdooGateway;
// Mid-morning UTC, the portal's default time zone.
const NOW = new Date(`${TEST_TODAY}T10:00:00Z`);
const YESTERDAY = '2026-11-22';
const TOMORROW = '2026-11-24';

beforeAll(async () => {
  const started = await startSimulator();
  sim = started.sim;
  gateway = new OdooGateway(started.config());
});
afterAll(() => sim.close());

describe('late deliveries', () => {
  it('are those past their promise, the same in the list filter, the rows, the detail and the home page counter', async () => {
    const odoo = gateway.client();
    const company = await odoo.create('res.partner', { name: 'Latecomer Supplies', is_company: true });
    await odoo.create('res.partner', { name: 'Lena Late', parent_id: company, type: 'contact', email: 'lena@late.example' });
    const delivery = async (name: string, state: string, scheduled: string, commitment: string | false | null) => {
      const order =
        commitment === null
          ? false
          : await odoo.create('sale.order', { name: `SO-${name}`, partner_id: company, state: 'sale', commitment_date: commitment });
      return odoo.create('stock.picking', {
        name,
        state,
        picking_type_code: 'outgoing',
        partner_id: company,
        sale_id: order,
        scheduled_date: scheduled,
      });
    };
    const cases: [number, boolean][] = [
      // Scheduled for the moment of the order, a minute ago: not late (the old rule said it was).
      [await delivery('JUST-ORDERED', 'confirmed', `${TEST_TODAY} 09:59:00`, false), false],
      // Scheduled yesterday, no commitment: the day has ended.
      [await delivery('YESTERDAY', 'assigned', `${YESTERDAY} 16:00:00`, false), true],
      // Scheduled yesterday but promised for tomorrow: not late.
      [await delivery('PROMISED-LATER', 'confirmed', `${YESTERDAY} 16:00:00`, `${TOMORROW} 12:00:00`), false],
      // Promised for yesterday, scheduled today: late.
      [await delivery('PROMISE-PASSED', 'confirmed', `${TEST_TODAY} 08:00:00`, `${YESTERDAY} 12:00:00`), true],
      // Promised for today (the portal writes noon of the asked day), its hour passed: the day is not over.
      [await delivery('PROMISED-TODAY', 'confirmed', `${YESTERDAY} 08:00:00`, `${TEST_TODAY} 09:00:00`), false],
      // Shipped: never late.
      [await delivery('SHIPPED', 'done', `${YESTERDAY} 08:00:00`, false), false],
      // Without an order: the scheduled day decides.
      [await delivery('NO-ORDER', 'waiting', `${YESTERDAY} 08:00:00`, null), true],
    ];
    const late = cases.filter(([, l]) => l).map(([id]) => id);
    const ctx = portalContext(gateway, 'bobA', { tenant: { id: company, name: 'Latecomer Supplies' } });

    const filtered = await listDeliveries(ctx, deliveryListQuery.parse({ status: 'late' }), NOW);
    expect(filtered.rows.map((r) => r.id).sort()).toEqual([...late].sort());
    expect(filtered.rows.every((r) => r.late)).toBe(true);

    const all = await listDeliveries(ctx, deliveryListQuery.parse({}), NOW);
    expect(new Map(all.rows.map((r) => [r.id, r.late]))).toEqual(new Map(cases));

    for (const [id, expected] of cases) expect((await getDelivery(ctx, id, NOW))?.late, `delivery ${id}`).toBe(expected);
    // The day promised, as the customer reads it: the commitment's day, else the scheduled day.
    expect((await getDelivery(ctx, cases[2]![0], NOW))?.promisedDate).toBe(TOMORROW);
    expect((await getDelivery(ctx, cases[0]![0], NOW))?.promisedDate).toBe(TEST_TODAY);
    // What the order itself promised, apart: none without a commitment date; days in the portal's zone.
    expect(await getDelivery(ctx, cases[3]![0], NOW)).toMatchObject({ committedDate: YESTERDAY, scheduledDay: TEST_TODAY });
    expect(await getDelivery(ctx, cases[1]![0], NOW)).toMatchObject({ committedDate: null, scheduledDay: YESTERDAY });

    const home = await dashboard(ctx, NOW);
    expect(home.late.count).toBe(late.length);
    // The home page lists the late ones themselves, the longest overdue first, each with its promise.
    expect(home.late.first).toHaveLength(Math.min(late.length, DASHBOARD_LIST_SIZE));
    expect(home.late.first.every((r) => late.includes(r.id))).toBe(true);
    expect(home.late.first.every((r) => r.late && r.promisedDate !== null)).toBe(true);
  });
});

describe('the deliveries list', () => {
  const sortedBy = (dates: (string | null)[], direction: 'asc' | 'desc') => {
    const known = dates.map((d) => d ?? '');
    return [...known].sort((a, b) => (direction === 'asc' ? a.localeCompare(b) : b.localeCompare(a)));
  };
  const list = (status?: string) =>
    listDeliveries(portalContext(gateway, 'bobA'), deliveryListQuery.parse({ status, size: '100' }), NOW).then((p) => p.rows);

  it('lists each filter in the order of the date its rows show', async () => {
    const all = await list();
    const inProgress = await list('in-progress');
    const delivered = await list('delivered');
    expect(all.length).toBeGreaterThan(inProgress.length + 1);
    expect(inProgress.length).toBeGreaterThan(1);
    expect(delivered.length).toBeGreaterThan(1);
    // Everything by the planned date, latest first; what is on its way by the planned date, soonest first;
    // what has shipped by the day it shipped, latest first (its planned day can be earlier or later).
    expect(all.map((d) => d.scheduledDate ?? '')).toEqual(
      sortedBy(
        all.map((d) => d.scheduledDate),
        'desc',
      ),
    );
    expect(inProgress.map((d) => d.scheduledDate ?? '')).toEqual(
      sortedBy(
        inProgress.map((d) => d.scheduledDate),
        'asc',
      ),
    );
    expect(delivered.map((d) => d.doneDate ?? '')).toEqual(
      sortedBy(
        delivered.map((d) => d.doneDate),
        'desc',
      ),
    );
    expect(delivered.every((d) => d.step === 'shipped' && d.doneDate)).toBe(true);
  });
});
