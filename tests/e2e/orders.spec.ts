import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, expectFitsPhone, odooCall, signIn } from './helpers';

const BOB = 'bob@brightline.example';

async function orderCount(page: Page, query = ''): Promise<number> {
  await page.goto(`/orders?${query}`);
  const text = await page.getByRole('navigation', { name: 'Pagination' }).locator('p').textContent();
  return Number(text!.split(' ')[0]!.replace(/,/g, ''));
}

test('buyer A filters orders by status and search, and the filters stay in the URL', async ({ page }) => {
  await signIn(page, BOB, '/orders');
  await expect(page.getByRole('heading', { name: 'Orders', level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('combobox', { name: 'Status' }).selectOption('quotation');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/state=quotation/);
  const rows = page.getByRole('table', { name: 'Your orders' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  for (const badge of await rows.locator('td:nth-child(4)').allTextContents()) expect(badge).toBe('Quotation');
  // Sorting by total is kept in the URL and orders the rows.
  await page.getByRole('button', { name: /^Total/ }).click();
  await expect(page).toHaveURL(/sort=total/);
  await expect(page.getByRole('columnheader', { name: /Total/ })).toHaveAttribute('aria-sort', /ascending|descending/);
  // An order opened from the filtered list leads back to the list as it was left.
  const listAddress = page.url();
  await rows.first().getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: /^(Order|Quotation) / })).toBeVisible();
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Orders' }).click();
  await expect(page).toHaveURL(listAddress);
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('quotation');
  // A search by order number finds exactly that order.
  const number = (await rows.first().locator('td').first().textContent())!;
  await page.getByLabel('Search').fill(number);
  await page.getByRole('combobox', { name: 'Status' }).selectOption('');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(number);
});

test('an order says the day it was placed; a quotation and a cancelled order the day they are dated', async ({ page }) => {
  await signIn(page, BOB, '/orders');
  for (const [state, words] of [
    ['confirmed', /placed \d/],
    ['quotation', /dated \d/],
    ['cancelled', /dated \d/],
  ] as const) {
    await page.goto(`/orders?state=${state}`);
    await page.getByRole('table', { name: 'Your orders' }).locator('tbody tr').first().getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('main')).toContainText(words);
  }
});

test('bad filters in the URL show a clear message instead of an error page', async ({ page }) => {
  await signIn(page, BOB, '/orders?page=-1&from=2026-13-45');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('These filters are not valid');
  const res = await page.goto('/orders?size=7');
  expect(res!.status()).toBe(200);
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Rows per page: Page size is 10, 25, 50 or 100');
  await page.goto('/orders?sort=bogus');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Sort: This list cannot be sorted by that column.');
  // Each message names the filter as the form labels it, never by its key in the address.
  await page.goto(`/orders?q=${'x'.repeat(101)}`);
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Search: Search text is at most 100 characters.');
  await page.goto('/orders?to=2026-02-30');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('To: Use a date like 2026-01-31.');
});

test('filters that do not make sense keep the form as typed, say why where the list would be, and lead back', async ({ page }) => {
  await signIn(page, BOB, '/orders?q=S0&from=2026-12-01&to=2026-01-01');
  const form = page.getByRole('search', { name: 'Filter orders' });
  await expect(form.getByLabel('From', { exact: true })).toHaveValue('2026-12-01');
  await expect(form.getByLabel('To', { exact: true })).toHaveValue('2026-01-01');
  await expect(form.getByLabel('Search', { exact: true })).toHaveValue('S0');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('From: The start date is after the end date.');
  await expect(page.getByRole('table', { name: 'Your orders' })).toHaveCount(0);
  await expectAccessible(page);
  // Corrected in the form, the list is back with the search kept.
  await form.getByLabel('To', { exact: true }).fill('2026-12-31');
  await form.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/to=2026-12-31/);
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Your orders' }).or(page.getByText('No orders match'))).toBeVisible();
});

test('a page past the last one says so and leads to the last page, not to an empty list', async ({ page }) => {
  await signIn(page, BOB, '/orders?size=10&page=999&state=confirmed');
  await expect(page.getByText(/There is no page 999: the list ends at page \d+\./)).toBeVisible();
  await expect(page.getByText('No orders yet')).toHaveCount(0);
  await page.getByRole('link', { name: 'Go to the last page' }).click();
  await expect(page).toHaveURL(/state=confirmed/);
  await expect(page.getByRole('table')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText(/page (\d+) of \1/);
});

test('the orders CSV export holds the filtered list', async ({ page }) => {
  await signIn(page, BOB, '/orders?state=cancelled');
  const expected = await orderCount(page, 'state=cancelled');
  const res = await page.request.get('/orders/export?state=cancelled');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('text/csv');
  const lines = (await res.text()).trim().split(/\r?\n/);
  expect(lines[0]).toContain('"Order","Date","Your PO","Status"');
  expect(lines).toHaveLength(expected + 1);
  expect(lines.slice(1).every((l) => l.includes(',"Cancelled",'))).toBe(true);
  // The same words as the page: "Not shipped", not Odoo's "pending".
  const open = await (await page.request.get('/orders/export?state=confirmed')).text();
  expect(open).toContain(',"Not shipped",');
  expect(open).not.toContain('"pending"');
  expect((await page.request.get('/orders/export?from=yesterday')).status()).toBe(400);
});

test('buyer A opens an order, orders it again with a changed quantity and finds the new order in the list', async ({ page }) => {
  await signIn(page, BOB, '/orders?state=confirmed');
  const before = await orderCount(page);
  await page.goto('/orders?state=confirmed');
  await page.getByRole('table', { name: 'Your orders' }).locator('tbody tr').first().getByRole('link').click();
  await expect(page.getByRole('heading', { name: /^Order / })).toBeVisible();
  await expect(page.getByRole('table', { name: /Lines of order/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Deliveries and invoices' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Order again' }).click();
  await expect(page.getByRole('heading', { name: /again$/ })).toBeVisible();
  await expectAccessible(page);
  const qty = page.getByRole('textbox', { name: /^Quantity of / }).first();
  await qty.fill('7');
  // What the customer reads names no back-office software.
  await expect(page.getByText(/^Quantities changed/)).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText('Odoo');
  await page.getByRole('button', { name: 'Update prices' }).click();
  await expect(page.getByRole('button', { name: 'Update prices' })).toBeEnabled();
  await page.getByLabel('Your PO reference').fill('PO-E2E-REORDER');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByText(/was placed/)).toBeVisible();
  await expect(page.getByRole('table', { name: /Lines of order/ }).locator('tbody')).toContainText('7');
  const number = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Order ', '');
  await page.goto(`/orders?q=PO-E2E-REORDER`);
  await expect(page.getByRole('table', { name: 'Your orders' }).locator('tbody tr')).toHaveCount(1);
  await expect(page.getByRole('table', { name: 'Your orders' })).toContainText(number);
  expect(await orderCount(page)).toBe(before + 1);
});

test('order again starts from the original order’s delivery address while it is active', async ({ page }) => {
  const TACOMA = 27; // one of Brightline's delivery addresses in the seed
  const [order] = await odooCall<{ id: number }[]>('sale.order', 'search_read', {
    domain: [
      ['partner_id', '=', 10],
      ['partner_shipping_id', '=', TACOMA],
      ['state', '=', 'sale'],
    ],
    fields: ['name'],
    limit: 1,
  });
  await signIn(page, BOB, `/orders/${order!.id}`);
  // The order's page shows where it goes as a letter does: the name, then the street and city.
  const shipTo = page
    .getByRole('region', { name: 'Addresses' })
    .locator('dt', { hasText: /^Delivery$/ })
    .locator('xpath=following-sibling::dd[1]');
  await expect(shipTo).toHaveText(/Brightline Hardware Ltd, Tacoma Store\s*15 Port Blvd\s*98421 Tacoma/);
  await page.goto(`/orders/new?from=${order!.id}`);
  await expect(page.getByRole('heading', { name: /again$/ })).toBeVisible();
  await expect(page.getByLabel('Deliver to')).toHaveValue(String(TACOMA));
  await expect(page.getByLabel('Deliver to').locator('option:checked')).toContainText('Tacoma Store');
});

test('double-submitting an order review creates one order', async ({ page }) => {
  await signIn(page, BOB, '/orders?state=confirmed');
  await page.getByRole('table', { name: 'Your orders' }).locator('tbody tr').first().getByRole('link').click();
  await page.getByRole('link', { name: 'Order again' }).click();
  await page.getByLabel('Your PO reference').fill('PO-E2E-DOUBLE');
  // Two submits of the same form before the first answers (a double click, a retry).
  await page.locator('form[aria-label="Review and place the order"]').evaluate((form: HTMLFormElement) => {
    form.requestSubmit();
    form.requestSubmit();
  });
  await expect(page.getByText(/was placed/)).toBeVisible();
  await page.goto('/orders?q=PO-E2E-DOUBLE');
  await expect(page.getByRole('table', { name: 'Your orders' }).locator('tbody tr')).toHaveCount(1);
});

test('a quick order with an unknown SKU shows the error and creates nothing', async ({ page }) => {
  await signIn(page, BOB, '/orders');
  const before = await orderCount(page);
  await page.goto('/orders/new');
  await expectAccessible(page);
  // One menu entry lit: Quick order, not Orders as well.
  await expect(page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]')).toHaveText(['Quick order']);
  // The CSV file input's button is styled like the other buttons (a border, rounded), not bare.
  const fileButton = await page.getByLabel('Or load a CSV file').evaluate((el) => {
    const s = getComputedStyle(el, '::file-selector-button');
    return { border: s.borderTopWidth, radius: s.borderTopLeftRadius, padding: s.paddingLeft };
  });
  expect(fileButton.border).toBe('1px');
  expect(fileButton.radius).not.toBe('0px');
  expect(fileButton.padding).not.toBe('0px');
  await page.getByLabel(/One product per line/).fill('FAS-1001 3\nNOPE-9999 2\nHTL-1002 x');
  await page.getByRole('button', { name: 'Check lines' }).click();
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('Line 2: Unknown SKU “NOPE-9999”.');
  await expect(alert).toContainText('Line 3: “x” is not a quantity: write a number above 0, like 12 or 2.5.');
  await expect(page.getByRole('button', { name: 'Place order' })).toHaveCount(0);
  expect(await orderCount(page)).toBe(before);
});

test('a quick order from good lines is reviewed and placed', async ({ page }) => {
  await signIn(page, BOB, '/orders/new');
  await page.getByLabel(/One product per line/).fill('FAS-1001 3\nHTL-1002 1');
  await page.getByRole('button', { name: 'Check lines' }).click();
  await expect(page.getByRole('heading', { name: 'Review' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByText(/was placed/)).toBeVisible();
  await expect(page.getByRole('table', { name: /Lines of order/ })).toContainText('FAS-1001');
  // One of a unit Odoo names in the plural reads as one: "1 Unit", not "1 Units".
  const lines = page.getByRole('table', { name: /Lines of order/ }).locator('tbody tr');
  await expect(lines.filter({ hasText: 'HTL-1002' }).locator('td').nth(1)).toHaveText('1 Unit');
  await expect(lines.filter({ hasText: 'FAS-1001' }).locator('td').nth(1)).toHaveText('3 Units');
  // Odoo schedules the new delivery for the moment of the order: it is not late for that.
  await page
    .getByRole('region', { name: 'Deliveries and invoices' })
    .getByRole('link', { name: /^WH\/OUT\// })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: /^Delivery / })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Planned');
  await expect(page.getByRole('main').getByText('Late', { exact: true })).toHaveCount(0);
});

test('the CSV template names products of the customer’s catalogue and loads back as a quick order', async ({ page }) => {
  await signIn(page, BOB, '/orders/new');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download the CSV template' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('quick-order-template.csv');
  // An empty file, or one that is not text (a PDF, a spreadsheet's own format), says so and loads nothing.
  const file = page.getByLabel('Or load a CSV file');
  await file.setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('  \n') });
  await expect(page.getByRole('main').getByRole('alert')).toContainText('The file is empty.');
  await file.setInputFiles({ name: 'order.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n\u0000\u0001binary') });
  await expect(page.getByRole('main').getByRole('alert')).toContainText('This file is not text');
  await expect(page.getByLabel(/One product per line/)).toHaveValue('');
  await file.setInputFiles(await download.path());
  const lines = page.getByLabel(/One product per line/);
  await expect(lines).toHaveValue(/^sku,quantity\n[^,\n]+,12\n[^,\n]+,1\n$/);
  const skus = (await lines.inputValue())
    .split('\n')
    .slice(1, 3)
    .map((l) => l.split(',')[0]!);
  // The lines box's example is the same two products, as a person types them.
  await expect(lines).toHaveAttribute('placeholder', `${skus[0]} 12\n${skus[1]} 1`);
  await page.getByRole('button', { name: 'Check lines' }).click();
  await expect(page.getByRole('heading', { name: 'Review' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
  for (const sku of skus) await expect(page.getByRole('main')).toContainText(sku);

  // A file loaded after lines were typed adds its lines below them, and says so.
  await page.reload();
  await lines.fill('FAS-1001 2');
  await file.setInputFiles(await download.path());
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'Added the lines of' })).toContainText(
    'below the lines you had',
  );
  await expect(lines).toHaveValue(/^FAS-1001 2\nsku,quantity\n[^,\n]+,12\n[^,\n]+,1\n$/);
  await page.getByRole('button', { name: 'Check lines' }).click();
  await expect(page.getByRole('heading', { name: 'Review' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
  for (const sku of ['FAS-1001', ...skus]) await expect(page.getByRole('main')).toContainText(sku);
});

test('a review quantity that cannot be ordered says why beside its line, and nothing is priced or placed with it', async ({ page }) => {
  await signIn(page, BOB, '/orders/new');
  await page.getByLabel(/One product per line/).fill('FAS-1001 3\nHTL-1002 1');
  await page.getByRole('button', { name: 'Check lines' }).click();
  await expect(page.getByRole('heading', { name: 'Review' })).toBeVisible();
  const quantity = page.locator('input[id^="qty-"]').first();
  const place = page.getByRole('button', { name: 'Place order' });
  for (const [typed, why] of [
    ['100001', 'The quantity is at most 100,000.'],
    ['1.2345', 'Use at most 2 decimals.'],
    ['0', 'Enter a quantity above 0.'],
    ['1,000', 'Write thousands without a separator (1000): 1,000 could also be read as 1.'],
  ] as const) {
    await quantity.fill(typed);
    await expect(quantity).toHaveAttribute('aria-invalid', 'true');
    // Said beside the field, and read with it by a screen reader.
    await expect(quantity).toHaveAccessibleDescription(why);
    await expect(page.getByRole('main').getByRole('alert')).toContainText(why);
    await expect(place).toBeDisabled();
  }
  await expectAccessible(page);
  // The stock hint follows the quantity typed: the most that can be ordered is more than the
  // stock, a quantity that cannot be ordered says nothing of stock.
  const stock = page.getByRole('table', { name: 'Products to order with current prices' }).locator('tbody tr').first();
  await quantity.fill('100000');
  await expect(stock).toContainText('on backorder');
  await quantity.fill('0.0001');
  await expect(stock).not.toContainText('on backorder');
  await quantity.fill('4');
  await expect(quantity).toHaveAttribute('aria-invalid', 'false');
  await expect(place).toBeEnabled();
  // A decimal comma, typed key by key, is two and a half (a number field made it 25).
  await quantity.fill('');
  await quantity.pressSequentially('2,5');
  await expect(quantity).toHaveValue('2,5');
  await expect(quantity).toHaveAttribute('aria-invalid', 'false');
  await expect(place).toBeEnabled();
  // A date the server refuses: the focus goes to the field to correct, with its message.
  const date = page.getByLabel('Requested delivery date');
  await date.fill('2020-01-01');
  await place.click();
  await expect(date).toBeFocused();
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await expect(date).toHaveAccessibleDescription('The requested date cannot be in the past.');
  await date.fill('');
  await place.click();
  await expect(page.getByText(/was placed/)).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: /Lines of order/ })
      .locator('tbody tr')
      .first(),
  ).toContainText('2.5');
});

test('removing review lines keeps the focus in the review, and removing the last says no line is left to order', async ({ page }) => {
  await signIn(page, BOB, '/orders/new');
  await page.getByLabel(/One product per line/).fill('FAS-1001 3\nHTL-1002 1');
  await page.getByRole('button', { name: 'Check lines' }).click();
  const lines = page.getByRole('table', { name: 'Products to order with current prices' }).locator('tbody tr');
  await expect(lines).toHaveCount(2);
  const second = await lines.nth(1).locator('input[id^="qty-"]').getAttribute('id');
  await lines
    .first()
    .getByRole('button', { name: /^Remove/ })
    .click();
  await expect(lines).toHaveCount(1);
  await expect(page.locator(`#${second}`)).toBeFocused();
  // By keyboard: Tab from the quantity reaches its Remove button.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const nothingLeft = page.getByText('No line is left to order.');
  await expect(nothingLeft).toBeFocused();
  await expect(page.getByRole('table', { name: 'Products to order with current prices' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Place order' })).toBeDisabled();
  await expectAccessible(page);
});

test('a delivery shows its steps, backorder links and carrier tracking link', async ({ page }) => {
  await signIn(page, BOB, '/deliveries?status=delivered');
  await expectAccessible(page);
  const links = page.getByRole('list', { name: 'Deliveries' }).getByRole('link');
  const count = await links.count();
  let found = false;
  for (let i = 0; i < Math.min(count, 25) && !found; i++) {
    await page.goto('/deliveries?status=delivered');
    await links.nth(i).click();
    await expect(page.getByRole('heading', { name: /^Delivery / })).toBeVisible();
    found = (await page.getByRole('link', { name: /^Track / }).count()) > 0;
  }
  expect(found).toBe(true);
  const track = page.getByRole('link', { name: /^Track / });
  await expect(track).toHaveAttribute('href', /^https?:\/\//);
  await expect(track).toHaveAttribute('rel', /noopener/);
  await expect(page.getByRole('list', { name: 'Delivery progress' })).toContainText('Shipped');
  // Shipped is the last step: done, so it has its ✓ like the steps before it.
  await expect(page.getByRole('list', { name: 'Delivery progress' }).getByRole('listitem')).toHaveText([
    '✓ Planned',
    '✓ Ready to ship',
    '✓ Shipped',
  ]);
  await expectAccessible(page);
});

test('an open delivery refreshes itself without a reload when Odoo ships it', async ({ page }) => {
  await signIn(page, BOB, '/deliveries?status=in-progress');
  await page.getByRole('list', { name: 'Deliveries' }).getByRole('link').first().click();
  await expect(page.getByText('Updates by itself while open.')).toBeVisible();
  const id = Number(page.url().split('/').pop());
  const progress = page.getByRole('list', { name: 'Delivery progress' });
  await expect(progress.locator('[aria-current="step"]')).not.toHaveText(/Shipped/);
  // The warehouse validates the delivery in Odoo while the customer looks at the page.
  await odooCall('stock.picking', 'write', { ids: [id], vals: { state: 'done', date_done: '2026-11-23 09:00:00' } });
  // Odoo's webhook ends the portal's cached read a moment after the write answered.
  await expect
    .poll(async () => ((await (await page.request.get(`/api/deliveries/${id}`)).json()) as { step?: string }).step)
    .toBe('shipped');
  // No reload: the page polls (every DELIVERY_REFRESH_SECONDS, 2 s in these tests).
  await expect(progress.locator('[aria-current="step"]')).toHaveText(/Shipped/);
  await expect(page.getByText('Updates by itself while open.')).toHaveCount(0);
});

test('an address is added, then archived, and is no longer offered', async ({ page }) => {
  await signIn(page, BOB, '/account/addresses');
  await expectAccessible(page);
  const name = `Dock ${Date.now()}`;
  const form = page.getByRole('form', { name: 'New delivery address' });
  await form.getByLabel('Name (e.g. Warehouse North)').fill(name);
  await form.getByLabel('Street', { exact: true }).fill('1 Quay Road');
  await form.getByLabel('Postcode').fill('BS1 4RB');
  await form.getByLabel('City').fill('Bristol');
  await form.getByLabel('Country').selectOption('GB');
  await form.getByRole('button', { name: 'Add address' }).click();
  const item = page.getByRole('list', { name: 'Delivery addresses' }).getByRole('listitem').filter({ hasText: name });
  await expect(item).toHaveCount(1);
  await expect(page.getByText('Address added.')).toBeVisible();
  // Edited and saved: the form closes, the list shows the change and focus is back on Edit.
  await page.getByRole('button', { name: `Edit ${name}` }).click();
  const edit = page.getByRole('form', { name: `Edit ${name}` });
  await edit.getByLabel('City').fill('Bath');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(edit).toHaveCount(0);
  await expect(item).toContainText('Bath');
  await expect(page.getByRole('button', { name: `Edit ${name}` })).toBeFocused();
  await page.getByRole('button', { name: `Archive ${name}` }).click();
  await page
    .getByRole('dialog', { name: `Archive the address ${name}?` })
    .getByRole('button', { name: 'Archive address' })
    .click();
  await expect(item).toHaveCount(0);
  // The next action's answer replaces the last one: no stale "Address added." after an archive.
  await expect(page.getByText('Address added.')).toHaveCount(0);
  await page.goto('/orders?state=confirmed');
  await page.getByRole('table', { name: 'Your orders' }).locator('tbody tr').first().getByRole('link').click();
  await page.getByRole('link', { name: 'Order again' }).click();
  await expect(page.getByRole('heading', { name: /again$/ })).toBeVisible();
  const options = await page.getByLabel('Deliver to').locator('option').allTextContents();
  expect(options.length).toBeGreaterThan(1);
  expect(options.join('\n')).not.toContain(name);
});

test('an address form with missing fields says what is missing and adds nothing', async ({ page }) => {
  await signIn(page, BOB, '/account/addresses');
  const list = page.getByRole('list', { name: 'Delivery addresses' });
  const items = await list.getByRole('listitem').count();
  const form = page.getByRole('form', { name: 'New delivery address' });
  await form.getByLabel('Name (e.g. Warehouse North)').fill('Half an address');
  await form.getByRole('button', { name: 'Add address' }).click();
  await expect(form.getByText('Enter the street.')).toBeVisible();
  await expect(form.getByText('Choose a country.')).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(items);
});

test('an address takes a state where its country has states, and the field leaves with another country', async ({ page }) => {
  await signIn(page, BOB, '/account/addresses');
  const name = `Pier ${Date.now()}`;
  const form = page.getByRole('form', { name: 'New delivery address' });
  await expect(form.getByLabel('State or province')).toHaveCount(0);
  await form.getByLabel('Name (e.g. Warehouse North)').fill(name);
  await form.getByLabel('Street', { exact: true }).fill('1 Pier St');
  await form.getByLabel('Postcode').fill('98101');
  await form.getByLabel('City').fill('Seattle');
  await form.getByLabel('Country').selectOption('US');
  await form.getByLabel('State or province').selectOption({ label: 'Washington' });
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Add address' }).click();
  const item = page.getByRole('list', { name: 'Delivery addresses' }).getByRole('listitem').filter({ hasText: name });
  await expect(item).toContainText('98101 Seattle, Washington, United States');
  // The form starts again without the last country's states.
  await expect(form.getByLabel('State or province')).toHaveCount(0);

  await page.getByRole('button', { name: `Edit ${name}` }).click();
  const edit = page.getByRole('form', { name: `Edit ${name}` });
  await expect(edit.getByLabel('State or province').locator('option:checked')).toHaveText('Washington');
  await edit.getByLabel('Country').selectOption('DE');
  await expect(edit.getByLabel('State or province')).toHaveCount(0);
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toHaveCount(0);
  await expect(item).toContainText('98101 Seattle, Germany');
  await expect(item).not.toContainText('Washington');

  // The states route: a country code or nothing.
  expect((await page.request.get('/api/countries/u1/states')).status()).toBe(400);
  expect(await (await page.request.get('/api/countries/XX/states')).json()).toEqual([]);
});

test('a viewer sees orders but cannot order', async ({ page }) => {
  await signIn(page, 'victor@brightline.example', '/orders');
  await expect(page.getByRole('link', { name: 'Quick order' })).toHaveCount(0);
  await page.getByRole('table', { name: 'Your orders' }).locator('tbody tr').first().getByRole('link').click();
  await expect(page.getByRole('link', { name: 'Order again' })).toHaveCount(0);
  await page.goto('/orders/new');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Your role does not allow ordering');
  expect((await page.request.get('/orders/new/template')).status()).toBe(403);
});

test('customer-admin A invites a colleague with roles and deactivates them', async ({ page }) => {
  await signIn(page, 'alice@brightline.example', '/account/contacts');
  await expectAccessible(page);
  const form = page.getByRole('form', { name: 'Invite a colleague' });
  const name = `Nina ${Date.now()}`;
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Work email').fill(`nina.${Date.now()}@brightline.example`);
  await form.getByLabel('Finance').check();
  // A forged role is named beside the roles, and invites nobody.
  await form.getByLabel('Finance').evaluate((box: HTMLInputElement) => (box.value = 'owner'));
  await form.getByRole('button', { name: 'Invite' }).click();
  await expect(form.getByRole('group', { name: 'Roles' })).toHaveAccessibleDescription('Not a portal role.');
  await expect(page.getByRole('listitem').filter({ hasText: name })).toHaveCount(0);
  await form.getByLabel('Finance').evaluate((box: HTMLInputElement) => (box.value = 'finance'));
  await form.getByRole('button', { name: 'Invite' }).click();
  const item = page.getByRole('listitem').filter({ hasText: name });
  await expect(item).toContainText('Buyer');
  await expect(item).toContainText('Finance');
  await item.getByRole('button', { name: `Deactivate ${name}` }).click();
  await page
    .getByRole('dialog', { name: `Deactivate ${name}?` })
    .getByRole('button', { name: 'Deactivate contact' })
    .click();
  await expect(page.getByRole('listitem').filter({ hasText: name })).toContainText('Deactivated');
});

test('order pages work at 375 px and by keyboard', async ({ page }) => {
  await signIn(page, BOB, '/orders');
  await expectFitsPhone(page);
  await page.goto('/orders/new');
  await expectFitsPhone(page);
  await page.goto('/deliveries');
  await expectFitsPhone(page);
  await page.goto('/account');
  // A buyer's account: the company and their own details (the credit is for those who see invoice amounts).
  await expect(page.getByRole('region', { name: 'Your details' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Credit' })).toHaveCount(0);
  await expectFitsPhone(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/orders');
  await expect(page.getByRole('table', { name: 'Your orders' })).toBeVisible();
  // The skip link is the first stop; the search box takes typing and Enter submits the filters.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  const search = page.getByRole('searchbox', { name: 'Search' }).or(page.getByRole('textbox', { name: 'Search' }));
  await search.focus();
  await page.keyboard.type('zzz-no-such-order');
  await expect(search).toHaveValue('zzz-no-such-order');
  await page.keyboard.press('Enter');
  await page.waitForURL(/q=zzz-no-such-order/);
  await expect(page.getByText('No orders match these filters')).toBeVisible();
});

test('a deliveries search that finds nothing says so and clears back to its filter', async ({ page }) => {
  await signIn(page, BOB, '/deliveries?status=late&q=zzzz-nothing');
  await expect(page.getByText('No deliveries match “zzzz-nothing”')).toBeVisible();
  await expect(page.getByText('Every delivery in progress is on time.')).toHaveCount(0);
  await page.getByRole('link', { name: 'Clear the search' }).click();
  await expect(page).toHaveURL(/\/deliveries\?status=late$/);
});
