/**
 * `npx tsx bench/first-paint.ts [path]` (default /orders): where a page's first paint goes in
 * Chromium, apart from the server. It takes the page's HTML once, as the portal serves it to
 * a signed-in contact (simulator data; the buyer bob unless BENCH_LOGIN names another), and
 * serves it and variants of it from plain file servers in this process (first byte in a few
 * ms), each at the page's own path: as served, without its script tags, without its script tags and stylesheet, and a
 * one-paragraph page as the floor. Each is loaded BENCH_LOADS times (9), interleaved, in one
 * browser context, as bench/vs-odoo.ts loads pages (scripts and styles in the browser's cache
 * after the first load). Prints the median first byte and first contentful paint. Needs a
 * current `next build`; the portal keeps running while it measures, because the HTML still
 * loads its scripts and styles from it.
 */
import { chromium, type BrowserContext } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLoadStack } from './load-stack';
import { median } from './stats';

// The buyer by default; BENCH_LOGIN=fiona@brightline.example for the finance pages (/invoices).
const LOGIN = process.env.BENCH_LOGIN ?? 'bob@brightline.example';
const path = process.argv[2] ?? '/orders';
const LOADS = Number(process.env.BENCH_LOADS ?? 9);

const SCRIPT = /<script\b[^>]*>[\s\S]*?<\/script>|<link[^>]*as="script"[^>]*>/g;
const STYLESHEET = /<link[^>]*rel="stylesheet"[^>]*>/g;

const { stack, cookies } = await startLoadStack({ port: 3203, simPort: 8272, idpPort: 4603, logins: [LOGIN] });
const servers: Server[] = [];
const errors: string[] = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const res = await fetch(`${stack.url}${path}`, { headers: { cookie: cookies[LOGIN]! } });
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  // The page's own URLs point at the portal, which serves its scripts and styles.
  const served = (await res.text()).replaceAll('"/_next/', `"${stack.url}/_next/`);
  const variants: Record<string, string> = {
    'as served': served,
    'without scripts': served.replace(SCRIPT, ''),
    'without scripts and stylesheet': served.replace(SCRIPT, '').replace(STYLESHEET, ''),
    'one paragraph': '<!doctype html><html><head><title>floor</title></head><body><p>One paragraph of text.</p></body></html>',
  };
  // Each variant at the page's own path, on a port of its own, so the router boots on the URL it was rendered for.
  for (const html of Object.values(variants)) {
    const server = createServer((req, res) => {
      const ours = new URL(req.url ?? '/', 'http://x').pathname === new URL(path, 'http://x').pathname;
      res.writeHead(ours ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(ours ? html : '');
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    servers.push(server);
  }
  const urls = servers.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);

  const context: BrowserContext = await browser.newContext();
  const load = async (url: string): Promise<{ ttfb: number; fcp: number }> => {
    const page = await context.newPage();
    // A copy that fails in the browser would not time the real page.
    page.on('pageerror', (err) => errors.push(`${url}: ${err.message}`));
    await page.goto(url, { waitUntil: 'load' });
    const timing = await page.evaluate(
      () =>
        new Promise<{ ttfb: number; fcp: number }>((done) => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          new PerformanceObserver((list) => {
            const fcp = list.getEntries().find((e) => e.name === 'first-contentful-paint')?.startTime;
            if (fcp !== undefined) done({ ttfb: nav.responseStart, fcp });
          }).observe({ type: 'paint', buffered: true });
          setTimeout(() => done({ ttfb: nav.responseStart, fcp: NaN }), 3000);
        }),
    );
    await page.close();
    return timing;
  };
  const names = Object.keys(variants);
  const loads = new Map(names.map((n) => [n, [] as { ttfb: number; fcp: number }[]]));
  for (const url of urls) await load(url); // warm the cache, as the benchmark's warm-up does
  for (let round = 0; round < LOADS; round++) for (let i = 0; i < names.length; i++) loads.get(names[i]!)!.push(await load(urls[i]!));
  if (errors.length) throw new Error(`the page failed in the browser:\n${[...new Set(errors)].join('\n')}`);
  console.log(`First paint of ${path} served from a file server, median of ${LOADS} interleaved loads (ms)`);
  console.table(
    names.map((name) => ({
      variant: name,
      'HTML kB': Math.round(Buffer.byteLength(variants[name]!) / 102.4) / 10,
      'first byte': Math.round(median(loads.get(name)!.map((l) => l.ttfb))),
      'first paint': Math.round(median(loads.get(name)!.map((l) => l.fcp))),
    })),
  );
} finally {
  await browser.close();
  for (const server of servers) server.close();
  await stack.stop();
}
