/**
 * `npm run screenshots`: the README's tour pictures. Starts the demo stack on its own ports
 * (SCREENSHOT_PORT, default 3208) with the simulator's seeded data, signs in as the seeded
 * users and saves the main pages at 1280 and 375 px to docs/screenshots/<page>-<width>.png.
 * Run it after `next build` whenever a page's look changes.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { signInThroughDevIdp } from './dev-sign-in';
import { startStack, waitForPortal } from './stack';

const OUT = resolve(import.meta.dirname, '../docs/screenshots');
const port = Number(process.env.SCREENSHOT_PORT ?? 3208);
const WIDTHS = [1280, 375] as const;

/** Who shows which page: [file name, login, path]. */
const SHOTS: [string, string, string][] = [
  ['home', 'fiona@brightline.example', '/'],
  ['orders', 'bob@brightline.example', '/orders'],
  ['order', 'bob@brightline.example', '/orders/first'],
  ['quick-order', 'bob@brightline.example', '/orders/new'],
  ['deliveries', 'bob@brightline.example', '/deliveries'],
  ['invoices', 'fiona@brightline.example', '/invoices'],
  ['statement', 'fiona@brightline.example', '/statement'],
  ['account', 'alice@brightline.example', '/account'],
  ['support', 'mia.manager@northwind.example', '/support'],
  // Kestrel's people are German in Odoo: the same pages in German, with German amounts and dates.
  ['home-de', 'frieda@kestrel.example', '/'],
  ['invoices-de', 'frieda@kestrel.example', '/invoices'],
  ['quick-order-de', 'bruno@kestrel.example', '/orders/new'],
];

const stack = await startStack({
  port,
  simPort: port + 5000,
  idpPort: port + 1400,
  env: { LOG_LEVEL: 'warn', AUDIT_PGLITE_DIR: 'memory://', RATE_LIMIT_USER_PER_MINUTE: '10000' },
});
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  await waitForPortal(stack.url, 120_000);
  mkdirSync(OUT, { recursive: true });
  const pages = new Map<string, Page>();
  for (const [name, login, path] of SHOTS) {
    let page = pages.get(login);
    if (!page) {
      page = await (await browser.newContext()).newPage();
      await signInThroughDevIdp(page, stack.url, login);
      pages.set(login, page);
    }
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
      await page.goto(`${stack.url}${path === '/orders/first' ? await firstOrderPath(page) : path}`);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: resolve(OUT, `${name}-${width}.png`), fullPage: width === 1280 ? false : true });
      console.log(`docs/screenshots/${name}-${width}.png`);
    }
  }
} finally {
  await browser.close();
  await stack.stop();
}
process.exit(0);

/** The newest order in the list, as a person would open it. */
async function firstOrderPath(page: Page): Promise<string> {
  await page.goto(`${stack.url}/orders`);
  const hrefs = await page.locator('a[href^="/orders/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.find((h) => /^\/orders\/\d+$/.test(h)) ?? '/orders';
}
