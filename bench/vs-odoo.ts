/**
 * `npm run bench:vs-odoo`: the portal against Odoo's own customer portal (/my), on the same
 * real Odoo, the same customer and the same records.
 *
 * Odoo: ODOO_URL, ODOO_DB, ODOO_LOGIN and ODOO_API_KEY (or ODOO_PASSWORD) of an Odoo
 * administrator; without them the Odoo of ../shared/real-odoo (ODOO_VERSION, default 19) is
 * started. `odoo:prepare --dev-data` prepares it (the dev IdP's people under Gemini
 * Furniture), and a contact of the same company gets an Odoo portal user, for Odoo's side.
 *
 * For each pair of pages it sends requests A, B, A, B… (BENCH_ROUNDS, 15, after 2 warm-ups
 * each) and prints the time to the last byte (median and p90, ours/Odoo), the portal's Odoo
 * calls and its wait on Odoo per page (from its debug log), the JavaScript each page loads
 * (compressed bytes as served), and the Largest Contentful Paint in Chromium
 * (BENCH_LCP_ROUNDS, 5, interleaved). Then "after a change": before each request a record
 * is changed in Odoo (the order's PO reference; the invoice's reference, or its origin for
 * the list, which shows no reference), Odoo's automation rule tells the portal, and the
 * portal's page must show the change: the cache-miss case. Writes JSON under
 * bench/results/. BENCH_PARTS (pages, js, lcp, change; comma-separated) runs only some
 * parts. The portal, the simulator and the dev IdP listen on BENCH_PORT (3206),
 * BENCH_SIM_PORT (8272) and BENCH_IDP_PORT (4606). The portal runs with
 * PORTAL_COMPRESSION=false, as Odoo sends its pages (BENCH_COMPRESSION=true: with the
 * portal's own gzip). BENCH_ODOO_PROTOCOL=session makes the portal call Odoo through its
 * web session.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { request } from 'undici';
import { OdooGateway, type OdooClient } from '../lib/odoo/client';
import { odooConfigFromEnv } from '../lib/odoo/config';
import { installWebhookRules, removeWebhookRules } from '../scripts/odoo-webhooks';
import { groupIds, userGroupsField } from '../scripts/odoo-prepare/prepare';
import { prepareOwnUserArgs, readEnvFile, ROOT, runCommand, serverMajor, type Env } from '../scripts/real-odoo-tools';
import { scriptsOfPage } from '../lib/http/scripts-after-paint';
import { startStack, waitForPortal } from '../scripts/stack';
import { watchOdooCalls } from './odoo-log';
import { sessionCookies } from './sign-in';
import { median, percentile } from './stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const LCP_ROUNDS = Number(process.env.BENCH_LCP_ROUNDS ?? 5);
/** BENCH_PARTS=lcp (or pages, js, change, comma-separated): run only those parts; all by default. */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'pages,js,lcp,change').split(',').map((p) => p.trim()));
const VERSION = process.env.ODOO_VERSION ?? '19';
const CUSTOMER = 'Gemini Furniture';
const BOB = 'bob@brightline.example';
const FIONA = 'fiona@brightline.example';
const ODOO_PORTAL_LOGIN = 'bench.portal@gemini.example';
const ODOO_PORTAL_PASSWORD = 'bench-portal-password-1';
const WEBHOOK_SECRET = 'bench-vs-odoo-webhook-secret-0123456789';
const WEBHOOK_LABEL = 'Portal bench';

const admin = await adminEnv();
const integrationFile = resolve(ROOT, '.data/bench-vs-odoo/portal.env');
await runCommand('npx', prepareOwnUserArgs(integrationFile, 'portal-bench-bot'), admin);
const integration = readEnvFile(integrationFile);
const adminClient = new OdooGateway({ ...odooConfigFromEnv({ ...process.env, ...admin }), timeoutMs: 60_000 }).client();
const major = (await serverMajor(admin.ODOO_URL!)) ?? 0;
await ensureOdooPortalUser(adminClient, major);

const stack = await startStack({
  port: Number(process.env.BENCH_PORT ?? 3206),
  simPort: Number(process.env.BENCH_SIM_PORT ?? 8272),
  idpPort: Number(process.env.BENCH_IDP_PORT ?? 4606),
  env: {
    ...integration,
    // BENCH_ODOO_PROTOCOL=session: the portal calls through its web session (ODOO_PROTOCOL=session) instead of the API key.
    ...(process.env.BENCH_ODOO_PROTOCOL ? { ODOO_PROTOCOL: process.env.BENCH_ODOO_PROTOCOL } : {}),
    ODOO_WEBHOOK_SECRET: WEBHOOK_SECRET,
    // Odoo sends its pages uncompressed; the portal too, as behind a proxy that compresses
    // (PORTAL_COMPRESSION=false), so both are timed as they leave the application.
    // BENCH_COMPRESSION=true times the portal's own gzip.
    PORTAL_COMPRESSION: process.env.BENCH_COMPRESSION ?? 'false',
    LOG_LEVEL: 'debug',
    RATE_LIMIT_USER_PER_MINUTE: '100000',
    RATE_LIMIT_SIGNIN_PER_MINUTE: '1000',
    AUDIT_PGLITE_DIR: 'memory://',
    PDF_CACHE_DIR: resolve(ROOT, '.data/bench-vs-odoo/pdf-cache'),
  },
  stdio: 'pipe',
});
const odooByRequest = watchOdooCalls(stack.web.stdout!);
const portal = stack.url.replace('localhost', '127.0.0.1');

try {
  await waitForPortal(stack.url, 120_000);
  const ours = await sessionCookies(stack.url, [BOB, FIONA]);
  const odooCookie = await odooLogin(admin.ODOO_URL!, admin.ODOO_DB!);
  const odoo = admin.ODOO_URL!;
  const orderId = await firstId(odoo, '/my/orders', odooCookie, /\/my\/orders\/(\d+)/);
  const invoiceId = await firstId(odoo, '/my/invoices', odooCookie, /\/my\/invoices\/(\d+)/);

  /**
   * `apart`: Odoo's rounds first, then ours. Odoo 19 bumps an invoice's write date each time
   * it renders a PDF it has not stored, and the portal files its PDF copy under that date, so
   * a render of Odoo's own between two of ours would make every one of ours a miss.
   */
  type Pair = { page: string; odooPath: string; ourPath: string; login: string; apart?: boolean };
  const pairs: Pair[] = [
    { page: 'orders list', odooPath: '/my/orders', ourPath: '/orders', login: BOB },
    { page: 'order detail', odooPath: `/my/orders/${orderId}`, ourPath: `/orders/${orderId}`, login: BOB },
    { page: 'invoices list', odooPath: '/my/invoices', ourPath: '/invoices', login: FIONA },
    { page: 'invoice detail', odooPath: `/my/invoices/${invoiceId}`, ourPath: `/invoices/${invoiceId}`, login: FIONA },
    { page: 'home (buyer)', odooPath: '/my/home', ourPath: '/', login: BOB },
    { page: 'home (finance)', odooPath: '/my/home', ourPath: '/', login: FIONA },
    {
      page: 'invoice PDF',
      odooPath: `/my/invoices/${invoiceId}?report_type=pdf&download=true`,
      ourPath: `/invoices/${invoiceId}/pdf`,
      login: FIONA,
      apart: true,
    },
  ];

  const rows: Record<string, unknown>[] = [];
  for (const p of PARTS.has('pages') ? pairs : []) {
    const odooGet = () => timedGet(`${odoo}${p.odooPath}`, odooCookie);
    const ourGet = () => timedGet(`${portal}${p.ourPath}`, ours[p.login]!);
    for (let i = 0; i < 2; i++) {
      await odooGet();
      await ourGet();
    }
    const a: number[] = [];
    const b: number[] = [];
    const calls: number[] = [];
    const wait: number[] = [];
    let pdfHits = 0;
    if (p.apart) for (let i = 0; i < ROUNDS; i++) a.push((await odooGet()).ms);
    if (p.apart) await ourGet(); // the copy is filed under the write date Odoo's last render left
    for (let i = 0; i < ROUNDS; i++) {
      if (!p.apart) a.push((await odooGet()).ms);
      const r = await ourGet();
      b.push(r.ms);
      if (r.pdfCache === 'hit') pdfHits += 1;
      await new Promise((done) => setTimeout(done, 5)); // the log line follows the answer
      const o = odooByRequest.get(r.requestId) ?? { calls: 0, waitMs: 0 };
      calls.push(o.calls);
      wait.push(o.waitMs);
    }
    const row = {
      page: p.page,
      'Odoo /my p50': round(median(a)),
      'ours p50': round(median(b)),
      'ratio p50': ratio(median(b), median(a)),
      'Odoo p90': round(percentile(a, 90)),
      'ours p90': round(percentile(b, 90)),
      'our Odoo calls': median(calls),
      'our wait on Odoo': round(median(wait)),
      'our own work': round(Math.max(0, median(b) - median(wait))),
      ...(p.page === 'invoice PDF' ? { 'our PDF cache hits': `${pdfHits}/${ROUNDS}` } : {}),
    };
    console.log(JSON.stringify(row));
    rows.push(row);
  }

  const htmlPairs = pairs.filter((p) => p.page !== 'invoice PDF');
  const js: Record<string, unknown>[] = [];
  for (const p of PARTS.has('js') ? htmlPairs : []) {
    js.push({
      page: p.page,
      'Odoo JS kB': round((await scriptBytes(odoo, p.odooPath, odooCookie, odooScripts)) / 1024),
      'our JS kB': round((await scriptBytes(portal, p.ourPath, ours[p.login]!, scriptsOfPage)) / 1024),
    });
  }

  const lcp = PARTS.has('lcp') ? await largestPaints(htmlPairs, odoo, odooCookie, ours) : [];

  // After a change: a record changes in Odoo before each request; the automation rule tells
  // the portal, whose page must read it afresh and show the new value.
  /** Each page, and the change (model, record, field) it shows: read right after the change. */
  const pair = (page: string) => pairs.find((p) => p.page === page)!;
  const orderReference = { model: 'sale.order', id: orderId, field: 'client_order_ref' } as const;
  const changedPages: ChangedPage[] = [
    { ...pair('order detail'), ...orderReference },
    { ...pair('orders list'), ...orderReference },
    { ...pair('invoice detail'), model: 'account.move', id: invoiceId, field: 'ref' },
    // The list shows no reference: the invoice's origin, put back afterwards.
    { ...pair('invoices list'), model: 'account.move', id: invoiceId, field: 'invoice_origin' },
  ];

  const afterChange = PARTS.has('change') ? await afterAChange() : null;

  async function afterAChange() {
    const [invoiceBefore] = await adminClient.searchRead('account.move', [['id', '=', invoiceId]], { fields: ['ref', 'invoice_origin'] });
    await installWebhookRules(adminClient, portal, WEBHOOK_SECRET, { label: WEBHOOK_LABEL });
    try {
      const results = [];
      for (const p of changedPages) results.push(await pageAfterChanges(p));
      return results;
    } finally {
      await removeWebhookRules(adminClient, { label: WEBHOOK_LABEL });
      // The invoice as it was: its origin names its order, which the invoices list links to.
      await adminClient.write('account.move', [invoiceId], {
        ref: invoiceBefore?.ref ?? false,
        invoice_origin: invoiceBefore?.invoice_origin ?? false,
      });
    }
  }

  async function pageAfterChanges(p: ChangedPage) {
    const changed = { odoo: [] as number[], ours: [] as number[], calls: [] as number[], wait: [] as number[], stale: 0 };
    for (let i = 0; i < ROUNDS; i++) {
      const po = `BENCH-${Date.now()}-${i}`;
      await adminClient.write(p.model, [p.id], { [p.field]: po });
      changed.odoo.push((await timedGet(`${odoo}${p.odooPath}`, odooCookie)).ms);
      await adminClient.write(p.model, [p.id], { [p.field]: `${po}-b` });
      const r = await timedGet(`${portal}${p.ourPath}`, ours[p.login]!);
      changed.ours.push(r.ms);
      await new Promise((done) => setTimeout(done, 5)); // the log line follows the answer
      const o = odooByRequest.get(r.requestId) ?? { calls: 0, waitMs: 0 };
      changed.calls.push(o.calls);
      changed.wait.push(o.waitMs);
      if (!r.body.includes(`${po}-b`)) changed.stale += 1;
    }
    return {
      page: `${p.page}, right after a change in Odoo`,
      'Odoo /my p50': round(median(changed.odoo)),
      'ours p50': round(median(changed.ours)),
      'ratio p50': ratio(median(changed.ours), median(changed.odoo)),
      'our Odoo calls': median(changed.calls),
      'our wait on Odoo': round(median(changed.wait)),
      'pages showing the change': `${ROUNDS - changed.stale}/${ROUNDS}`,
    };
  }

  console.log(`\nOurs vs Odoo's own portal on Odoo ${major} (${admin.ODOO_URL}), ${CUSTOMER}, ${ROUNDS} interleaved rounds, ms`);
  // Only the parts asked for (BENCH_PARTS): an empty table reads as a part that found nothing.
  if (PARTS.has('pages')) console.table(rows);
  if (afterChange) console.table(afterChange);
  if (PARTS.has('js')) {
    console.log('JavaScript per page, gzipped alike on both sides (kB)');
    console.table(js);
  }
  if (PARTS.has('lcp')) {
    console.log(`Largest Contentful Paint in Chromium, median of ${LCP_ROUNDS} interleaved loads (ms)`);
    console.table(lcp);
  }
  mkdirSync(resolve(ROOT, 'bench/results'), { recursive: true });
  const file = resolve(ROOT, `bench/results/vs-odoo-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), odoo: major, rounds: ROUNDS, rows, afterChange, js, lcp }, null, 2));
  console.log(`Results written to ${file}`);
} finally {
  await stack.stop();
}
process.exit(0);

/** A page measured right after a record it shows changed in Odoo (`field` set to a new text). */
interface ChangedPage {
  page: string;
  odooPath: string;
  ourPath: string;
  login: string;
  model: 'sale.order' | 'account.move';
  id: number;
  field: string;
}

/** The administrator's settings: from the environment, or from ../shared/real-odoo after starting it. */
async function adminEnv(): Promise<Env> {
  if (process.env.ODOO_URL) {
    return Object.fromEntries(
      ['ODOO_URL', 'ODOO_DB', 'ODOO_LOGIN', 'ODOO_API_KEY', 'ODOO_PASSWORD'].filter((k) => process.env[k]).map((k) => [k, process.env[k]!]),
    );
  }
  const start = resolve(ROOT, '../shared/real-odoo/start.sh');
  if (!existsSync(start))
    throw new Error('bench:vs-odoo needs a real Odoo: set ODOO_URL and an administrator’s ODOO_DB, ODOO_LOGIN, ODOO_API_KEY');
  await runCommand(start, [], { ODOO_VERSION: VERSION });
  return readEnvFile(`/var/tmp/odoo${VERSION}/env`);
}

/** A contact of the customer with an Odoo portal user: who signs in to Odoo's own portal. */
async function ensureOdooPortalUser(client: OdooClient, odooMajor: number) {
  const [company] = await client.searchRead(
    'res.partner',
    [
      ['name', '=', CUSTOMER],
      ['is_company', '=', true],
    ],
    { fields: ['id'], limit: 1 },
  );
  if (!company) throw new Error(`no company named ${CUSTOMER} in this Odoo`);
  const [user] = await client.searchRead('res.users', [['login', '=', ODOO_PORTAL_LOGIN]], {
    fields: ['id'],
    limit: 1,
    context: { active_test: false },
  });
  if (user) {
    await client.write('res.users', [user.id], { password: ODOO_PORTAL_PASSWORD, active: true });
    return;
  }
  const partner = await client.create('res.partner', {
    name: 'Portal Bench Buyer',
    parent_id: company.id,
    type: 'contact',
    email: ODOO_PORTAL_LOGIN,
  });
  const [portalGroup] = await groupIds(client, ['base.group_portal']);
  await client.create('res.users', {
    name: 'Portal Bench Buyer',
    login: ODOO_PORTAL_LOGIN,
    password: ODOO_PORTAL_PASSWORD,
    partner_id: partner,
    [userGroupsField(odooMajor)]: [[6, 0, [portalGroup]]],
  });
}

/** Signs in to Odoo's website as the portal user, as a browser does: the session cookie. */
async function odooLogin(url: string, db: string): Promise<string> {
  const form = await fetch(`${url}/web/login?db=${encodeURIComponent(db)}`);
  const first = cookieOf(form.headers.getSetCookie());
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!csrf) throw new Error('no csrf_token on Odoo’s login page');
  const res = await fetch(`${url}/web/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', cookie: first },
    body: new URLSearchParams({ csrf_token: csrf, login: ODOO_PORTAL_LOGIN, password: ODOO_PORTAL_PASSWORD, redirect: '/my' }),
  });
  const cookie = cookieOf(res.headers.getSetCookie()) || first;
  if (res.status !== 303 && res.status !== 302) throw new Error(`Odoo login answered ${res.status}`);
  return cookie;
}

function cookieOf(setCookies: string[]): string {
  return setCookies
    .map((c) => c.split(';')[0])
    .filter((c) => c!.startsWith('session_id='))
    .join('; ');
}

async function firstId(base: string, path: string, cookie: string, pattern: RegExp): Promise<number> {
  const { body } = await timedGet(`${base}${path}`, cookie);
  const id = pattern.exec(body)?.[1];
  if (!id) throw new Error(`Odoo's ${path} lists nothing for the portal user`);
  return Number(id);
}

/** One GET read to its last byte. */
async function timedGet(url: string, cookie: string): Promise<{ ms: number; body: string; requestId: string; pdfCache: string }> {
  const t = performance.now();
  const res = await request(url, { headers: { cookie, 'sec-fetch-dest': 'document', 'accept-encoding': 'gzip' } });
  const chunks: Buffer[] = [];
  for await (const c of res.body) chunks.push(c as Buffer);
  const ms = performance.now() - t;
  if (res.statusCode !== 200) throw new Error(`${url}: HTTP ${res.statusCode}`);
  const raw = Buffer.concat(chunks);
  const body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString() : raw.toString();
  return { ms, body, requestId: String(res.headers['x-request-id'] ?? ''), pdfCache: String(res.headers['x-pdf-cache'] ?? '') };
}

/**
 * The scripts an Odoo page loads: its tags' `src`, and the `data-src` of the lazy bundles
 * (web.assets_frontend_lazy) that Odoo's own code adds once the page has loaded.
 */
function odooScripts(html: string): string[] {
  return [...new Set([...html.matchAll(/<script\b[^>]*\s(?:data-)?src="([^"]+)"/g)].map((m) => m[1]!))];
}

/**
 * The bytes of the scripts a page loads (`sources` reads them from its HTML), gzip-compressed:
 * as served when the server compresses, otherwise as a compressing proxy in front would send
 * them (gzip level 6), so Odoo's uncompressed assets and an uncompressed portal are counted alike.
 */
async function scriptBytes(base: string, path: string, cookie: string, sources: (html: string) => string[]): Promise<number> {
  const { body } = await timedGet(`${base}${path}`, cookie);
  let total = 0;
  for (const src of sources(body)) {
    const res = await request(new URL(src, base), { headers: { cookie, 'accept-encoding': 'gzip' } });
    const chunks: Buffer[] = [];
    for await (const c of res.body) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    total += res.headers['content-encoding'] === 'gzip' ? raw.length : gzipSync(raw).length;
  }
  return total;
}

/** Largest Contentful Paint of each page on both sides, interleaved. */
async function largestPaints(
  list: { page: string; odooPath: string; ourPath: string; login: string }[],
  odooUrl: string,
  odooCookie: string,
  ours: Record<string, string>,
): Promise<Record<string, unknown>[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const withCookie = async (url: string, cookie: string): Promise<BrowserContext> => {
    const context = await browser.newContext();
    const [name, ...value] = cookie.split('=');
    await context.addCookies([{ name: name!, value: value.join('='), url }]);
    return context;
  };
  /** One load: its first byte, first contentful paint and largest paint (ms from navigation), and what was largest. */
  type Load = { ttfb: number; fcp: number; lcp: number; element: string };
  const lcpOf = async (context: BrowserContext, url: string): Promise<Load> => {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const load = await page.evaluate(
      () =>
        new Promise<Load>((done) => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          const ttfb = nav?.responseStart ?? NaN;
          // Read once a paint is reported: a page whose load event comes before its first paint has none at load.
          // (No named function here: tsx would wrap it in a helper the page does not have.)
          new PerformanceObserver((list) => {
            const last = list.getEntries().at(-1) as PerformanceEntry & { element?: Element | null; size?: number };
            const el = last.element;
            const what = el ? `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" ${last.size ?? ''}px²` : '?';
            const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
            done({ ttfb, fcp, lcp: last.startTime, element: what });
          }).observe({ type: 'largest-contentful-paint', buffered: true });
          setTimeout(
            () =>
              done({ ttfb, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN, lcp: NaN, element: 'none' }),
            3000,
          );
        }),
    );
    await page.close();
    return load;
  };
  const summary = (loads: Load[]) => ({
    ttfb: median(loads.map((l) => l.ttfb)),
    fcp: median(loads.map((l) => l.fcp)),
    lcp: median(loads.map((l) => l.lcp)),
    // The element most often largest: what the page's LCP is the paint of.
    element: mostCommon(loads.map((l) => l.element)),
  });
  const out: Record<string, unknown>[] = [];
  try {
    const odooContext = await withCookie(odooUrl, odooCookie);
    const ourContexts = new Map<string, BrowserContext>();
    for (const login of new Set(list.map((p) => p.login))) ourContexts.set(login, await withCookie(portal, ours[login]!));
    for (const p of list) {
      const a: Load[] = [];
      const b: Load[] = [];
      await lcpOf(odooContext, `${odooUrl}${p.odooPath}`);
      await lcpOf(ourContexts.get(p.login)!, `${portal}${p.ourPath}`);
      for (let i = 0; i < LCP_ROUNDS; i++) {
        a.push(await lcpOf(odooContext, `${odooUrl}${p.odooPath}`));
        b.push(await lcpOf(ourContexts.get(p.login)!, `${portal}${p.ourPath}`));
      }
      const [odoo, our] = [summary(a), summary(b)];
      out.push({
        page: p.page,
        'Odoo LCP': round(odoo.lcp),
        'our LCP': round(our.lcp),
        ratio: ratio(our.lcp, odoo.lcp),
        'Odoo first byte / first paint': `${round(odoo.ttfb)} / ${round(odoo.fcp)}`,
        'our first byte / first paint': `${round(our.ttfb)} / ${round(our.fcp)}`,
        'Odoo largest': odoo.element,
        'our largest': our.element,
      });
    }
  } finally {
    await browser.close();
  }
  return out;
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((x, y) => y[1] - x[1])[0]?.[0] ?? '';
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function ratio(ours: number, theirs: number): number {
  return Math.round((ours / theirs) * 100) / 100;
}
