import { expect, test } from '@playwright/test';
import { unzip } from '../helpers/unzip';
import { readFile } from 'node:fs/promises';
import { expectAccessible, expectFitsPhone, signIn } from './helpers';

const FIONA = 'fiona@brightline.example';

test('finance A filters overdue invoices and downloads one PDF under its number', async ({ page }) => {
  await signIn(page, FIONA, '/invoices');
  await expectAccessible(page);
  // The list holds credit notes too, and counts them as such.
  await expect(page.getByText(/^\d+ invoices and credit notes · page 1 of \d+$/)).toBeVisible();
  await page.getByRole('combobox', { name: 'Status' }).selectOption('overdue');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/status=overdue/);
  const rows = page.getByRole('table', { name: 'Invoices and credit notes' }).locator('tbody tr');
  await expect(rows.first()).toContainText('Overdue');
  await expect(page.getByRole('region', { name: 'Totals of the filtered invoices' })).toContainText('Overdue');
  const number = (await rows.first().locator('td').nth(1).textContent())!.trim();
  const [download] = await Promise.all([page.waitForEvent('download'), rows.first().getByRole('link', { name: /^PDF/ }).click()]);
  expect(download.suggestedFilename()).toBe(`${number.replace(/\//g, '-')}.pdf`);
  const pdf = await readFile(await download.path());
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.toString('latin1')).toContain(number);
});

test('finance A opens an invoice with its lines, taxes and related order', async ({ page }) => {
  await signIn(page, FIONA, '/invoices?type=invoice');
  // The order number in the list is a link to that order.
  const orderLink = page
    .getByRole('table', { name: 'Invoices and credit notes' })
    .locator('tbody tr')
    .first()
    .locator('td')
    .nth(6)
    .getByRole('link');
  await expect(orderLink).toHaveAttribute('href', /^\/orders\/\d+$/);
  const orderNumber = (await orderLink.textContent())!;
  await orderLink.click();
  await expect(page.getByRole('heading', { name: `Order ${orderNumber}` })).toBeVisible();
  await page.goBack();
  await page.getByRole('table', { name: 'Invoices and credit notes' }).locator('tbody tr').first().getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: /^Invoice / })).toBeVisible();
  await expect(page.getByText('Amount due')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Related' })).toContainText('Order');
  await expectAccessible(page);
  await expectFitsPhone(page);
});

test('credit notes read as credits: negative, available or applied, never overdue or an amount due', async ({ page }) => {
  await signIn(page, FIONA, '/invoices?type=credit');
  const rows = page.getByRole('table', { name: 'Invoices and credit notes' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByText(/^\d+ credit notes? · page 1 of \d+$/)).toBeVisible();
  for (const row of await rows.all()) {
    await expect(row).toContainText(/Credit (available|applied)/);
    await expect(row).not.toContainText('Overdue');
    await expect(row).not.toContainText('Not paid');
    await expect(row.locator('td').nth(7)).toHaveText(/^-/);
  }
  await expect(page.getByRole('region', { name: 'Totals of the filtered invoices' })).toContainText('-');
  await rows.first().getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: /^Credit note / })).toBeVisible();
  const amounts = page.getByRole('region', { name: 'Amounts' });
  await expect(amounts).not.toContainText('Amount due');
  await expect(amounts).toContainText('Credit left');
  await expect(amounts.locator('dd').nth(2)).toHaveText(/^-/);
  // What is left of the credit is read as credit: no minus after "Credit left".
  await expect(amounts.locator('dd').last()).not.toHaveText(/^-/);
  await expectAccessible(page);
});

test('finance A exports a ZIP of the selected invoices and it opens with their PDFs and an index', async ({ page }) => {
  await signIn(page, FIONA, '/invoices?type=invoice');
  const rows = page.getByRole('table', { name: 'Invoices and credit notes' }).locator('tbody tr');
  const numbers: string[] = [];
  for (let i = 0; i < 3; i++) {
    await rows.nth(i).getByRole('checkbox').check();
    numbers.push((await rows.nth(i).locator('td').nth(1).textContent())!.trim());
  }
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download selected as ZIP (3)' }).click(),
  ]);
  // A ZIP of three small PDFs is some kB: not "0.0 MB".
  await expect(page.getByText(/^Downloaded \d+ kB\./)).toBeVisible();
  const entries = await unzip(await readFile(await download.path()));
  for (const n of numbers)
    expect(
      entries
        .get(`${n.replace(/\//g, '-')}.pdf`)
        ?.subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  const index = entries.get('index.csv')!.toString('utf8');
  for (const n of numbers) expect(index).toContain(`"${n}","invoice"`);
});

test('a bulk export past the limit is refused with a clear message', async ({ page }) => {
  await signIn(page, FIONA, '/invoices');
  const res = await page.request.get('/invoices/bulk');
  expect(res.status()).toBe(400);
  expect((await res.json()).error.message).toMatch(/at most 200 invoices/);
  const bad = await page.request.get('/invoices/bulk?ids=1,abc');
  expect(bad.status()).toBe(400);
});

test('a person may have two ZIPs in the making, and asking for headers only (HEAD) builds none', async ({ page }) => {
  await signIn(page, FIONA, '/invoices');
  const path = '/invoices/bulk?status=paid&from=2026-01-01';
  // HEAD answers the headers and takes no download slot (Next never reads its body).
  for (let i = 0; i < 3; i++) {
    const head = await page.request.head(path);
    expect(head.status()).toBe(200);
    expect(Number(head.headers()['x-invoice-count'])).toBeGreaterThan(0);
  }
  const zips = await Promise.all([page.request.get(path), page.request.get(path)]);
  for (const zip of zips) {
    expect(zip.status()).toBe(200);
    expect((await zip.body()).subarray(0, 2).toString()).toBe('PK');
  }
  // Both finished: their slots are back, so another download goes through.
  expect((await page.request.get(path)).status()).toBe(200);
});

test('the statement shows aging per currency and downloads as PDF and CSV', async ({ page }) => {
  await signIn(page, FIONA, '/statement');
  await expect(page.getByRole('heading', { name: /Aging in / }).first()).toBeVisible();
  await expect(page.getByRole('table', { name: /by days past due/ }).first()).toContainText('Over 90 days');
  // With open credit notes among the items, the page says how they count in the columns.
  await expect(page.getByRole('table', { name: 'Open invoices and credit notes' }).getByText('(credit note)').first()).toBeVisible();
  await expect(page.getByText(/^Open credit notes count, negative, in the column of their own due date/)).toBeVisible();
  await expectAccessible(page);
  const pdf = await page.request.get('/statement/pdf');
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  const csv = await page.request.get('/statement/csv');
  expect(await csv.text()).toContain('"Days overdue","Bucket"');
});

test('a buyer sees no invoice pages', async ({ page }) => {
  await signIn(page, 'bob@brightline.example', '/');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' })).toHaveCount(0);
  await page.goto('/invoices');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Invoices are for your company’s finance team');
  await expect(page.getByRole('table')).toHaveCount(0);
  expect((await page.request.get('/statement/csv')).status()).toBe(403);
});

test("finance B cannot fetch A's invoice PDF (404)", async ({ page, browser }) => {
  await signIn(page, FIONA, '/invoices');
  const href = await page
    .getByRole('table', { name: 'Invoices and credit notes' })
    .locator('tbody tr')
    .first()
    .getByRole('link', { name: /^PDF/ })
    .getAttribute('href');
  expect((await page.request.get(href!)).status()).toBe(200);
  const other = await browser.newPage();
  await signIn(other, 'frieda@kestrel.example', '/');
  const res = await other.request.get(href!);
  expect(res.status()).toBe(404);
  expect((await res.json()).error.code).toBe('not_found');
  expect((await other.request.get(href!.replace('/pdf', ''))).status()).toBe(404);
  await other.close();
});

test('the invoices table sorts from its headers, hides a chosen column and selects a whole page', async ({ page }) => {
  await signIn(page, FIONA, '/invoices');
  const table = page.getByRole('table', { name: 'Invoices and credit notes' });
  const rows = table.locator('tbody tr');
  // An amount sorts largest first on the first click, and the other way on the second.
  await table.getByRole('button', { name: /^Total/ }).click();
  await expect(page).toHaveURL(/sort=total&dir=desc/);
  await expect(table.getByRole('columnheader', { name: /^Total/ })).toHaveAttribute('aria-sort', 'descending');
  await table.getByRole('button', { name: /^Total/ }).click();
  await expect(page).toHaveURL(/sort=total&dir=asc/);
  await expect(table.getByRole('columnheader', { name: /^Total/ })).toHaveAttribute('aria-sort', 'ascending');
  // A date sorts oldest first on the first click.
  await table.getByRole('button', { name: /^Due/ }).click();
  await expect(page).toHaveURL(/sort=due&dir=asc/);

  // The column chooser hides a column from the header and every row, and shows it again.
  await page.getByText('Columns', { exact: true }).click();
  const chooser = page.getByRole('group', { name: 'Columns to show' });
  await chooser.getByRole('checkbox', { name: 'Type' }).uncheck();
  await expect(table.getByRole('columnheader', { name: 'Type' })).toHaveCount(0);
  const cells = await rows.first().locator('td').count();
  // The choice is kept for this list in this browser: a reload still hides the column.
  await page.reload();
  await expect(table.getByRole('columnheader', { name: 'Type' })).toHaveCount(0);
  await page.getByText('Columns', { exact: true }).click();
  await chooser.getByRole('checkbox', { name: 'Type' }).check();
  await expect(table.getByRole('columnheader', { name: 'Type' })).toBeVisible();
  expect(await rows.first().locator('td').count()).toBe(cells + 1);
  // Columns that identify a row cannot be hidden.
  await expect(chooser.getByRole('checkbox', { name: 'Number' })).toHaveCount(0);

  // "Select all" in the header selects every row of the page, and a second click none.
  const count = await rows.count();
  await table.getByRole('checkbox', { name: 'Select all invoices on this page' }).check();
  await expect(page.getByRole('button', { name: `Download selected as ZIP (${count})` })).toBeVisible();
  await rows.first().getByRole('checkbox').uncheck();
  await expect(table.getByRole('checkbox', { name: 'Select all invoices on this page' })).not.toBeChecked();
  await table.getByRole('checkbox', { name: 'Select all invoices on this page' }).check();
  await table.getByRole('checkbox', { name: 'Select all invoices on this page' }).uncheck();
  await expect(page.getByRole('button', { name: /^Download selected as ZIP/ })).toBeDisabled();

  // The selection is the page's: the next page starts with none, and so does the first again.
  await page.goto('/invoices?size=10');
  await rows.first().getByRole('checkbox').check();
  await expect(page.getByRole('button', { name: 'Download selected as ZIP (1)' })).toBeVisible();
  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByRole('button', { name: /^Download selected as ZIP/ })).toBeDisabled();
  await page.getByRole('link', { name: 'Previous page' }).click();
  await expect(page).toHaveURL(/page=1/);
  await expect(rows.first().getByRole('checkbox')).not.toBeChecked();

  // A long list can be paged to its end and back to its start in one step.
  const pagination = page.getByRole('navigation', { name: 'Pagination' });
  const pageCount = Number(/of (\d+)/.exec((await pagination.locator('p').textContent())!)![1]);
  expect(pageCount).toBeGreaterThan(2);
  await pagination.getByRole('link', { name: `Last page (${pageCount})` }).click();
  await expect(page).toHaveURL(new RegExp(`page=${pageCount}$`));
  await expect(pagination.getByRole('link', { name: /^(Next|Last) page/ })).toHaveCount(0);
  await pagination.getByRole('link', { name: 'First page' }).click();
  await expect(page).toHaveURL(/page=1$/);
  await expect(pagination.getByRole('link', { name: /^(First|Previous) page/ })).toHaveCount(0);
});
