import { expect, test, type Page } from '@playwright/test';
import { signIn } from '../e2e/helpers';
import { CUSTOMER, companyId, m2oId, odoo, one, searchRead, type Row } from './odoo';

/**
 * A buyer's and a viewer's journeys on a real Odoo: the demo orders of the customer
 * company (../shared/real-odoo: S00021-S00024 with PO-GEM-1001..1004, S00021's delivery
 * done with a tracking reference), looked up by name because ids differ per database.
 */
const BOB = 'bob@brightline.example';
const ordersTable = (page: Page) => page.getByRole('table', { name: 'Your orders' });

let customerId: number;
let bobId: number;
let s21: Row;
let s22: Row;

/** Adds a US delivery address on /account/addresses (the page is open) and answers its list item. */
async function addAddress(page: Page, name: string, street: string, zip: string, city: string, state?: string) {
  const form = page.getByRole('form', { name: 'New delivery address' });
  await form.getByLabel('Name (e.g. Warehouse North)').fill(name);
  await form.getByLabel('Street', { exact: true }).fill(street);
  await form.getByLabel('Postcode').fill(zip);
  await form.getByLabel('City').fill(city);
  await form.getByLabel('Country').selectOption('US');
  if (state) await form.getByLabel('State or province').selectOption({ label: state });
  await form.getByRole('button', { name: 'Add address' }).click();
  const item = page.getByRole('list', { name: 'Delivery addresses' }).getByRole('listitem').filter({ hasText: name });
  await expect(item).toHaveCount(1);
  return item;
}

test.beforeAll(async () => {
  customerId = await companyId(CUSTOMER);
  bobId = (
    await one(
      'res.partner',
      [
        ['email', '=', BOB],
        ['parent_id', '=', customerId],
      ],
      ['id'],
    )
  ).id;
  s21 = await one(
    'sale.order',
    [['name', '=', 'S00021']],
    ['client_order_ref', 'picking_ids', 'invoice_ids', 'partner_id', 'partner_shipping_id'],
  );
  s22 = await one('sale.order', [['name', '=', 'S00022']], ['client_order_ref', 'order_line']);
});

test('a buyer filters, sorts and searches the orders by PO and by SKU, and opens one', async ({ page }) => {
  await signIn(page, BOB, '/orders');
  const rows = ordersTable(page).locator('tbody tr');
  await page.getByRole('combobox', { name: 'Status' }).selectOption('confirmed');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/state=confirmed/);
  await expect(rows.first()).toBeVisible();
  const expected = await searchRead(
    'sale.order',
    [
      ['partner_id', 'child_of', customerId],
      ['state', '=', 'sale'],
    ],
    ['name'],
  );
  const shown = await rows.locator('td:first-child').allTextContents();
  expect(shown.length).toBe(Math.min(expected.length, 25));
  for (const name of shown) expect(expected.map((o) => o.name)).toContain(name.trim());

  await page.getByRole('button', { name: /^Total/ }).click();
  await expect(page).toHaveURL(/sort=total/);
  await expect(page.getByRole('columnheader', { name: /Total/ })).toHaveAttribute('aria-sort', /ascending|descending/);

  await page.goto(`/orders?q=${String(s22.client_order_ref)}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('S00022');

  // By SKU: a product of S00022 with an internal reference.
  const lines = await searchRead(
    'sale.order.line',
    [
      ['order_id', '=', s22.id],
      ['product_id.default_code', '!=', false],
    ],
    ['product_id'],
    { limit: 1 },
  );
  const [product] = await searchRead('product.product', [['id', '=', m2oId(lines[0]!.product_id)]], ['default_code']);
  // Oldest first: the journeys' own orders of the same product pile up in a database used again.
  await page.goto(`/orders?q=${encodeURIComponent(String(product!.default_code))}&sort=date&dir=asc`);
  await expect(ordersTable(page)).toContainText('S00022');

  await page.goto(`/orders/${s21.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Order S00021' })).toBeVisible();
  const s21Lines = await searchRead(
    'sale.order.line',
    [
      ['order_id', '=', s21.id],
      ['display_type', '=', false],
    ],
    ['name'],
  );
  const table = page.getByRole('table', { name: /Lines of order S00021/ });
  for (const l of s21Lines) await expect(table).toContainText(String(l.name).split('\n')[0]!);
  const [picking] = await searchRead('stock.picking', [['id', 'in', s21.picking_ids as number[]]], ['name']);
  const [invoice] = await searchRead('account.move', [['id', 'in', s21.invoice_ids as number[]]], ['name']);
  const timeline = page.getByRole('heading', { name: 'Deliveries and invoices' }).locator('..');
  await expect(timeline).toContainText(String(picking!.name));
  await expect(timeline).toContainText(String(invoice!.name));
  await expect(page.getByText(String(s21.client_order_ref))).toBeVisible();
  // The delivery address as a letter shows it: Odoo's name for it, then its street and city.
  const [shipTo] = await searchRead('res.partner', [['id', '=', m2oId(s21.partner_shipping_id)]], ['display_name', 'street', 'city']);
  const address = page
    .getByRole('region', { name: 'Addresses' })
    .locator('dt', { hasText: /^Delivery$/ })
    .locator('xpath=following-sibling::dd[1]');
  await expect(address).toContainText(String(shipTo!.display_name));
  await expect(address).toContainText(String(shipTo!.street));
  await expect(address).toContainText(String(shipTo!.city));
});

test('a buyer orders S00022 again with a changed quantity, and Odoo holds the confirmed order with those lines, the PO and the address', async ({
  page,
}) => {
  // A new delivery address, added through the portal as a customer would (the portal
  // caches the address list, so one written into Odoo behind its back shows up only later).
  await signIn(page, BOB, '/account/addresses');
  const dockName = `Journeys dock ${Date.now()}`;
  await addAddress(page, dockName, '2 Quay Road', '94607', 'Oakland');
  const dockId = (await one('res.partner', [['name', '=', dockName]], ['id'])).id;

  await page.goto(`/orders/${s22.id}`);
  await page.getByRole('link', { name: 'Order again' }).click();
  await expect(page.getByRole('heading', { name: /again$/ })).toBeVisible();
  const inputs = page.locator('input[id^="qty-"]');
  await expect(inputs.first()).toBeVisible();
  const quantities = new Map<number, number>();
  for (const input of await inputs.all())
    quantities.set(Number((await input.getAttribute('id'))!.slice(4)), Number(await input.inputValue()));
  const changed = Number((await inputs.first().getAttribute('id'))!.slice(4));
  await inputs.first().fill('7');
  quantities.set(changed, 7);
  await page.getByRole('button', { name: 'Update prices' }).click();
  await expect(page.getByRole('button', { name: 'Update prices' })).toBeEnabled();
  const po = `PO-REAL-${Date.now()}`;
  await page.getByLabel('Your PO reference').fill(po);
  await page.getByLabel('Deliver to').selectOption(String(dockId));
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByText(/was placed/)).toBeVisible();
  const orderId = Number(new URL(page.url()).pathname.split('/').pop());

  // Read back from Odoo itself.
  const placed = await one(
    'sale.order',
    [['id', '=', orderId]],
    ['state', 'client_order_ref', 'partner_id', 'partner_shipping_id', 'origin', 'order_line'],
  );
  expect(placed).toMatchObject({ state: 'sale', client_order_ref: po, origin: expect.stringMatching(/^portal:/) });
  expect(m2oId(placed.partner_id)).toBe(bobId);
  expect(m2oId(placed.partner_shipping_id)).toBe(dockId);
  const lines = await searchRead(
    'sale.order.line',
    [
      ['order_id', '=', orderId],
      ['display_type', '=', false],
    ],
    ['product_id', 'product_uom_qty'],
  );
  expect(new Map(lines.map((l) => [m2oId(l.product_id)!, Number(l.product_uom_qty)]))).toEqual(quantities);
  await expect(page.getByRole('table', { name: /Lines of order/ })).toContainText('7');
});

test('a buyer confirms a quotation the seller sent, and one asking for an online payment says why it cannot be', async ({ page }) => {
  // A quotation as a salesperson sends it: a product of S00022, marked sent, with no online payment asked.
  const [line] = await searchRead(
    'sale.order.line',
    [
      ['order_id', '=', s22.id],
      ['display_type', '=', false],
    ],
    ['product_id'],
    { limit: 1 },
  );
  const create = (values: Record<string, unknown>) =>
    odoo<number>('sale.order', 'create', [
      {
        partner_id: bobId,
        validity_date: '2099-12-31',
        order_line: [[0, 0, { product_id: m2oId(line!.product_id), product_uom_qty: 3 }]],
        ...values,
      },
    ]);
  const quote = await create({ require_payment: false });
  const prepaid = await create({ require_payment: true });
  await odoo('sale.order', 'write', [[quote, prepaid], { state: 'sent' }]);
  const { name } = await one<Row & { name: string }>('sale.order', [['id', '=', quote]], ['name']);

  await signIn(page, BOB, '/orders?state=to-confirm');
  await ordersTable(page).getByRole('link', { name }).click();
  await expect(page.getByText('Waiting for your confirmation')).toBeVisible();
  await page.getByRole('button', { name: 'Confirm order' }).click();
  await page
    .getByRole('dialog', { name: `Confirm quotation ${name}?` })
    .getByRole('button', { name: 'Confirm order' })
    .click();
  await expect(page.getByText(`Order ${name} is confirmed.`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Confirm order' })).toHaveCount(0);

  const confirmed = await one('sale.order', [['id', '=', quote]], ['state', 'picking_ids']);
  expect(confirmed.state).toBe('sale');
  expect(confirmed.picking_ids).not.toEqual([]);
  const notes = await searchRead(
    'mail.message',
    [
      ['model', '=', 'sale.order'],
      ['res_id', '=', quote],
    ],
    ['body'],
  );
  expect(notes.map((n) => String(n.body)).join('\n')).toContain('Confirmed in the customer portal by');

  await page.goto(`/orders/${prepaid}`);
  await expect(page.getByText(/asks for an online payment/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Confirm order' })).toHaveCount(0);
  expect((await one('sale.order', [['id', '=', prepaid]], ['state'])).state).toBe('sent');
});

test('a quick order with an unknown SKU and a bad quantity says which lines are wrong and creates nothing', async ({ page }) => {
  const [product] = await searchRead(
    'product.product',
    [
      ['sale_ok', '=', true],
      ['default_code', '!=', false],
      ['type', '!=', 'service'],
    ],
    ['default_code'],
    { limit: 1 },
  );
  const count = () => searchRead('sale.order', [['partner_id', 'child_of', customerId]], ['id']).then((r) => r.length);
  const before = await count();
  await signIn(page, BOB, '/orders/new');
  await page.getByLabel(/One product per line/).fill(`${String(product!.default_code)} 3\nNOPE-9999 2\n${String(product!.default_code)} x`);
  await page.getByRole('button', { name: 'Check lines' }).click();
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('Line 2: Unknown SKU “NOPE-9999”.');
  await expect(alert).toContainText('Line 3: “x” is not a quantity: write a number above 0, like 12 or 2.5.');
  await expect(page.getByRole('button', { name: 'Place order' })).toHaveCount(0);
  expect(await count()).toBe(before);
});

test('the CSV template names two products of this Odoo’s catalogue, and loads back as a quick order', async ({ page }) => {
  await signIn(page, BOB, '/orders/new');
  const template = await page.request.get('/orders/new/template');
  expect(template.status()).toBe(200);
  const skus = (await template.text())
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',')[0]!);
  expect(skus).toHaveLength(2);
  const known = await searchRead(
    'product.product',
    [
      ['default_code', 'in', skus],
      ['sale_ok', '=', true],
    ],
    ['default_code'],
  );
  expect(known.map((p) => p.default_code).sort()).toEqual([...skus].sort());
  await page.getByLabel(/One product per line/).fill(await template.text());
  await page.getByRole('button', { name: 'Check lines' }).click();
  await expect(page.getByRole('heading', { name: 'Review' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
});

test('a buyer follows a delivered order to its delivery with the tracking reference and link', async ({ page }) => {
  const picking = await one<Row & { name: string; carrier_tracking_ref: string; carrier_tracking_url: string | false }>(
    'stock.picking',
    [
      ['id', 'in', s21.picking_ids as number[]],
      ['picking_type_code', '=', 'outgoing'],
    ],
    ['name', 'carrier_tracking_ref', 'carrier_tracking_url', 'move_ids'],
  );
  await signIn(page, BOB, '/deliveries?status=delivered');
  await page
    .getByRole('list', { name: 'Deliveries' })
    .getByRole('link', { name: new RegExp(String(picking.name)) })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: `Delivery ${picking.name}` })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Delivery progress' })).toContainText('Shipped');
  const ref = String(picking.carrier_tracking_ref);
  if (picking.carrier_tracking_url) {
    // A carrier with a tracking link (odoo:prepare --dev-data sets one where Odoo has the field).
    const track = page.getByRole('link', { name: `Track ${ref}` });
    await expect(track).toHaveAttribute('href', picking.carrier_tracking_url);
    await expect(track).toHaveAttribute('rel', /noopener/);
  } else {
    await expect(page.getByRole('main')).toContainText(ref);
  }
});

test('a buyer adds a delivery address with its state, Odoo holds it under the company, and archiving it archives it in Odoo', async ({
  page,
}) => {
  await signIn(page, BOB, '/account/addresses');
  const name = `Dock ${Date.now()}`;
  const item = await addAddress(page, name, '1 Quay Road', '94107', 'San Francisco', 'California');
  await expect(item).toContainText('California');
  const added = await one('res.partner', [['name', '=', name]], ['parent_id', 'type', 'street', 'state_id', 'active']);
  expect(added).toMatchObject({ type: 'delivery', street: '1 Quay Road', active: true });
  expect((added.state_id as [number, string])[1]).toMatch(/^California/);
  expect(m2oId(added.parent_id)).toBe(customerId);
  await page.getByRole('button', { name: `Archive ${name}` }).click();
  await page
    .getByRole('dialog', { name: `Archive the address ${name}?` })
    .getByRole('button', { name: 'Archive address' })
    .click();
  await expect(item).toHaveCount(0);
  expect((await one('res.partner', [['id', '=', added.id]], ['active'])).active).toBe(false);
});

test('a viewer sees the orders but cannot order or open invoices', async ({ page }) => {
  await signIn(page, 'victor@brightline.example', `/orders/${s21.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Order S00021' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Order again' })).toHaveCount(0);
  await page.goto('/orders/new');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Your role does not allow ordering');
  await page.goto('/invoices');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Invoices are for your company’s finance team');
});

test("another company's order answers 404, as a missing one does", async ({ page }) => {
  const [other] = await searchRead('sale.order', [['partner_id.commercial_partner_id', '!=', customerId]], ['name'], { limit: 1 });
  await signIn(page, BOB, '/orders');
  expect((await page.goto(`/orders/${other!.id}`))!.status()).toBe(404);
  expect((await page.goto(`/orders/new?from=${other!.id}`))!.status()).not.toBe(500);
  await expect(page.getByText(String(other!.name))).toHaveCount(0);
  expect((await page.goto('/orders/999999999'))!.status()).toBe(404);
});
