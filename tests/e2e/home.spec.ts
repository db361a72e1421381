import { expect, test } from '@playwright/test';
import { expectAccessible, expectFitsPhone, signIn } from './helpers';

const BOB = 'bob@brightline.example';
const FIONA = 'fiona@brightline.example';

test('finance opens an overdue invoice straight from the home page, and its list by keyboard', async ({ page }) => {
  await signIn(page, FIONA, '/');
  await expect(page.getByRole('heading', { name: 'Needs your attention' })).toBeVisible();
  const overdue = page.getByRole('region', { name: /^Overdue invoices \(\d+\)$/ });
  const first = overdue.getByRole('listitem').first().getByRole('link');
  const number = (await first.textContent())!.trim();
  await expectAccessible(page);
  await first.click();
  await page.waitForURL(/\/invoices\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
  await expect(page.getByRole('main')).toContainText('Overdue');

  await page.goto('/');
  await overdue.getByRole('link', { name: /^All overdue invoices/ }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/invoices\?status=overdue/);
  await expect(
    page
      .getByRole('table', { name: /invoices/i })
      .getByRole('row')
      .nth(1),
  ).toContainText('Overdue');
});

test('a buyer sees the quotations to confirm and the late deliveries listed with links, on a phone too', async ({ page }) => {
  await signIn(page, BOB, '/');
  const quotations = page.getByRole('region', { name: /^Quotations to confirm \(\d+\)$/ });
  await expect(quotations.getByRole('listitem').first()).toBeVisible();
  // A buyer sees no invoice figures, so no overdue list either.
  await expect(page.getByRole('region', { name: /^Overdue invoices/ })).toHaveCount(0);
  await expectFitsPhone(page);
  await expectAccessible(page);

  const quotation = quotations.getByRole('listitem').first().getByRole('link');
  const number = (await quotation.textContent())!.trim();
  await quotation.click();
  await page.waitForURL(/\/orders\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
  await expect(page.getByRole('main')).toContainText('Quotation');

  await page.goto('/');
  const late = page.getByRole('region', { name: /^Late deliveries \(\d+\)$/ });
  const delivery = late.getByRole('listitem').first().getByRole('link');
  await expect(late.getByRole('listitem').first()).toContainText('promised');
  const promised = /promised (\d{1,2} \w{3} \d{4})/.exec((await late.getByRole('listitem').first().textContent()) ?? '')?.[1];
  expect(promised).toBeDefined();
  await delivery.click();
  await page.waitForURL(/\/deliveries\/\d+$/);
  await expect(page.getByRole('main').getByText('Late', { exact: true }).first()).toBeVisible();
  // The delivery page shows the day it is late for: the order's promise, or the day it was scheduled for.
  await expect(page.getByRole('region', { name: 'Dates' })).toContainText(promised!);
});

test('a delivery whose order promised another day than the planned one says so, in the list and on its page', async ({ page }) => {
  await signIn(page, BOB, '/deliveries?status=in-progress&size=100');
  const item = page
    .getByRole('list', { name: 'Deliveries' })
    .getByRole('listitem')
    .filter({ hasText: /· promised \d/ })
    .first();
  const promised = /· promised (\d{1,2} \w{3} \d{4})/.exec((await item.textContent()) ?? '')?.[1];
  const planned = /Planned (\d{1,2} \w{3} \d{4})/.exec((await item.textContent()) ?? '')?.[1];
  expect(promised).toBeDefined();
  expect(promised).not.toBe(planned);
  await item.getByRole('link').first().click();
  await page.waitForURL(/\/deliveries\/\d+$/);
  const dates = page.getByRole('region', { name: 'Dates' });
  await expect(dates.getByRole('term').filter({ hasText: /^Promised$/ })).toBeVisible();
  await expect(dates.getByRole('definition').filter({ hasText: new RegExp(`^${promised}$`) })).toBeVisible();
});
