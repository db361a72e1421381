import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible, odooCall, signIn } from './helpers';

/**
 * Phones: at 375 px every table shows its rows as a column of cards whose number, status and
 * amounts are on screen and named, screen readers still meet a table, nothing scrolls sideways, and the order review keeps its total and "Place order"
 * in view. Wide screens keep the tables (the other specs sort and select in them).
 */

const BOB = 'bob@brightline.example';
const FIONA = 'fiona@brightline.example';
const PHONE = { width: 375, height: 800 };

// Several pages, each checked with axe: up to 20 s a page on a busy two-core machine.
test.describe.configure({ timeout: 180_000 });

async function firstId(model: string, domain: unknown[]) {
  return (await odooCall<{ id: number }[]>(model, 'search_read', { domain, fields: ['id'], limit: 1, order: 'id' }))[0]!.id;
}

/** The cell of one card in the column named `label` (the card shows the name from the cell's data-label). */
function field(card: Locator, label: string): Locator {
  return card.locator(`td[data-label="${label}"]`);
}

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/**
 * The table named `name` shows its rows as cards: its header row is not displayed, each row
 * is a box of its own, and in the first cards each of `labels` is visible, wholly inside the
 * 375 px screen and named by its column (the name the card puts before the value).
 */
async function expectCards(page: Page, name: string | RegExp, labels: string[], cards = 3) {
  const table = page.getByRole('table', { name }).first();
  await expect(table).toBeVisible();
  await expect(table.locator('thead')).toBeHidden();
  // The roles are in the markup, for browsers that drop a table's own once it is laid out as boxes.
  await expect(table).toHaveAttribute('role', 'table');
  await expect(table.locator('tbody tr').first()).toHaveAttribute('role', 'row');
  await expect(table.locator('tbody td').first()).toHaveAttribute('role', 'cell');
  const items = table.locator('tbody tr').filter({ has: page.locator('td[data-label]') });
  const count = Math.min(await items.count(), cards);
  expect(count, `${String(name)} has rows`).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    expect(await items.nth(i).evaluate((tr) => getComputedStyle(tr).display), `${String(name)} card ${i + 1} is a box`).toBe('flex');
    for (const label of labels) {
      const value = field(items.nth(i), label);
      await value.scrollIntoViewIfNeeded();
      await expect(value, `${String(name)} card ${i + 1}: ${label}`).toBeVisible();
      await expect(value, `${String(name)} card ${i + 1}: ${label} on screen`).toBeInViewport({ ratio: 1 });
      expect(await value.evaluate((td) => getComputedStyle(td, '::before').content), `${String(name)} card ${i + 1}: ${label} named`).toBe(
        JSON.stringify(label),
      );
    }
  }
}

interface AXNode {
  nodeId: string;
  role?: { value: string };
  name?: { value: string };
  childIds?: string[];
}

/**
 * What Chromium itself tells screen readers about the table named `caption` at the current
 * width: still a table of rows and cells (not a pile of boxes), and `column` is named where
 * the layout shows it: in the cells on a phone card, in a column header on a wide screen. Playwright's own role queries look at the markup, not at the layout, so
 * this asks the browser's accessibility tree.
 */
async function expectReadAsTable(page: Page, caption: string, column: string, namedIn: 'cell' | 'columnheader') {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
  await cdp.detach();
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const table = nodes.find((n) => n.role?.value === 'table' && n.name?.value === caption);
  expect(table, `${caption} is a table to screen readers`).toBeDefined();
  const below: AXNode[] = [];
  const walk = (n: AXNode) => {
    for (const id of n.childIds ?? []) {
      const child = byId.get(id);
      if (child) {
        below.push(child);
        walk(child);
      }
    }
  };
  walk(table!);
  const rows = below.filter((n) => n.role?.value === 'row');
  const cells = below.filter((n) => n.role?.value === 'cell');
  expect(rows.length, `${caption}: rows`).toBeGreaterThan(1);
  expect(cells.length, `${caption}: cells`).toBeGreaterThan(rows.length);
  const text = (n: AXNode): string =>
    [
      n.name?.value ?? '',
      ...(n.childIds ?? [])
        .map((id) => byId.get(id))
        .filter((c): c is AXNode => !!c)
        .map(text),
    ].join(' ');
  const named = below.filter((n) => n.role?.value === namedIn);
  expect(
    named.some((c) => text(c).includes(column)),
    `${caption}: a ${namedIn} read with "${column}"`,
  ).toBe(true);
}

async function atPhone(page: Page, path: string) {
  await page.setViewportSize(PHONE);
  const res = await page.goto(path);
  expect(res!.status(), path).toBe(200);
  await expectNoSidewaysScroll(page);
}

test('at 375 px the orders list, an order and a delivery read as cards', async ({ page }) => {
  const order = await firstId('sale.order', [
    ['partner_id', 'child_of', [10]],
    ['state', '=', 'sale'],
  ]);
  const picking = await firstId('stock.picking', [
    ['partner_id', 'child_of', [10]],
    ['picking_type_code', '=', 'outgoing'],
  ]);
  await signIn(page, BOB, '/');
  await atPhone(page, '/orders');
  await expectCards(page, 'Your orders', ['Order', 'Status', 'Date', 'Total']);
  await expectReadAsTable(page, 'Your orders', 'Total', 'cell');
  // Sorting goes on without the table's headers.
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('total:asc');
  await expect(page).toHaveURL(/sort=total&dir=asc/);
  await expectAccessible(page);

  await atPhone(page, `/orders/${order}`);
  await expectCards(page, /^Lines of order/, ['Product', 'Ordered', 'Unit price', 'Subtotal']);
  await expectAccessible(page);

  await atPhone(page, `/deliveries/${picking}`);
  await expectCards(page, /^Products in delivery/, ['Product', 'Planned', 'Shipped']);
  await expectAccessible(page);

  // From sm up the same pages are tables again.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/orders');
  await expect(page.getByRole('table', { name: 'Your orders' }).locator('thead')).toBeVisible();
  expect(
    await page
      .getByRole('table', { name: 'Your orders' })
      .locator('tbody tr')
      .first()
      .evaluate((tr) => [getComputedStyle(tr).display, getComputedStyle(tr.querySelector('td')!, '::before').content]),
  ).toEqual(['table-row', 'none']);
  await expectReadAsTable(page, 'Your orders', 'Total', 'columnheader');
  // Amounts line up: right-aligned, tabular figures.
  const total = page.getByRole('table', { name: 'Your orders' }).locator('tbody tr').first().locator('td').last();
  expect(await total.evaluate((td) => [getComputedStyle(td).textAlign, getComputedStyle(td).fontVariantNumeric])).toEqual([
    'right',
    'tabular-nums',
  ]);
});

test('at 375 px invoices, an invoice and the statement read as cards', async ({ page }) => {
  const invoice = await firstId('account.move', [
    ['partner_id', 'child_of', [10]],
    ['state', '=', 'posted'],
    ['move_type', '=', 'out_invoice'],
  ]);
  await signIn(page, FIONA, '/');
  await atPhone(page, '/invoices');
  await expectCards(page, 'Invoices and credit notes', ['Number', 'Status', 'Date', 'Total', 'Open amount']);
  // Selecting for the ZIP works on the cards too.
  await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
  await expect(page.getByRole('button', { name: /^Download selected as ZIP \([1-9]/ })).toBeVisible();
  await expectAccessible(page);

  await atPhone(page, `/invoices/${invoice}`);
  await expectCards(page, /^Lines of Invoice/, ['Description', 'Quantity', 'Unit price', 'Total']);
  await expectAccessible(page);

  await atPhone(page, '/statement');
  await expectCards(page, /by days past due/, ['Not yet due', 'Over 90 days', 'Total'], 1);
  await expectCards(page, 'Open invoices and credit notes', ['Number', 'Bucket', 'Due', 'Open']);
  await expectAccessible(page);
});

test('at 375 px the order review fits, and its total and Place order stay in view and in the Tab order', async ({ page }) => {
  const order = await firstId('sale.order', [
    ['partner_id', 'child_of', [10]],
    ['state', '=', 'sale'],
  ]);
  await signIn(page, BOB, '/');
  await page.setViewportSize({ width: 375, height: 560 });
  await page.goto(`/orders/new?from=${order}`);
  await expect(page.getByRole('heading', { name: /again$/ })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectCards(page, 'Products to order with current prices', ['Product', 'Quantity', 'Unit price', 'Subtotal']);
  await expectAccessible(page);

  // Scrolled to the lines, the summary is at the bottom of the screen.
  const summary = page.getByRole('region', { name: 'Order summary' });
  const place = summary.getByRole('button', { name: 'Place order' });
  const lines = page.getByRole('table', { name: 'Products to order with current prices' });
  await lines.locator('tbody tr').first().scrollIntoViewIfNeeded();
  await expect(place).toBeInViewport({ ratio: 1 });
  await expect(summary).toContainText(/Total/);
  await lines
    .getByRole('textbox', { name: /^Quantity of / })
    .first()
    .focus();
  await expect(place).toBeInViewport({ ratio: 1 });
  // On the card, Tab goes from the quantity to the line's Remove button, which sits below it.
  const quantityBox = (await lines
    .getByRole('textbox', { name: /^Quantity of / })
    .first()
    .boundingBox())!;
  await page.keyboard.press('Tab');
  const remove = lines
    .locator('tbody tr')
    .first()
    .getByRole('button', { name: /^Remove/ });
  await expect(remove).toBeFocused();
  expect((await remove.boundingBox())!.y, 'Remove is below the quantity, as Tab reaches it').toBeGreaterThan(quantityBox.y);

  // By keyboard, from the PO reference onwards Tab reaches the button.
  await page.getByLabel('Your PO reference').focus();
  let reached = false;
  for (let i = 0; i < 12 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await place.evaluate((button) => document.activeElement === button);
  }
  expect(reached, 'Place order is reached by Tab').toBe(true);
  await expect(place).toBeInViewport({ ratio: 1 });

  // The quick order page fits too.
  await atPhone(page, '/orders/new');
  await page.getByLabel(/One product per line/).fill('FAS-1001 3\nHTL-1002 1');
  await page.getByRole('button', { name: 'Check lines' }).click();
  // The answer comes below the form, below a phone's screen: the page takes the reader to it.
  const review = page.getByRole('heading', { name: 'Review' });
  await expect(review).toBeFocused();
  await expect(review).toBeInViewport({ ratio: 1 });
  await expectNoSidewaysScroll(page);
  // Lines to correct are shown the same way.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByLabel(/One product per line/).fill('NO-SUCH-SKU 3');
  await page.getByRole('button', { name: 'Check lines' }).click();
  const problems = page.getByText('Correct the lines above and check again.');
  await expect(problems).toBeInViewport();
  await expect(page.locator(':focus')).toContainText('Correct the lines above and check again.');
  await page.getByLabel(/One product per line/).fill('FAS-1001 3\nHTL-1002 1');
  await page.getByRole('button', { name: 'Check lines' }).click();
  await expect(review).toBeFocused();
  await expectCards(page, 'Products to order with current prices', ['Product', 'Quantity', 'Subtotal']);
});

const money = (text: string | null) => Number((text ?? '').replace(/estimate/, '').replace(/[^0-9.-]/g, ''));

test('changing a quantity updates the line and the total at once, then Odoo prices them again without a click', async ({ page }) => {
  const [product] = await odooCall<{ id: number; lst_price: number; list_price: number }[]>('product.product', 'search_read', {
    domain: [['default_code', '=', 'FAS-1001']],
    fields: ['lst_price', 'list_price'],
    limit: 1,
  });
  await signIn(page, BOB, '/orders/new');
  await page.getByLabel(/One product per line/).fill('FAS-1001 3');
  await page.getByRole('button', { name: 'Check lines' }).click();
  const table = page.getByRole('table', { name: 'Products to order with current prices' });
  const row = table.getByRole('row').filter({ hasText: 'FAS-1001' });
  const unitCell = row.getByRole('cell').nth(3);
  const subtotalCell = row.getByRole('cell').nth(4);
  const total = page
    .getByRole('region', { name: 'Order summary' })
    .locator('xpath=.//dt[starts-with(normalize-space(.), "Total")]/following-sibling::dd[1]');
  await expect(subtotalCell).toBeVisible();
  const unit = money(await unitCell.textContent());
  const subtotal = money(await subtotalCell.textContent());
  const totalBefore = money(await total.textContent());
  expect(subtotal).toBeCloseTo(unit * 3, 2);

  const priceRequests: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.headers()['next-action']) priceRequests.push(r.url());
  });
  try {
    // Odoo's price goes up meanwhile: the estimate uses the last price shown, the re-price the new one.
    await odooCall('product.product', 'write', {
      ids: [product!.id],
      vals: { lst_price: product!.lst_price + 10, list_price: product!.list_price + 10 },
    });
    await row.getByRole('textbox', { name: /^Quantity of / }).fill('5');
    // At once, before any answer from the server: the line at the last unit price, marked.
    await expect(subtotalCell).toContainText('estimate');
    expect(money(await subtotalCell.textContent())).toBeCloseTo(unit * 5, 2);
    await expect(page.getByRole('region', { name: 'Order summary' })).toContainText('(estimate)');
    expect(money(await total.textContent())).toBeGreaterThan(totalBefore);
    const estimatedTotal = money(await total.textContent());

    // Then, with no click on "Update prices", the server prices the cart again.
    await expect(subtotalCell).not.toContainText('estimate');
    await expect(page.getByRole('region', { name: 'Order summary' })).not.toContainText('(estimate)');
    const newUnit = money(await unitCell.textContent());
    expect(newUnit).toBeGreaterThan(unit);
    expect(money(await subtotalCell.textContent())).toBeCloseTo(newUnit * 5, 2);
    expect(money(await total.textContent())).toBeGreaterThan(estimatedTotal);
    expect(priceRequests.length).toBeGreaterThan(0);

    // Typing a number digit by digit asks once, after the typing stops.
    const before = priceRequests.length;
    await row.getByRole('textbox', { name: /^Quantity of / }).pressSequentially('12', { delay: 50 });
    await expect(subtotalCell).not.toContainText('estimate');
    expect(money(await subtotalCell.textContent())).toBeCloseTo(newUnit * 512, 2);
    expect(priceRequests.length - before).toBe(1);
  } finally {
    await odooCall('product.product', 'write', {
      ids: [product!.id],
      vals: { lst_price: product!.lst_price, list_price: product!.list_price },
    });
  }
});

test('at 375 px a long unbroken company email wraps inside its card instead of widening the account page', async ({ page }) => {
  const [company] = await odooCall<{ email: string | false }[]>('res.partner', 'read', { ids: [10], fields: ['email'] });
  const long = 'accounts-payable.department@subsidiary.brightline-hardware-holdings.example';
  await odooCall('res.partner', 'write', { ids: [10], vals: { email: long } });
  try {
    await signIn(page, 'alice@brightline.example', '/');
    await atPhone(page, '/account');
    await expect(page.getByText(long)).toBeVisible();
    await expectNoSidewaysScroll(page);
  } finally {
    await odooCall('res.partner', 'write', { ids: [10], vals: { email: company!.email } });
  }
});

test('at 375 px an error toast leaves the form usable: its button uncovered, a field reached by keyboard scrolled clear of it', async ({
  page,
}) => {
  await signIn(page, 'alice@brightline.example', '/');
  await atPhone(page, '/account/addresses');
  const form = page.getByRole('form', { name: 'New delivery address' });
  const name = form.getByLabel('Name (e.g. Warehouse North)');
  await name.fill(`Phone depot ${Date.now()}`);
  // Spaces pass the browser's `required` but not the server: the answer is an error, and nothing is added.
  await form.getByLabel('Street', { exact: true }).fill('   ');
  await form.getByLabel('Postcode').fill('98402');
  await form.getByLabel('City').fill('Tacoma');
  await form.getByLabel('Country').selectOption('US');
  const add = form.getByRole('button', { name: 'Add address' });
  // The button at the bottom of the screen, where a thumb sends the form from.
  await add.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await add.click();
  const toast = page.locator('[data-toast="error"]');
  await expect(toast.getByRole('alert')).toBeVisible();
  // The focus is on the field to correct, with its message, clear of the toast.
  const street = form.getByLabel('Street', { exact: true });
  await expect(street).toBeFocused();
  await expect(street).toHaveAccessibleDescription(/.+/);
  expect((await street.boundingBox())!.y).toBeGreaterThanOrEqual((await toast.boundingBox())!.y + (await toast.boundingBox())!.height);
  await add.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  const [toastBox, addBox] = [await toast.boundingBox(), await add.boundingBox()];
  expect(toastBox!.y + toastBox!.height <= addBox!.y || addBox!.y + addBox!.height <= toastBox!.y, 'the toast covers the button').toBe(
    true,
  );
  await add.click({ trial: true, timeout: 3_000 }); // the button itself takes the click, not the toast over it
  // Its dismiss button is big enough for a finger.
  const dismiss = await toast.getByRole('button', { name: 'Dismiss message' }).boundingBox();
  expect(Math.min(dismiss!.width, dismiss!.height)).toBeGreaterThanOrEqual(40);

  // A field just under the toast, reached by Shift+Tab, scrolls out from under it. (Room
  // below the form, as a company with more addresses has, lets the page scroll that far.)
  await page.addStyleTag({ content: 'main { padding-bottom: 100vh }' });
  await name.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 24));
  await form.getByLabel('Street', { exact: true }).evaluate((el: HTMLElement) => el.focus({ preventScroll: true }));
  const under = await name.boundingBox();
  expect(under!.y, 'the field starts under the toast').toBeLessThan(toastBox!.y + toastBox!.height);
  await page.keyboard.press('Shift+Tab');
  await expect(name).toBeFocused();
  const [after, nameBox] = [await toast.boundingBox(), await name.boundingBox()];
  expect(nameBox!.y, 'the focused field is under the toast').toBeGreaterThanOrEqual(after!.y + after!.height);
  await expectAccessible(page);
});
