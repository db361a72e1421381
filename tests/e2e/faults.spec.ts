import { expect, test } from '@playwright/test';
import { signIn } from './helpers';
import { E2E } from '../test-ports';

/** Runs after the journeys (its own Playwright project): it switches the shared simulator's faults on and always off again. */
const faults = (body: Record<string, unknown>) => fetch(`${E2E.simURL}/__sim/faults`, { method: 'POST', body: JSON.stringify(body) });

test.afterEach(async () => {
  await faults({ reset: true });
});

test('when Odoo is down, pages say the ERP is not reachable, API routes answer 503, and the portal recovers by itself', async ({
  page,
}) => {
  await signIn(page, 'bob@brightline.example', '/orders');
  await expect(page.getByRole('table', { name: 'Your orders' })).toBeVisible();
  await faults({ outage: true });
  const started = Date.now();
  // A search no earlier test made: the portal's read cache (60 s) cannot answer it without Odoo.
  await page.goto(`/orders?state=open&q=down-${started}`);
  await expect(page.getByRole('heading', { name: 'The ERP is not reachable' })).toBeVisible();
  expect(Date.now() - started).toBeLessThan(15_000);
  const api = await page.request.get('/api/deliveries/1');
  expect(api.status()).toBe(503);
  expect((await api.json()).error.code).toBe('odoo_unavailable');
  await faults({ reset: true });
  // "Try again" asks the server for the page anew: the same search answers (no order matches it).
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The ERP is not reachable' })).toHaveCount(0);
  await page.goto('/orders');
  await expect(page.getByRole('table', { name: 'Your orders' })).toBeVisible();
});

test('when Odoo is slower than the timeout, the page says it took too long and nothing hangs', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'bob@brightline.example', '/orders');
  await faults({ latencyMs: 10_000 }); // the e2e portal's ODOO_TIMEOUT_MS is 3,000 (three tries for reads)
  const started = Date.now();
  // A search no earlier test made: the portal's read cache (60 s) cannot answer it without Odoo.
  await page.goto(`/deliveries?q=slow-${started}`);
  await expect(page.getByRole('heading', { name: 'The ERP took too long to answer' })).toBeVisible({ timeout: 30_000 });
  expect(Date.now() - started).toBeLessThan(30_000);
});

test('when Odoo creates an order but its answer is lost, the order is found, placed once, and said to be placed', async ({ page }) => {
  await signIn(page, 'bob@brightline.example', '/orders/new');
  const po = `PO-E2E-LOST-${Date.now()}`;
  await page.getByLabel(/One product per line/).fill('FAS-1001 2');
  await page.getByRole('button', { name: 'Check lines' }).click();
  await expect(page.getByRole('heading', { name: 'Review' })).toBeVisible();
  await page.getByLabel('Your PO reference').fill(po);
  // Odoo creates the order, then the connection drops before its answer: the server action
  // must take that for "may have run" (not a bug) and find the order by the form's key.
  await faults({ answerLost: { create: 0 } });
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByText(/was placed/)).toBeVisible();
  await expect(page.getByText('Something went wrong on our side')).toHaveCount(0);
  await faults({ reset: true });
  await page.goto(`/orders?q=${po}`);
  await expect(page.getByRole('table', { name: 'Your orders' }).locator('tbody tr')).toHaveCount(1);
});
