import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OdooGateway, type OdooClient } from '../../lib/odoo/client';
import { odooConfigFromEnv, type OdooConfig } from '../../lib/odoo/config';
import { OdooAuthError, OdooMissingError, OdooServerError, OdooValidationError } from '../../lib/odoo/errors';
import { protocolFor, serverMajorVersion } from '../../lib/odoo/transport';
import { startSimulator } from '../helpers/odoo-sim';

/**
 * The Odoo calls the portal makes, with the assertions the portal relies on. They run
 * against the simulator by default, and against a real Odoo when ODOO_URL is set (see
 * README "Contract tests against a real Odoo"): the same assertions both ways. Against a
 * real server they create one quotation and confirm it, so use a test database.
 */
const REAL = !!process.env.ODOO_URL;
const CUSTOMER = Number(process.env.CONTRACT_CUSTOMER_ID ?? 10);

/** Odoo 16-18 have no JSON-2: run against them with CONTRACT_PROTOCOLS=jsonrpc. */
const PROTOCOLS = (process.env.CONTRACT_PROTOCOLS ?? 'json2,jsonrpc').split(',') as ('json2' | 'jsonrpc')[];

let base: OdooConfig;
let close = async () => {};

beforeAll(async () => {
  if (REAL) {
    base = odooConfigFromEnv();
  } else {
    const started = await startSimulator();
    base = started.config({ password: 'demo-odoo-key' });
    close = () => started.sim.close();
  }
});
afterAll(() => close());

const clientFor = (protocol: 'json2' | 'jsonrpc', overrides: Partial<OdooConfig> = {}): OdooClient =>
  new OdooGateway({ ...base, protocol, ...overrides }).client();

describe.each(PROTOCOLS)('over %s', (protocol) => {
  it('detects the protocol from the server version (JSON-2 from Odoo 19 on)', async () => {
    const expected = REAL ? (process.env.CONTRACT_EXPECT_PROTOCOL ?? 'json2') : 'json2';
    expect(protocolFor(await serverMajorVersion(base))).toBe(expected);
  });

  it('reads an order with its lines nested in one web_search_read (Odoo 17+), agreeing with search_read', async () => {
    const client = clientFor(protocol);
    if (!(await client.hasWebRead())) return expect(await serverMajorVersion(base)).toBeLessThan(17);
    const [first] = await client.searchRead('sale.order', [['partner_id', 'child_of', CUSTOMER], ['order_line', '!=', false]], { fields: ['name', 'currency_id', 'order_line'], limit: 1, order: 'id' });
    const { length, records: [order] } = await client.webSearchRead('sale.order', [['id', '=', first!.id]], {
      name: {}, currency_id: { fields: { display_name: {} } }, order_line: { fields: { name: {}, product_uom_qty: {}, product_id: { fields: { display_name: {} } }, display_type: {} }, order: 'sequence, id' },
    }, { limit: 1 });
    expect(length).toBe(1);
    expect(order!.name).toBe(first!.name);
    // A many2one with fields is {id, display_name}: the same facts as search_read's [id, name].
    expect(order!.currency_id).toEqual({ id: (first!.currency_id as [number, string])[0], display_name: (first!.currency_id as [number, string])[1] });
    const lines = order!.order_line as { id: number; name: string; product_id: unknown; display_type: unknown }[];
    const flat = await client.searchRead('sale.order.line', [['order_id', '=', first!.id]], { fields: ['name', 'product_id', 'display_type'], order: 'sequence, id' });
    expect(lines.map((l) => l.id)).toEqual(flat.map((l) => l.id));
    for (const [i, l] of lines.entries()) {
      const p = flat[i]!.product_id as [number, string] | false;
      expect(l.product_id).toEqual(p ? { id: p[0], display_name: p[1] } : false);
    }
  });

  it("reads a customer's orders with many2one pairs, newest first", async () => {
    const orders = await clientFor(protocol).searchRead('sale.order', [['partner_id', 'child_of', CUSTOMER]], {
      fields: ['name', 'state', 'date_order', 'partner_id', 'amount_total', 'currency_id', 'client_order_ref'],
      limit: 20, order: 'date_order desc, id desc',
    });
    expect(orders.length).toBeGreaterThan(0);
    for (const o of orders) {
      expect(o.partner_id).toEqual([expect.any(Number), expect.any(String)]);
      expect(typeof o.amount_total).toBe('number');
      expect(o.client_order_ref === false || typeof o.client_order_ref === 'string').toBe(true);
    }
    const dates = orders.map((o) => String(o.date_order));
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('counts what search_read returns', async () => {
    const client = clientFor(protocol);
    const domain = [['partner_id', 'child_of', CUSTOMER], ['state', '=', 'sale']];
    const [count, rows] = await Promise.all([
      client.searchCount('sale.order', domain),
      client.searchRead('sale.order', domain, { fields: ['id'] }),
    ]);
    expect(count).toBe(rows.length);
  });

  it('answers an empty list for a read of a missing id and MissingError for a write on it', async () => {
    const client = clientFor(protocol);
    expect(await client.read('sale.order', [99_999_999], ['name'])).toEqual([]);
    await expect(client.write('sale.order', [99_999_999], { client_order_ref: 'x' })).rejects.toBeInstanceOf(OdooMissingError);
  });

  it('raises a server error for an unknown field and a validation error with Odoo\'s text', async () => {
    const client = clientFor(protocol);
    await expect(client.searchRead('sale.order', [], { fields: ['no_such_field'], limit: 1 })).rejects.toMatchObject({
      constructor: OdooServerError, odooName: 'builtins.ValueError',
    });
    await expect(client.create('sale.order', { client_order_ref: 'no partner' })).rejects.toSatisfy(
      (e: unknown) => e instanceof OdooValidationError && /Missing required value/.test(e.message),
    );
  });

  it('refuses a wrong API key as an authentication error', async () => {
    await expect(clientFor(protocol, { apiKey: 'wrong-key' }).searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooAuthError);
  });

  it('prices a cart with onchange without creating an order', async () => {
    const client = clientFor(protocol);
    const [product] = await client.searchRead('product.product', [['sale_ok', '=', true], ['type', '!=', 'service']], { fields: ['id'], limit: 1 });
    const before = await client.searchCount('sale.order', []);
    const { value } = await client.onchange('sale.order', {
      partner_id: CUSTOMER, order_line: [[0, 'v1', { product_id: product!.id, product_uom_qty: 3 }]],
    }, { currency_id: { fields: { display_name: {} } }, amount_total: {}, order_line: { fields: { product_id: { fields: { display_name: {} } }, price_unit: {}, price_subtotal: {} } } });
    expect(value.amount_total).toEqual(expect.any(Number));
    const [, ref, line] = (value.order_line as [number, string, Record<string, unknown>][])[0]!;
    expect(ref).toBe('v1');
    expect(line).toMatchObject({ product_id: { id: product!.id, display_name: expect.any(String) }, price_unit: expect.any(Number) });
    expect(await client.searchCount('sale.order', [])).toBe(before);
  });

  it('groups open invoices by currency with sums and counts', async () => {
    const rows = await clientFor(protocol).readGroup('account.move',
      [['partner_id', 'child_of', CUSTOMER], ['move_type', 'in', ['out_invoice', 'out_refund']], ['state', '=', 'posted']],
      ['amount_residual:sum'], ['currency_id']);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.currency_id).toEqual([expect.any(Number), expect.any(String)]);
      expect(row.__count).toEqual(expect.any(Number));
      expect(row.amount_residual).toEqual(expect.any(Number));
    }
  });

  it('creates a quotation, confirms it into a delivery and posts a chatter note', async () => {
    const client = clientFor(protocol);
    const [product] = await client.searchRead('product.product', [['sale_ok', '=', true], ['type', '=', 'consu']], { fields: ['id'], limit: 1 });
    const id = await client.create('sale.order', {
      partner_id: CUSTOMER, client_order_ref: `CONTRACT-${protocol}`,
      order_line: [[0, 0, { product_id: product!.id, product_uom_qty: 2 }]],
    });
    await client.callMethod('sale.order', 'action_confirm', [id]);
    await client.messagePost('sale.order', id, 'Placed through the portal contract test');
    const [order] = await client.searchRead('sale.order', [['id', '=', id]], { fields: ['state', 'picking_ids', 'name'] });
    expect(order).toMatchObject({ state: 'sale', name: expect.stringMatching(/^S\d+/) });
    expect((order!.picking_ids as number[]).length).toBe(1);
  });

  it("streams an invoice's PDF through a web session and through the portal URL", async () => {
    const client = clientFor(protocol);
    const [invoice] = await client.searchRead('account.move', [['move_type', '=', 'out_invoice'], ['state', '=', 'posted']], { fields: ['invoice_pdf_report_id'], limit: 1 });
    const withSession = await client.invoicePdf(invoice!.id, false);
    expect((await buffer(withSession.body)).subarray(0, 5).toString()).toBe('%PDF-');
    if (protocol === 'json2') {
      const keyOnly = await clientFor(protocol, { password: undefined }).invoicePdf(invoice!.id, false);
      expect((await buffer(keyOnly.body)).subarray(0, 5).toString()).toBe('%PDF-');
    }
  });
});
