import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';
import { TEST_PORTS } from '../test-ports';

/** The requests the browser sends to the portal itself (not its static files) while `act` runs. */
async function portalRequestsDuring(page: Page, act: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const onRequest = (req: { url(): string; method(): string }) => {
    const url = new URL(req.url());
    if (url.port === String(TEST_PORTS.portal) && !url.pathname.startsWith('/_next/static') && url.pathname !== '/icon.svg') seen.push(`${req.method()} ${url.pathname}`);
  };
  page.on('request', onRequest);
  await act();
  await page.waitForTimeout(1500); // prefetches start once links are in view or hovered
  page.off('request', onRequest);
  return seen;
}

const firstOrderLink = (page: Page) => page.getByRole('table', { name: 'Your orders' }).locator('tbody tr').first().getByRole('link');

test('a page view is one request: links are not prefetched, so browsing stays far inside the request limit', async ({ page }) => {
  await signIn(page, 'bob@brightline.example');
  const view = await portalRequestsDuring(page, async () => {
    await page.goto('/orders');
    await firstOrderLink(page).hover();
  });
  expect(view).toEqual(['GET /orders']);

  const firstOrder = firstOrderLink(page);
  const href = await firstOrder.getAttribute('href');
  const click = await portalRequestsDuring(page, async () => {
    await firstOrder.click();
    await page.waitForURL(`**${href}`);
  });
  expect(click).toEqual([`GET ${href}`]);
});

// Runs last (file order): this user is over the limit for a minute afterwards.
test('a user over the request limit gets a readable 429 with Retry-After, as JSON on API routes', async ({ page }) => {
  await signIn(page, 'victor@brightline.example');
  const limit = Number(process.env.E2E_USER_LIMIT ?? 600);
  let api = await page.request.get('/api/me');
  for (let i = 0; i < limit && api.status() !== 429; i++) api = await page.request.get('/api/me');
  expect(api.status()).toBe(429);
  expect(Number(api.headers()['retry-after'])).toBeGreaterThan(0);
  expect((await api.json()).error.code).toBe('rate_limited');
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Too many requests' })).toBeVisible();
});
