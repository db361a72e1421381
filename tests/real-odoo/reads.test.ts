import { beforeAll, describe, expect, it } from 'vitest';
import { OdooGateway } from '../../lib/odoo/client';
import { odooConfigFromEnv } from '../../lib/odoo/config';
import type { PortalContext } from '../../lib/context';
import { listAddresses } from '../../lib/portal/account';
import { priceCart } from '../../lib/portal/cart';
import { listOrders } from '../../lib/portal/orders';
import { orderListQuery } from '../../lib/schemas/orders';
import { portalContext } from '../helpers/portal-context';

/**
 * Reads whose Odoo semantics the simulator only imitates, against a REAL Odoo (ODOO_* of an
 * administrator, as prepare.test.ts; read only, nothing written): the open orders filter's
 * `|`/`&` domain on `delivery_status`, a SKU typed in another case (with `_` no wildcard) and
 * state names, which Odoo gives with their country's code.
 */
const configured = !!process.env.ODOO_URL && !!process.env.ODOO_API_KEY;
if (!configured) console.log('[real-odoo] reads test skipped: no real Odoo configured (ODOO_* of an Odoo administrator).');

let gateway: OdooGateway;
let ctx: () => PortalContext;

beforeAll(async () => {
  if (!configured) return;
  gateway = new OdooGateway({ ...odooConfigFromEnv(), timeoutMs: 60_000 });
  const odoo = gateway.client();
  // Odoo's demo customer with orders, deliveries and a US address.
  const [gemini] = await odoo.searchRead(
    'res.partner',
    [
      ['name', '=', 'Gemini Furniture'],
      ['is_company', '=', true],
    ],
    { fields: ['id'] },
  );
  const [contact] = await odoo.searchRead(
    'res.partner',
    [
      ['parent_id', '=', gemini!.id],
      ['type', '=', 'contact'],
    ],
    {
      fields: ['name'],
      limit: 1,
    },
  );
  ctx = () =>
    portalContext(gateway, 'bobA', {
      tenant: { id: gemini!.id, name: 'Gemini Furniture' },
      contact: { id: contact!.id, name: String(contact!.name) },
    });
});

describe.runIf(configured)('portal reads against a real Odoo', () => {
  it('lists as open only quotations and confirmed orders with goods still to deliver', async () => {
    const open = await listOrders(ctx(), orderListQuery.parse({ state: 'open', size: 100 }));
    const all = await listOrders(ctx(), orderListQuery.parse({ size: 100 }));
    expect(open.total).toBeGreaterThan(0);
    expect(open.total).toBeLessThan(all.total);
    for (const r of open.rows)
      expect(r.state === 'quotation' || ['pending', 'started', 'partial'].includes(r.deliveryStatus ?? ''), r.number).toBe(true);
    const expected = all.rows.filter(
      (r) => r.state === 'quotation' || (r.state === 'confirmed' && ['pending', 'started', 'partial'].includes(r.deliveryStatus ?? '')),
    );
    expect(open.rows.map((r) => r.number).sort()).toEqual(expected.map((r) => r.number).sort());
  });

  it('finds a SKU typed in lower case, and takes its `_` literally', async () => {
    const [product] = await gateway.client().searchRead(
      'product.product',
      [
        ['default_code', '=like', '%\\_%'],
        ['sale_ok', '=', true],
      ],
      { fields: ['default_code'], limit: 1 },
    );
    const code = String(product!.default_code);
    const cart = await priceCart(ctx(), [
      { sku: code.toLowerCase(), quantity: 1, line: 1 },
      { sku: code.replace('_', 'X'), quantity: 1, line: 2 },
    ]);
    expect(cart.lines.map((l) => l.sku)).toEqual([code]);
    expect(cart.errors.map((e) => e.line)).toEqual([2]);
  });

  it('names a state once, without the country code Odoo adds to its name', async () => {
    const odoo = gateway.client();
    const [company] = await odoo.searchRead(
      'res.partner',
      [
        ['is_company', '=', true],
        ['state_id', '!=', false],
      ],
      {
        fields: ['name', 'state_id'],
        limit: 1,
      },
    );
    const [state] = await odoo.searchRead('res.country.state', [['id', '=', (company!.state_id as [number, string])[0]]], {
      fields: ['name', 'display_name'],
    });
    expect(state!.display_name).toMatch(/ \([A-Z]{2}\)$/); // what Odoo gives, and the portal leaves out
    const lines = (await listAddresses({ ...ctx(), tenant: { id: company!.id, name: String(company!.name) } })).flatMap((a) => a.lines);
    expect(lines).toContain(state!.name);
    expect(lines.filter((l) => / \([A-Z]{2}\)$/.test(l))).toEqual([]);
  });
});
