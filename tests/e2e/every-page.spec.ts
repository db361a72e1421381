import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, expectFitsPhone, odooCall, signIn } from './helpers';

/**
 * The quality bar on every page: no serious or critical axe-core violation, one h1, nothing
 * wider than a 375 px phone, and the main content reachable by keyboard (skip link).
 */
async function ids() {
  const first = async (model: string, domain: unknown[]) =>
    (await odooCall<{ id: number }[]>(model, 'search_read', { domain, fields: ['id'], limit: 1, order: 'id' }))[0]!.id;
  return {
    order: await first('sale.order', [
      ['partner_id', 'child_of', [10]],
      ['state', '=', 'sale'],
    ]),
    picking: await first('stock.picking', [
      ['partner_id', 'child_of', [10]],
      ['picking_type_code', '=', 'outgoing'],
    ]),
    invoice: await first('account.move', [
      ['partner_id', 'child_of', [10]],
      ['state', '=', 'posted'],
      ['move_type', '=', 'out_invoice'],
    ]),
  };
}

/** Messages the browser could not find: a client component translating outside lib/i18n/client-messages.ts. */
const missingMessages: string[] = [];

async function checkPage(page: Page, path: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  missingMessages.length = 0;
  const res = await page.goto(path);
  expect(res!.status(), path).toBe(200);
  await expect(page.getByRole('heading', { level: 1 }).first(), path).toBeVisible();
  expect(await page.getByRole('heading', { level: 1 }).count(), `${path}: one h1`).toBe(1);
  await expectAccessible(page);
  // Keyboard: the first Tab reaches the skip link, and it leads to the main content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await expectFitsPhone(page);
  await expectAccessible(page);
  expect(missingMessages, `${path}: messages missing in the browser`).toEqual([]);
}

/** Each page is checked at two widths with axe: on a busy two-core machine that takes up to 20 s a page. */
const PAGES_TIME = 240_000;

async function as(browser: Browser, login: string, paths: string[]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('MISSING_MESSAGE')) missingMessages.push(message.text());
  });
  await signIn(page, login);
  for (const path of paths) await checkPage(page, path);
  await context.close();
}

test('every customer page for a buyer', async ({ browser }) => {
  test.setTimeout(PAGES_TIME);
  const id = await ids();
  await as(browser, 'bob@brightline.example', [
    '/',
    '/orders',
    `/orders/${id.order}`,
    '/orders/new',
    `/orders/new?from=${id.order}`,
    '/deliveries',
    `/deliveries/${id.picking}`,
    '/account',
    '/account/addresses',
    '/account/contacts',
  ]);
});

test('the not-found page', async ({ page }) => {
  await signIn(page, 'bob@brightline.example');
  const missing = await page.goto('/orders/999999999');
  expect(missing!.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  // Inside the portal's shell: its one main landmark, with the navigation around it.
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.locator('#main')).toHaveCount(1);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expectAccessible(page);
  await expectFitsPhone(page);
  // An address no route matches: the root's page, outside the shell, is its own main.
  expect((await page.goto('/no-such-page'))!.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(page.getByRole('main')).toHaveCount(1);
  await expectAccessible(page);
});

test('every finance and admin page', async ({ browser }) => {
  test.setTimeout(PAGES_TIME);
  const id = await ids();
  await as(browser, 'fiona@brightline.example', ['/invoices', `/invoices/${id.invoice}`, '/statement']);
  await as(browser, 'alice@brightline.example', ['/account/contacts', '/account/access-log']);
});

test('every staff page', async ({ browser }) => {
  test.setTimeout(PAGES_TIME);
  await as(browser, 'sofia.support@northwind.example', ['/support', '/support/customers/10', '/support/audit']);
});

test('the sign-in and not-linked pages', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await checkPage(page, '/signin');
  await signIn(page, 'nobody@unknown.example', '/');
  await expect(page).toHaveURL(/not-linked/);
  await expectAccessible(page);
  await expectFitsPhone(page);
  await context.close();
});

test('a page paints before its scripts start, and they still start: one loader with the page’s nonce instead of async script tags', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await signIn(page, 'bob@brightline.example', '/orders');
  // Once its scripts have loaded, the browser keeps a cookie saying it has this build's scripts…
  await expect.poll(async () => (await page.context().cookies()).find((c) => c.name === 'portal_scripts')?.value).toMatch(/^[\w-]+$/);
  await page.context().clearCookies({ name: 'portal_scripts' });
  const res = await page.request.get('/orders');
  const html = await res.text();
  const head = html.slice(0, html.indexOf('</head>'));
  const nonce = /'nonce-([^']+)'/.exec(res.headers()['content-security-policy']!)![1];
  expect(html).not.toMatch(/<script[^>]*\sasync/); // in the head or the body: all go through the loader
  expect(head).toMatch(
    new RegExp(
      `<script nonce="${nonce}">\\(function\\(\\)\\{var started=false,watching=false,hold=null,queue=\\["/_next/static/.*function load\\(\\)\\{`,
    ),
  );
  expect(html).toContain(`<script nonce="${nonce}">self.__portalAfterPaint("/_next/static/`);
  // …and without it (a first visit) the page preloads them, so they are fetched at once.
  expect(head).toMatch(/<link rel="preload" as="script"/);
  await page.goto('/deliveries');
  await expect.poll(async () => (await page.context().cookies()).some((c) => c.name === 'portal_scripts')).toBe(true);
  // With it, the scripts every part of the portal shares (the bootstrap among them) are not preloaded; the page's own may be.
  const preloads = (text: string) => text.match(/<link rel="preload" as="script"[^>]*>/g) ?? [];
  const returning = await (await page.request.get('/orders')).text();
  expect(preloads(returning).length).toBeLessThan(preloads(html).length);
  expect(returning).not.toMatch(/<link rel="preload" as="script" fetchPriority="low"/);
  // When the scripts start (the page is loaded with the cookie: no preloads for the shared ones).
  // When each of Next's scripts enters the page, noted from the start of the document.
  await page.addInitScript(() => {
    const page = window as unknown as { scriptsAdded: number[]; scriptsRun: number[] };
    const added: number[] = (page.scriptsAdded = []);
    const run: number[] = (page.scriptsRun = []);
    new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes)
          if (n instanceof HTMLScriptElement && n.src.includes('/_next/static/chunks/') && n.async) {
            added.push(performance.now());
            // A script's load event comes once it has run.
            n.addEventListener('load', () => run.push(performance.now()));
          }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto('/orders');
  await page.waitForLoadState('networkidle');
  const { paint, parsed, loaded, scripts, run, frames } = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      parsed: nav.domContentLoadedEventStart,
      loaded: nav.loadEventStart,
      scripts: (window as unknown as { scriptsAdded: number[] }).scriptsAdded,
      run: (window as unknown as { scriptsRun: number[] }).scriptsRun,
      frames: document.querySelectorAll('iframe').length,
    };
  });
  expect(scripts.length).toBeGreaterThan(3);
  // Not while the page is parsed, nor as soon as it is: after its first contentful paint…
  expect(Math.min(...scripts)).toBeGreaterThanOrEqual(parsed);
  expect(Math.min(...scripts)).toBeGreaterThanOrEqual(paint);
  // …and every one of them has run before the load event, which the loader keeps waiting for them.
  expect(run).toHaveLength(scripts.length);
  expect(Math.max(...run)).toBeLessThanOrEqual(loaded);
  // The frame that held the load event is gone, and left no entry in the history: back goes to the page before.
  expect(frames).toBe(0);
  const entries = await page.evaluate(() => history.length);
  await page.goto('/api/health'); // JSON: no loader
  await page.goto('/deliveries');
  expect(await page.evaluate(() => history.length)).toBe(entries + 2);
  await page.goBack();
  await expect(page).toHaveURL(/\/api\/health$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/orders$/);
  // Hydrated: the column chooser and the sort buttons are the client table's.
  await page.getByRole('button', { name: /^Total/ }).click();
  await expect(page).toHaveURL(/sort=total/);
  // Hydration found the loader's scripts (async, as the tags were) and added none a second time.
  const sources = await page.evaluate(() => [...document.querySelectorAll('script[src]')].map((s) => (s as HTMLScriptElement).src));
  expect(sources.length).toBeGreaterThan(3);
  expect(sources.length).toBe(new Set(sources).size);
  expect(errors).toEqual([]);
});
