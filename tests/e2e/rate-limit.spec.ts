import { expect, test, type Page } from '@playwright/test';
import { requestFrom, signIn } from './helpers';
import { TEST_PORTS } from '../test-ports';

const MARKER = '/api/health?marker';

/**
 * The requests the browser sends to the portal itself (not its static files) while `act`
 * runs and until a marker request made afterwards. A prefetch starts in a frame or an idle
 * period after a link comes into view or is hovered: the marker is sent once two frames and
 * an idle period have passed, so whatever the page was going to fetch is recorded before it.
 */
async function portalRequestsDuring(page: Page, act: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const onRequest = (req: { url(): string; method(): string }) => {
    const url = new URL(req.url());
    if (url.port !== String(TEST_PORTS.portal) || url.pathname.startsWith('/_next/static') || url.pathname === '/icon.svg') return;
    if (`${url.pathname}${url.search}` !== MARKER) seen.push(`${req.method()} ${url.pathname}`);
  };
  page.on('request', onRequest);
  await act();
  await page.evaluate(
    () => new Promise((settled) => requestAnimationFrame(() => requestAnimationFrame(() => requestIdleCallback(settled)))),
  );
  await page.evaluate(async (marker) => (await fetch(marker)).text(), MARKER);
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

// Runs last (its own Playwright project, after the faults): this user is over the limit for a minute afterwards.
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

// The sign-in limits at their defaults (lib/config.ts), each test from its own loopback
// address (127.0.0.x), as from its own machine, so the others keep signing in.
const SIGN_IN_CEILING = 300;
const FAILURES_PER_IP = 30;

test('a flood of sign-in requests from one address meets the ceiling, whatever X-Forwarded-For it sends', async () => {
  const statuses: number[] = [];
  for (let batch = 0; batch < (SIGN_IN_CEILING + 10) / 10; batch++) {
    statuses.push(
      ...(await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const n = batch * 10 + i;
          return (
            await requestFrom('127.0.0.4', '/signin', {
              'X-Forwarded-For': `198.51.${n >> 8}.${n & 255}`,
              'X-Real-IP': `192.0.2.${n & 255}`,
              'X-Portal-Peer-Address': `203.0.113.${n & 255}`,
            })
          ).status;
        }),
      )),
    );
  }
  expect(statuses.filter((s) => s === 200)).toHaveLength(SIGN_IN_CEILING);
  expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  // Another machine is not affected.
  expect((await requestFrom('127.0.0.5', '/signin')).status).toBe(200);
});

test('failed sign-ins shut the sign-in paths of that address only, whatever X-Forwarded-For says; the 429 there is a page', async ({
  page,
}) => {
  for (let i = 0; i < FAILURES_PER_IP; i++) {
    // A forged callback: next-auth finds no state cookie and answers with its error page.
    const res = await requestFrom('127.0.0.2', '/api/auth/callback/oidc?code=forged&state=forged', {
      'X-Forwarded-For': `198.51.100.${i}`,
      'X-Portal-Peer-Address': `203.0.113.${i}`,
    });
    expect(res.status, `attempt ${i + 1}`).toBe(302);
    expect(res.headers.location).toMatch(/\/signin\?error=/);
  }
  const refused = await requestFrom('127.0.0.2', '/signin', {
    'X-Forwarded-For': '198.51.100.250',
    'X-Request-Id': '<script>alert(1)</script>',
  });
  expect(refused.status).toBe(429);
  expect(refused.headers['content-type']).toMatch(/^text\/html/);
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(60);
  // A client's X-Request-Id that is no well-formed id is replaced, and nothing is echoed unescaped.
  expect(refused.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(refused.body).not.toContain('<script>');
  expect(refused.body).toContain(`Request ${refused.headers['x-request-id']}`);
  await page.setContent(refused.body);
  await expect(page.getByRole('heading', { level: 1, name: 'Too many requests' })).toBeVisible();
  await expect(page.getByText(/Please wait \d+ minutes/)).toBeVisible();
  // The callback the IdP redirects the browser back to answers the same page, not JSON.
  const callback = await requestFrom('127.0.0.2', '/api/auth/callback/oidc?code=x&state=y');
  expect(callback.status).toBe(429);
  expect(callback.headers['content-type']).toMatch(/^text\/html/);
  // Another machine signs in as before.
  expect((await requestFrom('127.0.0.3', '/signin')).status).toBe(200);
});
