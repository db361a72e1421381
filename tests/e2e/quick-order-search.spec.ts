import { expect, test } from '@playwright/test';
import { expectAccessible, expectFitsPhone, signIn } from './helpers';

const BOB = 'bob@brightline.example';

test('a buyer finds a product by part of its name, adds it by keyboard and reviews it', async ({ page }) => {
  await signIn(page, BOB, '/orders/new');
  const search = page.getByRole('combobox', { name: 'Find a product by SKU or name' });
  await expect(search).toHaveAttribute('aria-expanded', 'false');
  await search.fill('hex bolt');
  const list = page.getByRole('listbox', { name: 'Products' });
  const options = list.getByRole('option');
  await expect(options.first()).toBeVisible();
  await expect(search).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('status').filter({ hasText: /products? found/ })).toBeVisible();
  // Each option: the name, the SKU, this customer's price (Brightline buys in USD) and stock.
  await expect(options.first()).toContainText('Hex Bolt');
  await expect(options.first()).toContainText(/\$\d/);
  await expect(options.first()).toContainText(/in stock|Out of stock/);
  await expectAccessible(page);

  const sku = (await options.first().locator('.font-mono').textContent())!.trim();
  const name = (await options.first().locator('.font-medium').first().textContent())!.trim();
  expect(sku).toMatch(/^FAS-\d+$/);
  await search.press('ArrowDown');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await expect(search).toHaveAttribute('aria-activedescendant', (await options.first().getAttribute('id'))!);
  await search.press('Enter');

  const lines = page.getByLabel(/One product per line/);
  await expect(lines).toHaveValue(`${sku} 1`);
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('');
  await expect(search).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('status').filter({ hasText: `Added ${sku}` })).toBeVisible();
  // Choosing it again adds one to its line instead of a second line.
  await search.fill(sku);
  await expect(options.first()).toContainText(sku);
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(lines).toHaveValue(`${sku} 2`);

  await page.getByRole('button', { name: 'Check lines' }).click();
  await expect(page.getByRole('heading', { name: 'Review' })).toBeVisible();
  const review = page.getByRole('region', { name: 'Review' });
  await expect(review.getByRole('table').first()).toContainText(sku);
  await expect(review.getByRole('table').first()).toContainText(name);
  await expect(page.getByRole('button', { name: 'Place order' })).toBeVisible();
});

test('choosing a product whose SKU another line writes in another case says the review may add them up', async ({ page }) => {
  await signIn(page, BOB, '/orders/new');
  const search = page.getByRole('combobox', { name: 'Find a product by SKU or name' });
  await search.fill('hex bolt');
  const options = page.getByRole('listbox', { name: 'Products' }).getByRole('option');
  const sku = (await options.first().locator('.font-mono').textContent())!.trim();
  const lower = sku.toLowerCase();
  const lines = page.getByLabel(/One product per line/);
  await lines.fill(`${lower} 2`);
  await search.fill(sku);
  await expect(options.first()).toContainText(sku);
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(lines).toHaveValue(`${lower} 2\n${sku} 1`);
  await expect(page.getByRole('status').filter({ hasText: `Added ${sku}` })).toContainText(
    `quantity 1 on its own line. Another line names ${lower}: if that is the same product, the review adds both lines up.`,
  );
  await page.getByRole('button', { name: 'Check lines' }).click();
  const review = page.getByRole('region', { name: 'Review' });
  // One product: one line of 3.
  await expect(review.getByRole('table').first().getByRole('row')).toHaveCount(2);
  await expect(review.getByRole('textbox', { name: /^Quantity of / })).toHaveValue('3');
});

test('the search says when nothing matches, closes on Escape and fits a phone', async ({ page }) => {
  await signIn(page, BOB, '/orders/new');
  const search = page.getByRole('combobox', { name: 'Find a product by SKU or name' });
  await search.fill('zz-no-such-product');
  await expect(page.getByRole('status').filter({ hasText: 'No products match “zz-no-such-product”' })).toBeVisible();
  await expect(search).toHaveAttribute('aria-expanded', 'false');
  await search.fill('bolt');
  const options = page.getByRole('listbox', { name: 'Products' }).getByRole('option');
  await expect(options.first()).toBeVisible();
  await search.press('Escape');
  await expect(search).toHaveAttribute('aria-expanded', 'false');
  await search.press('ArrowDown');
  await expect(search).toHaveAttribute('aria-expanded', 'true');
  await expectFitsPhone(page);
  await expect(options.first()).toBeVisible();
  const box = (await page.getByRole('listbox', { name: 'Products' }).boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  await expectAccessible(page);
  // A bad search text answers 400 with a sentence, not an error page.
  const bad = await page.request.get('/api/products?q=x');
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/at least 2 characters/);
});

test('a viewer has no quick order and cannot search products', async ({ page }) => {
  await signIn(page, 'victor@brightline.example', '/orders/new');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Your role does not allow ordering');
  await expect(page.getByRole('combobox', { name: 'Find a product by SKU or name' })).toHaveCount(0);
  expect((await page.request.get('/api/products?q=bolt')).status()).toBe(403);
});
