import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OdooGateway } from '../../lib/odoo/client';
import { executeKwArguments } from '../../lib/odoo/transport';
import type { OdooSimulator } from '../../odoo-sim/server';
import { startSimulator } from '../helpers/odoo-sim';

/**
 * JSON-RPC argument shapes that real Odoo 17, 18 and 19 accept or refuse (measured on real
 * servers, see tests/contract/recordings/<version>/): the simulator
 * refuses what they refuse, and the portal's transport sends what they accept.
 */
async function rpc(url: string, service: string, method: string, args: unknown[]) {
  const res = await fetch(`${url}/jsonrpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params: { service, method, args } }),
  });
  expect(res.status).toBe(200);
  return res.json() as Promise<{ result?: unknown; error?: { code: number; data: { name: string; message: string } } }>;
}

async function executeKw(url: string, db: string, model: string, method: string, args: unknown[], kwargs: Record<string, unknown>) {
  const { result: uid } = await rpc(url, 'common', 'authenticate', [db, 'portal-bot', 'demo-odoo-key', {}]);
  return rpc(url, 'object', 'execute_kw', [db, uid, 'demo-odoo-key', model, method, args, kwargs]);
}

describe.each([17, 18, 19])('a simulator that says it is Odoo %i', (version) => {
  let sim: OdooSimulator;
  let url: string;
  beforeAll(async () => ({ sim, url } = await startSimulator({ version })));
  afterAll(() => sim.close());

  it('refuses a create whose values come as the keyword vals_list, as real Odoo does, and creates nothing', async () => {
    const before = [...sim.orm.store.all('res.partner')].length;
    const answer = await executeKw(url, sim.database, 'res.partner', 'create', [], { vals_list: [{ name: 'Keyword create' }] });
    expect(answer.error?.data.name).toBe('builtins.IndexError');
    expect(answer.error?.data.message).toBe(version >= 19 ? 'list index out of range' : 'tuple index out of range');
    expect(answer.error?.code).toBe(version >= 19 ? 0 : 200);
    expect([...sim.orm.store.all('res.partner')].length).toBe(before);
  });

  it('creates from positional values: a list gives [id], a dict gives the id', async () => {
    const list = await executeKw(url, sim.database, 'res.partner', 'create', [[{ name: 'Positional list' }]], {});
    expect(list.result).toEqual([expect.any(Number)]);
    const single = await executeKw(url, sim.database, 'res.partner', 'create', [{ name: 'Positional dict' }], {});
    expect(single.result).toEqual(expect.any(Number));
  });

  it(`${version >= 19 ? 'accepts' : 'refuses'} write with its values as the keyword vals`, async () => {
    const answer = await executeKw(url, sim.database, 'sale.order', 'write', [[1]], { vals: { client_order_ref: 'kw' } });
    if (version >= 19) expect(answer.result).toBe(true);
    else
      expect(answer.error?.data).toMatchObject({
        name: 'builtins.TypeError',
        message: "SaleOrder.write() got an unexpected keyword argument 'vals'",
      });
  });

  it("the portal's client creates and writes through JSON-RPC", async () => {
    const started = {
      url,
      db: sim.database,
      login: 'portal-bot',
      apiKey: 'demo-odoo-key',
      protocol: 'jsonrpc' as const,
      timeoutMs: 2_000,
      maxConcurrency: 4,
      readRetries: 0,
    };
    const client = new OdooGateway(started).client();
    const id = await client.create('res.partner', { name: 'Through the client' });
    await client.write('res.partner', [id], { phone: '+1 555 0100' });
    const [partner] = await client.searchRead('res.partner', [['id', '=', id]], { fields: ['name', 'phone'] });
    expect(partner).toMatchObject({ name: 'Through the client', phone: '+1 555 0100' });
  });
});

describe('execute_kw arguments', () => {
  it('sends create values and write values positionally, after the ids', () => {
    expect(
      executeKwArguments({ model: 'sale.order', method: 'create', params: { vals_list: [{ a: 1 }] }, context: { lang: 'de_DE' } }),
    ).toEqual({ args: [[{ a: 1 }]], kwargs: { context: { lang: 'de_DE' } } });
    expect(executeKwArguments({ model: 'sale.order', method: 'write', ids: [7], params: { vals: { a: 1 } } })).toEqual({
      args: [[7], { a: 1 }],
      kwargs: {},
    });
  });

  it('sends other parameters by name', () => {
    expect(executeKwArguments({ model: 'sale.order', method: 'search_read', params: { domain: [], fields: ['name'], limit: 3 } })).toEqual({
      args: [],
      kwargs: { domain: [], fields: ['name'], limit: 3 },
    });
    expect(
      executeKwArguments({ model: 'sale.order', method: 'onchange', ids: [], params: { values: {}, field_names: [], fields_spec: {} } }),
    ).toEqual({ args: [[]], kwargs: { values: {}, field_names: [], fields_spec: {} } });
  });
});
