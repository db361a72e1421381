import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OdooGateway, type OdooClient } from '../../lib/odoo/client';
import { OdooValidationError } from '../../lib/odoo/errors';
import { FIELDS, webSpec } from '../../lib/portal/fields';
import type { OdooSimulator } from '../../odoo-sim/server';
import { startSimulator } from '../helpers/odoo-sim';

/**
 * Field names and messages that differ between Odoo 17, 18 and 19 (measured on real
 * servers, recorded in tests/contract/recordings/<version>/): the
 * simulator answers as each version does, and the portal's client reads alike from all three.
 */
async function executeKw(url: string, db: string, model: string, method: string, args: unknown[], kwargs: Record<string, unknown>) {
  const res = await fetch(`${url}/jsonrpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      method: 'call',
      id: 1,
      params: { service: 'object', method: 'execute_kw', args: [db, 3, 'demo-odoo-key', model, method, args, kwargs] },
    }),
  });
  return res.json() as Promise<{ result?: unknown; error?: { data: { name: string; message: string } } }>;
}

describe.each([17, 18, 19])('Odoo %i', (version) => {
  let sim: OdooSimulator;
  let url: string;
  let client: OdooClient;
  beforeAll(async () => {
    const started = await startSimulator({ version });
    ({ sim, url } = started);
    client = new OdooGateway(started.config({ protocol: 'jsonrpc' })).client();
  });
  afterAll(() => sim.close());

  const [ours, theirs] = version >= 19 ? ['product_uom_id', 'product_uom'] : ['product_uom', 'product_uom_id'];
  it(`names the order line's unit ${ours} and refuses ${theirs}`, async () => {
    const ok = await executeKw(url, sim.database, 'sale.order.line', 'search_read', [[['display_type', '=', false]]], {
      fields: [ours],
      limit: 1,
    });
    expect(Object.keys((ok.result as object[])[0]!).sort()).toEqual(['id', ours].sort());
    const refused = await executeKw(url, sim.database, 'sale.order.line', 'search_read', [[]], { fields: [theirs], limit: 1 });
    expect(refused.error?.data).toMatchObject({
      name: 'builtins.ValueError',
      message: `Invalid field '${theirs}' on ${version >= 19 ? '' : 'model '}'sale.order.line'`,
    });
    const nested = await executeKw(url, sim.database, 'sale.order', 'web_search_read', [], {
      domain: [['order_line', '!=', false]],
      specification: { order_line: { fields: { [theirs]: {} } } },
      limit: 1,
    });
    expect(nested.error?.data.name).toBe('builtins.ValueError');
  });

  it("the portal's client reads the lines' unit as product_uom_id, flat and nested", async () => {
    const [line] = await client.searchRead('sale.order.line', [['display_type', '=', false]], { fields: FIELDS.orderLine, limit: 1 });
    expect(Object.keys(line!).sort()).toEqual(['id', ...FIELDS.orderLine].sort());
    expect(line!.product_uom_id).toEqual([expect.any(Number), expect.any(String)]);
    const {
      records: [order],
    } = await client.webSearchRead(
      'sale.order',
      [['order_line', 'in', [line!.id]]],
      { name: {}, order_line: { fields: webSpec(FIELDS.orderLine) } },
      { limit: 1 },
    );
    const nested = (order!.order_line as Record<string, unknown>[]).find((l) => l.id === line!.id)!;
    expect(nested.product_uom_id).toEqual({ id: (line!.product_uom_id as [number])[0], display_name: expect.any(String) });
    expect(nested).not.toHaveProperty('product_uom');
    const [read] = await client.read('sale.order.line', [line!.id], ['product_uom_id']);
    expect(read!.product_uom_id).toEqual(line!.product_uom_id);
  });

  it('says which required field is missing in the words of this version', async () => {
    const refused = client.create('sale.order', { client_order_ref: 'no customer' });
    await expect(refused).rejects.toBeInstanceOf(OdooValidationError);
    await expect(refused).rejects.toThrow(
      version >= 19
        ? "The operation cannot be completed: Missing required value for the field 'Customer' (partner_id).\nModel: 'Sales Order' (sale.order)\n"
        : 'The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n- Delete: another model requires the record being deleted. If possible, archive it instead.\n\nModel: Sales Order (sale.order)\nField: Customer (partner_id)\n',
    );
  });
});
