import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

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
