/**
 * `npx tsx bench/first-paint.ts [path ...]` (default /orders): where pages' first paint goes
 * in Chromium, apart from the server. It takes each page's HTML once, as the portal serves it
 * to a signed-in contact (simulator data; the buyer bob unless BENCH_LOGIN names another),
 * and as a browser that has this build's scripts sees it (no preload links; BENCH_FIRST_VISIT=1
 * for a first visit's), and serves it from plain file servers in this process (first byte in a few ms), each at the
 * page's own path. For the first path it also serves variants: without its script tags,
 * without its script tags and stylesheet, and a one-paragraph page as the floor. Each is
 * loaded BENCH_LOADS times (9), interleaved, in one browser context, as bench/vs-odoo.ts
 * loads pages (scripts and styles in the browser's cache after the first load). Prints the
 * median first byte and first contentful paint and, from a Chromium trace of each load, the
 * main thread's style, layout, HTML parsing, script and paint work before the first paint.
 * Needs a current `next build`; the portal keeps running while it measures, because the HTML
 * still loads its scripts and styles from it.
 */
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLoadStack } from './load-stack';
import { median } from './stats';

// The buyer by default; BENCH_LOGIN=fiona@brightline.example for the finance pages (/invoices).
const LOGIN = process.env.BENCH_LOGIN ?? 'bob@brightline.example';
const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['/orders'];
const LOADS = Number(process.env.BENCH_LOADS ?? 9);

const SCRIPT = /<script\b[^>]*>[\s\S]*?<\/script>|<link[^>]*as="script"[^>]*>/g;
const STYLESHEET = /<link[^>]*rel="stylesheet"[^>]*>/g;

/** What the renderer's main thread did before the first paint, in ms, by kind (Chromium's trace event names). */
const WORK = {
  style: ['UpdateLayoutTree'],
  layout: ['Layout'],
  parse: ['ParseHTML'],
  script: ['EvaluateScript', 'v8.compile', 'FunctionCall'],
  paint: ['PrePaint', 'Paint', 'Layerize'],
} as const;
type Work = Record<keyof typeof WORK, number>;
type Load = { ttfb: number; fcp: number } & Work;
type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  args?: { data?: { isLoadingMainFrame?: boolean; documentLoaderURL?: string } };
};

const { stack, cookies } = await startLoadStack({ port: 3203, simPort: 8272, idpPort: 4603, logins: [LOGIN] });
const servers: Server[] = [];
const errors: string[] = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  /** The page as served, its own URLs pointing at the portal, which serves its scripts and styles. */
  const pageHtml = async (path: string) => {
    // As a browser that has this build's scripts (the loads below all do), unless BENCH_FIRST_VISIT is set.
    const scripts = process.env.BENCH_FIRST_VISIT ? '' : `; portal_scripts=${readFileSync('.next/BUILD_ID', 'utf8').trim()}`;
    const res = await fetch(`${stack.url}${path}`, { headers: { cookie: `${cookies[LOGIN]!}${scripts}` } });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    return (await res.text()).replaceAll('"/_next/', `"${stack.url}/_next/`);
  };
  // Pages of two parts of the portal first, so the server knows which scripts they share (lib/http/scripts-after-paint.ts).
  for (const warm of ['/', '/account']) await pageHtml(warm);
  const variants: { name: string; path: string; html: string }[] = [];
  for (const path of paths) variants.push({ name: path, path, html: await pageHtml(path) });
  const first = variants[0]!;
  variants.push(
    { name: `${first.path} without scripts`, path: first.path, html: first.html.replace(SCRIPT, '') },
    {
      name: `${first.path} without scripts and stylesheet`,
      path: first.path,
      html: first.html.replace(SCRIPT, '').replace(STYLESHEET, ''),
    },
    {
      name: 'one paragraph',
      path: first.path,
      html: '<!doctype html><html><head><title>floor</title></head><body><p>One paragraph of text.</p></body></html>',
    },
  );
  // Each variant at its page's own path, on a port of its own, so the router boots on the URL it was rendered for.
  const urls: string[] = [];
  for (const v of variants) {
    const server = createServer((req, res) => {
      const ours = new URL(req.url ?? '/', 'http://x').pathname === new URL(v.path, 'http://x').pathname;
      res.writeHead(ours ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(ours ? v.html : '');
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    servers.push(server);
    urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}${v.path}`);
  }

  const context: BrowserContext = await browser.newContext();
  for (const url of urls) await load(browser, context, url); // warm the cache, as the benchmark's warm-up does
  const loads = variants.map(() => [] as Load[]);
  for (let round = 0; round < LOADS; round++)
    for (let i = 0; i < variants.length; i++) loads[i]!.push(await load(browser, context, urls[i]!));
  if (errors.length) throw new Error(`the page failed in the browser:\n${[...new Set(errors)].join('\n')}`);
  const ms = (list: Load[], key: keyof Load) => Math.round(median(list.map((l) => l[key])) * 10) / 10;
  console.log(
    `First paint served from a file server, median of ${LOADS} interleaved loads (ms); main-thread work before it, from each load's trace`,
  );
  console.table(
    variants.map((v, i) => ({
      variant: v.name,
      'HTML kB': Math.round(Buffer.byteLength(v.html) / 102.4) / 10,
      'first byte': Math.round(ms(loads[i]!, 'ttfb')),
      'first paint': Math.round(ms(loads[i]!, 'fcp')),
      ...Object.fromEntries(Object.keys(WORK).map((k) => [k, ms(loads[i]!, k as keyof Work)])),
    })),
  );
} finally {
  await browser.close();
  for (const server of servers) server.close();
  await stack.stop();
}

/** One load in a new tab, traced: its first byte and first paint, and the main thread's work before that paint. */
async function load(b: Browser, context: BrowserContext, url: string): Promise<Load> {
  const page = await context.newPage();
  // A copy that fails in the browser would not time the real page.
  page.on('pageerror', (err) => errors.push(`${url}: ${err.message}`));
  await b.startTracing(page, { categories: ['devtools.timeline', 'loading'] });
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
  const events = (JSON.parse((await b.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  await page.close();
  // From this document's navigation to its first contentful paint.
  // The tab's about:blank has a navigation too.
  const from =
    events.find(
      (e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame && e.args.data.documentLoaderURL?.startsWith('http'),
    )?.ts ?? 0;
  const until = events.find((e) => e.name === 'firstContentfulPaint')?.ts ?? Infinity;
  const work = Object.fromEntries(
    Object.entries(WORK).map(([kind, names]) => [
      kind,
      events
        .filter((e) => e.ph === 'X' && (names as readonly string[]).includes(e.name) && e.ts >= from && e.ts < until)
        .reduce((sum, e) => sum + (e.dur ?? 0), 0) / 1000,
    ]),
  ) as Work;
  return { ...timing, ...work };
}
