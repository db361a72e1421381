import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OdooGateway, type OdooClient } from '../../lib/odoo/client';
import { odooConfigFromEnv, type OdooConfig } from '../../lib/odoo/config';
import { OdooAuthError, OdooMissingError, OdooServerError, OdooValidationError } from '../../lib/odoo/errors';
import { protocolFor, serverMajorVersion } from '../../lib/odoo/transport';
import { FIELDS, INVOICE_LINE_SPEC, TIMELINE_SPEC, webSpec } from '../../lib/portal/fields';
import { ROLE_TAGS } from '../../lib/roles';
import { startSimulator } from '../helpers/odoo-sim';

/**
 * The Odoo calls the portal makes, with the assertions the portal relies on. They run
 * against the simulator by default, and against a real Odoo when ODOO_URL is set (see
 * docs/testing.md "Tests against a real Odoo"): the same assertions both ways. Against a
 * real server they create one quotation and confirm it, so use a test database.
 */
const REAL = !!process.env.ODOO_URL;
/** The customer company whose orders and invoices are read: CONTRACT_CUSTOMER_NAME (ids differ between databases) or _ID. */
let CUSTOMER = Number(process.env.CONTRACT_CUSTOMER_ID ?? 10);

/** Odoo 16-18 have no JSON-2: run against them with CONTRACT_PROTOCOLS=jsonrpc (and session, with ODOO_PASSWORD). */
const PROTOCOLS = (
  process.env.CONTRACT_PROTOCOLS ?? (process.env.ODOO_URL && !process.env.ODOO_PASSWORD ? 'json2,jsonrpc' : 'json2,jsonrpc,session')
).split(',') as ('json2' | 'jsonrpc' | 'session')[];

let base: OdooConfig;
let close = async () => {};

beforeAll(async () => {
  if (REAL) {
    base = odooConfigFromEnv();
    const name = process.env.CONTRACT_CUSTOMER_NAME;
    if (name) {
      const found = await clientFor(PROTOCOLS[0]!).searchRead(
        'res.partner',
        [
          ['name', '=', name],
          ['is_company', '=', true],
        ],
        { fields: ['id'], limit: 2 },
      );
      if (found.length !== 1) throw new Error(`CONTRACT_CUSTOMER_NAME: ${found.length} companies are named "${name}"`);
      CUSTOMER = found[0]!.id;
    }
  } else {
    const started = await startSimulator();
    base = started.config({ password: 'demo-odoo-key' });
    close = () => started.sim.close();
  }
});
afterAll(() => close());

const clientFor = (protocol: (typeof PROTOCOLS)[number], overrides: Partial<OdooConfig> = {}): OdooClient =>
  new OdooGateway({ ...base, protocol, ...overrides }).client();

/** The customer's first order that has each of `having` (relations that are not empty). */
async function firstCustomerOrder(client: OdooClient, having: string[], fields: string[]) {
  const [first] = await client.searchRead(
    'sale.order',
    [['partner_id', 'child_of', CUSTOMER], ...having.map((f): [string, string, boolean] => [f, '!=', false])],
    { fields, limit: 1, order: 'id' },
  );
  return first;
}

describe.each(PROTOCOLS)('over %s', (protocol) => {
  it('detects the protocol from the server version (JSON-2 from Odoo 19 on)', async () => {
    const expected = REAL ? (process.env.CONTRACT_EXPECT_PROTOCOL ?? 'json2') : 'json2';
    expect(protocolFor(await serverMajorVersion(base))).toBe(expected);
  });

  it('reads an order with its lines nested in one web_search_read (Odoo 17+), agreeing with search_read', async () => {
    const client = clientFor(protocol);
    if (!(await client.hasWebRead())) return expect(await serverMajorVersion(base)).toBeLessThan(17);
    const first = await firstCustomerOrder(client, ['order_line'], ['name', 'currency_id', 'order_line']);
    const {
      length,
      records: [order],
    } = await client.webSearchRead(
      'sale.order',
      [['id', '=', first!.id]],
      {
        name: {},
        currency_id: { fields: { display_name: {} } },
        order_line: {
          fields: { name: {}, product_uom_qty: {}, product_id: { fields: { display_name: {} } }, display_type: {} },
          order: 'sequence, id',
        },
      },
      { limit: 1 },
    );
    expect(length).toBe(1);
    expect(order!.name).toBe(first!.name);
    // A many2one with fields is {id, display_name}: the same facts as search_read's [id, name].
    expect(order!.currency_id).toEqual({
      id: (first!.currency_id as [number, string])[0],
      display_name: (first!.currency_id as [number, string])[1],
    });
    const lines = order!.order_line as { id: number; name: string; product_id: unknown; display_type: unknown }[];
    const flat = await client.searchRead('sale.order.line', [['order_id', '=', first!.id]], {
      fields: ['name', 'product_id', 'display_type'],
      order: 'sequence, id',
    });
    expect(lines.map((l) => l.id)).toEqual(flat.map((l) => l.id));
    for (const [i, l] of lines.entries()) {
      const p = flat[i]!.product_id as [number, string] | false;
      expect(l.product_id).toEqual(p ? { id: p[0], display_name: p[1] } : false);
    }
  });

  it("reads an order's deliveries and invoices nested in the same call (Odoo 17+), the records the Odoo 16 searches find", async () => {
    const client = clientFor(protocol);
    if (!(await client.hasWebRead())) return expect(await serverMajorVersion(base)).toBeLessThan(17);
    const first = await firstCustomerOrder(client, ['picking_ids', 'invoice_ids'], ['name']);
    expect(first).toBeDefined();
    // The specification lib/portal/orders.ts sends for the order page.
    const {
      records: [order],
    } = await client.webSearchRead(
      'sale.order',
      [['id', '=', first!.id]],
      {
        name: {},
        picking_ids: { fields: TIMELINE_SPEC.picking, order: 'id', limit: 200 },
        invoice_ids: { fields: TIMELINE_SPEC.invoice, order: 'invoice_date, id', limit: 200 },
      },
      { limit: 1 },
    );
    const pickings = order!.picking_ids as { id: number; name: string; partner_id: { id: number; commercial_partner_id: number } }[];
    const invoices = order!.invoice_ids as { id: number; state: string; move_type: string; commercial_partner_id: number }[];
    const [flatPickings, flatInvoices] = await Promise.all([
      client.searchRead('stock.picking', [['sale_id', '=', first!.id]], { fields: ['name'], order: 'id' }),
      client.searchRead('account.move', [['invoice_line_ids.sale_line_ids.order_id', '=', first!.id]], {
        fields: ['name'],
        order: 'invoice_date, id',
      }),
    ]);
    expect(pickings.map((p) => p.id)).toEqual(flatPickings.map((p) => p.id));
    expect(new Set(invoices.map((i) => i.id))).toEqual(new Set(flatInvoices.map((i) => i.id)));
    expect(invoices.length).toBeGreaterThan(0);
    // The tenant check reads the commercial partner as a plain id, nested under the delivery's partner.
    for (const p of pickings) expect(p.partner_id.commercial_partner_id).toBe(CUSTOMER);
    for (const i of invoices) {
      expect(i.commercial_partner_id).toBe(CUSTOMER);
      expect(['out_invoice', 'out_refund']).toContain(i.move_type);
    }
  });

  it("reads the orders an invoice's lines bill, with their transfers nested (Odoo 17+), the records the Odoo 16 searches find", async () => {
    const client = clientFor(protocol);
    if (!(await client.hasWebRead())) return expect(await serverMajorVersion(base)).toBeLessThan(17);
    const [invoice] = await client.searchRead(
      'account.move',
      [
        ['partner_id', 'child_of', CUSTOMER],
        ['move_type', '=', 'out_invoice'],
        ['invoice_line_ids.sale_line_ids.order_id.picking_ids', '!=', false],
      ],
      { fields: ['name'], limit: 1, order: 'id' },
    );
    expect(invoice).toBeDefined();
    // The specification lib/portal/invoices.ts sends for the invoice page.
    const {
      records: [read],
    } = await client.webSearchRead(
      'account.move',
      [['id', '=', invoice!.id]],
      { name: {}, invoice_line_ids: { fields: INVOICE_LINE_SPEC, order: 'id', limit: 1000 } },
      { limit: 1 },
    );
    type Partner = { id: number; commercial_partner_id: number };
    type Picking = { id: number; picking_type_code: string; partner_id: Partner };
    type Order = { id: number; name: string; partner_id: Partner; picking_ids: Picking[] };
    const lines = read!.invoice_line_ids as { sale_line_ids: { order_id: Order | false }[] }[];
    const orders = new Map<number, Order>();
    for (const l of lines) for (const s of l.sale_line_ids) if (s.order_id) orders.set(s.order_id.id, s.order_id);
    const sorted = [...orders.values()].sort((a, b) => a.id - b.id);
    for (const o of sorted) expect(o.partner_id.commercial_partner_id).toBe(CUSTOMER);
    const outgoing = sorted.flatMap((o) => o.picking_ids).filter((p) => p.picking_type_code === 'outgoing');
    for (const p of outgoing) expect(p.partner_id.commercial_partner_id).toBe(CUSTOMER);
    const [flatOrders, flatPickings] = await Promise.all([
      client.searchRead('sale.order', [['invoice_ids', 'in', [invoice!.id]]], { fields: ['name'], order: 'id' }),
      client.searchRead(
        'stock.picking',
        [
          ['sale_id.invoice_ids', 'in', [invoice!.id]],
          ['picking_type_code', '=', 'outgoing'],
        ],
        { fields: ['name'], order: 'sale_id, id' },
      ),
    ]);
    expect(sorted.map((o) => o.id)).toEqual(flatOrders.map((o) => o.id));
    expect(outgoing.map((p) => p.id)).toEqual(flatPickings.map((p) => p.id));
    expect(outgoing.length).toBeGreaterThan(0);
  });

  it("reads a customer's orders with many2one pairs, newest first", async () => {
    const orders = await clientFor(protocol).searchRead('sale.order', [['partner_id', 'child_of', CUSTOMER]], {
      fields: ['name', 'state', 'date_order', 'partner_id', 'amount_total', 'currency_id', 'client_order_ref'],
      limit: 20,
      order: 'date_order desc, id desc',
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
    const domain = [
      ['partner_id', 'child_of', CUSTOMER],
      ['state', '=', 'sale'],
    ];
    const [count, rows] = await Promise.all([
      client.searchCount('sale.order', domain),
      client.searchRead('sale.order', domain, { fields: ['id'] }),
    ]);
    expect(count).toBe(rows.length);
  });

  it("pages a customer's orders in one web_search_read (Odoo 17+): search_read's records and search_count's count, 0 past the end", async () => {
    const client = clientFor(protocol);
    if (!(await client.hasWebRead())) return expect(await serverMajorVersion(base)).toBeLessThan(17);
    const domain = [['partner_id', 'child_of', CUSTOMER]];
    const fields = [...FIELDS.order];
    const order = 'date_order desc, id desc';
    const [count, flat] = await Promise.all([
      client.searchCount('sale.order', domain),
      client.searchRead('sale.order', domain, { fields, offset: 2, limit: 3, order }),
    ]);
    expect(count).toBeGreaterThan(5); // a second page exists, so the length is a count, not the page's size
    const page = await client.webSearchRead('sale.order', domain, webSpec(fields), { offset: 2, limit: 3, order });
    expect(page.length).toBe(count);
    expect(page.records.map((r) => r.id)).toEqual(flat.map((r) => r.id));
    const past = await client.webSearchRead('sale.order', domain, webSpec(fields), { offset: count + 10, limit: 3, order });
    expect(past).toEqual({ length: 0, records: [] });
  });

  it('answers an empty list for a read of a missing id and MissingError for a write on it', async () => {
    const client = clientFor(protocol);
    expect(await client.read('sale.order', [99_999_999], ['name'])).toEqual([]);
    await expect(client.write('sale.order', [99_999_999], { client_order_ref: 'x' })).rejects.toBeInstanceOf(OdooMissingError);
  });

  it("raises a server error for an unknown field and a validation error with Odoo's text", async () => {
    const client = clientFor(protocol);
    await expect(client.searchRead('sale.order', [], { fields: ['no_such_field'], limit: 1 })).rejects.toMatchObject({
      constructor: OdooServerError,
      odooName: 'builtins.ValueError',
    });
    // The wording differs (19: "Missing required value for the field 'Customer' (partner_id)"; 17/18:
    // "Field: Customer (partner_id)"); both say what is missing in Odoo's own words.
    await expect(client.create('sale.order', { client_order_ref: 'no partner' })).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof OdooValidationError && /a mandatory field is not set/.test(e.message) && /\(partner_id\)/.test(e.message),
    );
  });

  it('refuses a wrong API key (over a web session: a wrong password) as an authentication error', async () => {
    const wrong = protocol === 'session' ? { password: 'wrong-password' } : { apiKey: 'wrong-key' };
    await expect(clientFor(protocol, wrong).searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooAuthError);
  });

  it('refuses a database that does not exist as an authentication error, whichever way it is asked', async () => {
    await expect(clientFor(protocol, { db: 'no-such-database' }).searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooAuthError);
  });

  it('prices a cart with onchange without creating an order', async () => {
    const client = clientFor(protocol);
    const [product] = await client.searchRead(
      'product.product',
      [
        ['sale_ok', '=', true],
        ['type', '!=', 'service'],
      ],
      { fields: ['id'], limit: 1 },
    );
    const before = await client.searchCount('sale.order', []);
    const { value } = await client.onchange(
      'sale.order',
      {
        partner_id: CUSTOMER,
        order_line: [[0, 'v1', { product_id: product!.id, product_uom_qty: 3 }]],
      },
      {
        currency_id: { fields: { display_name: {} } },
        amount_total: {},
        order_line: { fields: { product_id: { fields: { display_name: {} } }, price_unit: {}, price_subtotal: {} } },
      },
    );
    expect(value.amount_total).toEqual(expect.any(Number));
    const [, ref, line] = (value.order_line as [number, string, Record<string, unknown>][])[0]!;
    expect(ref).toBe('v1');
    expect(line).toMatchObject({ product_id: { id: product!.id, display_name: expect.any(String) }, price_unit: expect.any(Number) });
    expect(await client.searchCount('sale.order', [])).toBe(before);
  });

  it('groups open invoices by currency with sums and counts', async () => {
    const rows = await clientFor(protocol).readGroup(
      'account.move',
      [
        ['partner_id', 'child_of', CUSTOMER],
        ['move_type', 'in', ['out_invoice', 'out_refund']],
        ['state', '=', 'posted'],
      ],
      ['amount_residual:sum'],
      ['currency_id'],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.currency_id).toEqual([expect.any(Number), expect.any(String)]);
      expect(row.__count).toEqual(expect.any(Number));
      expect(row.amount_residual).toEqual(expect.any(Number));
    }
  });

  it('creates a quotation, confirms it into a delivery and posts a chatter note', async () => {
    const client = clientFor(protocol);
    const [product] = await client.searchRead(
      'product.product',
      [
        ['sale_ok', '=', true],
        ['type', '=', 'consu'],
      ],
      { fields: ['id'], limit: 1 },
    );
    const id = await client.create('sale.order', {
      partner_id: CUSTOMER,
      client_order_ref: `CONTRACT-${protocol}`,
      order_line: [[0, 0, { product_id: product!.id, product_uom_qty: 2 }]],
    });
    await client.callMethod('sale.order', 'action_confirm', [id]);
    await client.messagePost('sale.order', id, 'Placed through the portal contract test');
    const [order] = await client.searchRead('sale.order', [['id', '=', id]], { fields: ['state', 'picking_ids', 'name'] });
    expect(order).toMatchObject({ state: 'sale', name: expect.stringMatching(/^S\d+/) });
    expect((order!.picking_ids as number[]).length).toBe(1);
  });

  it('reads every whitelisted field of the models the portal reads, flat and nested (Odoo 17+)', async () => {
    const client = clientFor(protocol);
    const models: [string, readonly string[]][] = [
      ['res.partner', FIELDS.partner],
      ['sale.order', FIELDS.order],
      ['sale.order.line', FIELDS.orderLine],
      ['stock.picking', FIELDS.picking],
      ['stock.move', FIELDS.move],
      ['account.move', FIELDS.invoice],
      ['account.move.line', FIELDS.invoiceLine],
      ['product.product', FIELDS.product],
      ['res.partner.category', FIELDS.partnerTag],
      ['res.users', FIELDS.user],
      ['res.country', ['code', 'name']],
      ['res.company', ['partner_id']],
      ['account.tax', ['name']],
    ];
    const webRead = await client.hasWebRead();
    for (const [model, fields] of models) {
      const [row] = await client.searchRead(model, [], { fields, limit: 1 });
      expect(row, model).toBeDefined();
      expect(Object.keys(row!).sort(), model).toEqual(['id', ...fields].sort());
      if (!webRead) continue;
      const {
        records: [nested],
      } = await client.webSearchRead(model, [['id', '=', row!.id]], webSpec(fields), { limit: 1 });
      expect(Object.keys(nested!).sort(), model).toEqual(['id', ...fields].sort());
    }
  });

  it('adds, edits and archives a delivery address (create and write with positional values)', async () => {
    const client = clientFor(protocol);
    const name = `Contract dock ${protocol} ${Date.now()}`;
    const [country] = await client.searchRead('res.country', [['code', '=', 'US']], { fields: ['id'], limit: 1 });
    const id = await client.create('res.partner', {
      name,
      parent_id: CUSTOMER,
      type: 'delivery',
      street: '1 Quay Road',
      zip: '94107',
      city: 'San Francisco',
      country_id: country!.id,
    });
    await client.write('res.partner', [id], { street2: 'Gate 4' });
    await client.write('res.partner', [id], { active: false });
    const [row] = await client.searchRead('res.partner', [['id', '=', id]], {
      fields: ['name', 'street2', 'active', 'type', 'commercial_partner_id'],
      context: { active_test: false },
    });
    expect(row).toMatchObject({
      name,
      street2: 'Gate 4',
      active: false,
      type: 'delivery',
      commercial_partner_id: [CUSTOMER, expect.any(String)],
    });
    // Archived: left out of every search that does not ask for inactive records.
    expect(await client.searchCount('res.partner', [['id', '=', id]])).toBe(0);
  });

  it('invites a contact with a role tag, changes its roles and reads the tags by id', async () => {
    const client = clientFor(protocol);
    const tags = await client.searchRead('res.partner.category', [['name', 'in', Object.values(ROLE_TAGS)]], { fields: FIELDS.partnerTag });
    const tag = (name: string) => tags.find((t) => t.name === name)!.id;
    expect(tags.map((t) => t.name).sort()).toEqual(Object.values(ROLE_TAGS).sort());
    const stamp = Date.now();
    const id = await client.create('res.partner', {
      name: `Contract colleague ${stamp}`,
      email: `contract.${protocol}.${stamp}@example.test`,
      parent_id: CUSTOMER,
      type: 'contact',
      category_id: [[6, 0, [tag(ROLE_TAGS.buyer)]]],
    });
    await client.write('res.partner', [id], { category_id: [[6, 0, [tag(ROLE_TAGS.finance), tag(ROLE_TAGS.viewer)]]] });
    const [contact] = await client.searchRead('res.partner', [['id', '=', id]], { fields: ['category_id'] });
    const read = await client.read('res.partner.category', contact!.category_id as number[], FIELDS.partnerTag);
    expect(read.map((t) => t.name).sort()).toEqual([ROLE_TAGS.finance, ROLE_TAGS.viewer]);
  });

  it("posts a note in the customer's chatter and reads it back", async () => {
    const client = clientFor(protocol);
    const marker = `contract note ${protocol} ${Date.now()}`;
    await client.messagePost('res.partner', CUSTOMER, `Customer portal: ${marker}`);
    const notes = await client.searchRead(
      'mail.message',
      [
        ['model', '=', 'res.partner'],
        ['res_id', '=', CUSTOMER],
        ['body', 'ilike', marker],
      ],
      { fields: ['body', 'message_type'] },
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ body: expect.stringContaining(marker), message_type: 'comment' });
  });

  it('finds an internal user by login, as a staff sign-in does', async () => {
    const users = await clientFor(protocol).searchRead(
      'res.users',
      ['|', ['login', '=ilike', base.login], ['email', '=ilike', base.login]],
      { fields: FIELDS.user, limit: 5 },
    );
    expect(users.map((u) => u.login)).toContain(base.login);
  });

  it("streams an invoice's PDF through a web session and through the portal URL", async () => {
    const client = clientFor(protocol);
    const [invoice] = await client.searchRead(
      'account.move',
      [
        ['move_type', '=', 'out_invoice'],
        ['state', '=', 'posted'],
      ],
      { fields: ['invoice_pdf_report_id'], limit: 1 },
    );
    const withSession = await client.invoicePdf(invoice!.id, false);
    expect((await buffer(withSession.body)).subarray(0, 5).toString()).toBe('%PDF-');
    // Without a password there is no web session: the API key's protocol asks for the portal URL.
    const keyOnly = await clientFor(protocol === 'session' ? 'jsonrpc' : protocol, { password: undefined }).invoicePdf(invoice!.id, false);
    expect((await buffer(keyOnly.body)).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
