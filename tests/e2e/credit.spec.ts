import { expect, test } from '@playwright/test';
import { expectAccessible, expectFitsPhone, signIn } from './helpers';

/**
 * Credit as Odoo keeps it: the account page's Credit card and Odoo's own credit warning in
 * the order review. The seeded company uses credit limits; Brightline is within its limit
 * (a large order goes over it), Kestrel is over its own already.
 */
const ALICE = 'alice@brightline.example';
const BOB = 'bob@brightline.example';

test('the account page shows the credit limit, what is used and what is left, in the company currency', async ({ page }) => {
  await signIn(page, ALICE, '/account');
  const card = page.getByRole('region', { name: 'Credit' });
  await expect(card).toContainText('Credit limit (USD)');
  await expect(card).toContainText('US$5,600,000.00');
  await expect(card).toContainText('Used (USD)');
  await expect(card).toContainText('US$5,397,472.22');
  await expect(card).toContainText('Available (USD)');
  await expect(card).toContainText('US$202,527.78');
  await expect(card).not.toContainText('Over the credit limit');
  await expectAccessible(page);
  await expectFitsPhone(page);
});

test('a buyer’s account page has no credit card: what is used of it is the unpaid invoices, which buyers do not see', async ({ page }) => {
  await signIn(page, BOB, '/account');
  await expect(page.getByRole('region', { name: 'Your details' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Credit' })).toHaveCount(0);
  await expect(page.getByRole('main')).not.toContainText('US$5,397,472.22');
});

test('a customer over its limit is told so on the account page, in its contact’s language', async ({ page }) => {
  // Kestrel's contacts read German (res.partner.lang de_DE); Frieda is its finance contact.
  await signIn(page, 'frieda@kestrel.example', '/account');
  const card = page.getByRole('region', { name: 'Kreditrahmen' });
  await expect(card).toContainText('Kreditlimit (USD)');
  await expect(card.getByRole('status')).toContainText('Kreditlimit überschritten');
  await expectAccessible(page);
});

test('the review warns in Odoo’s words before placing an order that exceeds the credit limit, and placing stays possible', async ({
  page,
}) => {
  // An admin, who sees invoice amounts: Odoo's words name what the company owes.
  await signIn(page, ALICE, '/orders/new');
  await page.getByLabel(/One product per line/).fill('FAS-1001 5000');
  await page.getByRole('button', { name: 'Check lines' }).click();
  await expect(page.getByRole('heading', { name: 'Review' })).toBeVisible();
  const warning = page.getByRole('status').filter({ hasText: 'This order exceeds your credit limit' });
  await expect(warning).toContainText('Brightline Hardware Ltd has reached its credit limit of: $');
  await expect(warning).toContainText('Total amount due (including sales orders and this document)');
  await expect(page.getByRole('button', { name: 'Place order' })).toBeEnabled();
  await expectAccessible(page);
  await expectFitsPhone(page);
  await expect(warning).toBeVisible();
});

test('a buyer is told the order exceeds the credit limit without the amounts the company owes', async ({ page }) => {
  await signIn(page, BOB, '/orders/new');
  await page.getByLabel(/One product per line/).fill('FAS-1001 5000');
  await page.getByRole('button', { name: 'Check lines' }).click();
  const warning = page.getByRole('status').filter({ hasText: 'This order exceeds your credit limit' });
  await expect(warning).toContainText('Brightline Hardware Ltd has reached its credit limit with this order.');
  await expect(warning).not.toContainText('Total amount due');
  await expect(warning).not.toContainText('$');
  await expect(page.getByRole('button', { name: 'Place order' })).toBeEnabled();
});

test('a usual order shows no credit warning', async ({ page }) => {
  await signIn(page, BOB, '/orders/new');
  await page.getByLabel(/One product per line/).fill('FAS-1001 3');
  await page.getByRole('button', { name: 'Check lines' }).click();
  await expect(page.getByRole('heading', { name: 'Review' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Place order' })).toBeEnabled();
  await expect(page.getByText('This order exceeds your credit limit')).toHaveCount(0);
});
