/**
 * `npm run bench`: the portal in production mode (`next build` + `next start`) against the
 * simulator seeded with 100,000 extra orders and 10,000 extra invoices for customer A.
 *
 * 1. Every main route, sequentially, at simulator latency 0 and 50 ms: p50/p95 time,
 *    Odoo calls per request and the portal's own share (time minus waiting on Odoo), from
 *    the portal's per-request Odoo log (OdooCallLog, LOG_LEVEL=debug).
 * 2. Load with autocannon on loopback at latency 20 ms, on a second stack with the default
 *    seed, served by one portal process and then by two (one per core): 10 and 50
 *    connections on /orders and /invoices, each BENCH_LOAD_RUNS times for
 *    BENCH_LOAD_SECONDS: median requests/s and its range, median p50 and p97.5 (autocannon
 *    has no p95; p97.5 is the stricter figure), errors over all runs.
 * 3. Memory: peak RSS over the idle baseline while streaming a 20 MB invoice PDF and a ZIP
 *    of 500 invoices.
 * Prints a table and writes JSON under bench/results/.
 */
import autocannon from 'autocannon';
import { mkdirSync, writeFileSync } from 'node:fs';
import { startStack, waitForPortal } from '../scripts/stack';
import { SEED_IDS } from '../odoo-sim/seed';
import { peakRssDuring } from './process-memory';
import { watchOdooCalls } from './odoo-log';
import { reachable } from './reachable';
import { simRpc } from './sim-rpc';
import { sessionCookies } from './sign-in';
import { startLoadStack } from './load-stack';
import { median, percentile } from './stats';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);
/** Which parts to run: BENCH_PARTS=routes,load,memory (all by default). */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'routes,load,memory').split(','));
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
/** Each load cell is run this many times: the machine's speed drifts, so the median says more than one run. */
const LOAD_RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 3);
const BOB = 'bob@brightline.example';
const FIONA = 'fiona@brightline.example';

const stack = await startStack({
  port: 3200,
  simPort: 8269,
  idpPort: 4600,
  sim: { scaleOrders: Number(process.env.BENCH_ORDERS ?? 100_000), scaleInvoices: Number(process.env.BENCH_INVOICES ?? 10_000) },
  env: { LOG_LEVEL: 'debug', RATE_LIMIT_USER_PER_MINUTE: '10000000', RATE_LIMIT_SIGNIN_PER_MINUTE: '1000', AUDIT_PGLITE_DIR: 'memory://' },
  stdio: 'pipe',
});

/** requestId → Odoo calls and wait, from the portal's debug log lines. */
const odooByRequest = watchOdooCalls(stack.web.stdout!);

try {
  await waitForPortal(stack.url, 120_000);
  const cookies = await sessionCookies(stack.url, [BOB, FIONA]);
  const json2 = simRpc(stack);
  const [order] = await json2<{ id: number }[]>('sale.order', 'search_read', {
    domain: [
      ['partner_id', '=', SEED_IDS.customers.A],
      ['state', '=', 'sale'],
    ],
    fields: ['id'],
    limit: 1,
    order: 'id',
  });
  const [picking] = await json2<{ id: number }[]>('stock.picking', 'search_read', {
    domain: [['partner_id', 'child_of', SEED_IDS.customers.A]],
    fields: ['id'],
    limit: 1,
  });
  const invoices = await json2<{ id: number }[]>('account.move', 'search_read', {
    domain: [
      ['partner_id', 'child_of', SEED_IDS.customers.A],
      ['state', '=', 'posted'],
      ['move_type', '=', 'out_invoice'],
    ],
    fields: ['id'],
    limit: 500,
    order: 'id',
  });

  const routes: [string, string, string][] = [
    ['/', '/', BOB],
    ['/orders', '/orders', BOB],
    ['/orders deep page', '/orders?page=3000', BOB],
    ['/orders by total', '/orders?sort=total&dir=asc&page=50', BOB],
    ['/orders open + dates', '/orders?state=open&from=2025-06-01&to=2026-06-30', BOB],
    ['/orders search SKU', '/orders?q=FAS-1001', BOB],
    ['/orders/[id]', `/orders/${order!.id}`, BOB],
    ['/orders/new?from', `/orders/new?from=${order!.id}`, BOB],
    ['/deliveries', '/deliveries', BOB],
    ['/deliveries/[id]', `/deliveries/${picking!.id}`, BOB],
    ['/account', '/account', BOB],
    ['/invoices', '/invoices', FIONA],
    ['/invoices overdue', '/invoices?status=overdue&sort=due', FIONA],
    ['/invoices/[id]', `/invoices/${invoices[0]!.id}`, FIONA],
    ['/statement', '/statement', FIONA],
  ];

  const routeResults: Record<string, unknown>[] = [];
  for (const latencyMs of PARTS.has('routes') ? [0, 50] : []) {
    stack.sim.setFaults({ latencyMs });
    for (const [name, path, user] of routes) {
      const times: number[] = [];
      const calls: number[] = [];
      const own: number[] = [];
      for (let i = 0; i < SAMPLES + 5; i++) {
        const t = performance.now();
        const res = await fetch(`${stack.url}${path}`, {
          headers: { cookie: cookies[user]!, 'sec-fetch-dest': 'document' },
          redirect: 'manual',
        });
        await res.arrayBuffer();
        const ms = performance.now() - t;
        if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
        if (i < 5) continue; // warm-up
        await new Promise((r) => setTimeout(r, 5)); // let the log lines arrive
        const odoo = odooByRequest.get(res.headers.get('x-request-id') ?? '') ?? { calls: 0, waitMs: 0 };
        times.push(ms);
        calls.push(odoo.calls);
        own.push(Math.max(0, ms - odoo.waitMs));
      }
      process.stdout.write(`  ${latencyMs} ms  ${name}\n`);
      routeResults.push({
        latencyMs,
        route: name,
        p50: median(times),
        p95: percentile(times, 95),
        odooCalls: Math.max(...calls),
        ownP50: median(own),
      });
    }
  }

  stack.sim.setFaults({ latencyMs: 0 });
  const pid = stack.web.pid!;
  const bigInvoice = invoices[1]!.id;
  await fetch(`${stack.simUrl}/__sim/pdf-size`, { method: 'POST', body: JSON.stringify({ invoiceId: bigInvoice, bytes: 20_000_000 }) });
  const download = async (path: string) => {
    const t = performance.now();
    const res = await fetch(`${stack.url}${path}`, { headers: { cookie: cookies[FIONA]! } });
    let bytes = 0;
    const reader = res.body!.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.length;
    return { status: res.status, bytes, ms: performance.now() - t };
  };
  await download(`/invoices/${invoices[2]!.id}/pdf`); // warm the route
  // The first large download after start grows the heap once (garbage of a fast transfer,
  // not the file); the repeat and a file twice the size show whether memory follows size.
  const memory: Record<string, unknown>[] = [];
  const measure = async (what: string, path: string) => {
    const m = await peakRssDuring(pid, () => download(path));
    memory.push({
      what,
      status: m.result.status,
      mb: m.result.bytes / 1e6,
      seconds: m.result.ms / 1000,
      rssIncreaseMb: (m.peak - m.baseline) / 1e6,
    });
  };
  if (PARTS.has('memory')) {
    await fetch(`${stack.simUrl}/__sim/pdf-size`, {
      method: 'POST',
      body: JSON.stringify({ invoiceId: invoices[3]!.id, bytes: 40_000_000 }),
    });
    await measure('PDF 20 MB, first after start', `/invoices/${bigInvoice}/pdf`);
    await measure('PDF 20 MB, again', `/invoices/${bigInvoice}/pdf`);
    await measure('PDF 40 MB', `/invoices/${invoices[3]!.id}/pdf`);
    await measure(`ZIP of ${invoices.length} invoices`, `/invoices/bulk?ids=${invoices.map((i) => i.id).join(',')}`);
  }

  await stack.stop();
  const loadResults = PARTS.has('load') ? await loadPhase() : [];

  const f = (n: unknown) => (typeof n === 'number' ? n.toFixed(1) : String(n));
  console.log('\nRoutes (sequential, ms; own = time minus waiting on Odoo)');
  console.table(routeResults.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, f(v)]))));
  console.log(`Load (autocannon, ${LOAD_RUNS} runs of ${LOAD_SECONDS} s per cell, medians, simulator latency 20 ms)`);
  console.table(loadResults.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, f(v)]))));
  console.log('Memory (next start process tree, peak over idle baseline)');
  console.table(memory.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, f(v)]))));
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/portal-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(
    file,
    JSON.stringify(
      { at: new Date().toISOString(), samples: SAMPLES, orders: stack.sim.stats, routes: routeResults, load: loadResults, memory },
      null,
      2,
    ),
  );
  console.log(`Results written to ${file}`);
} finally {
  await stack.stop();
}
process.exit(0);

/**
 * Throughput on its own stack: the default seed (1,200 orders) and warn-level logs, so the
 * simulator in this process takes as little of the 2 cores as possible. First one portal
 * process, then two (one per core, as docs/deployment.md's production notes advise), the load
 * generator spreading its connections over both as a load balancer would. With Redis on
 * 127.0.0.1:6379 the instances share their rate limits there, as in production (the limit
 * is set out of reach: each request still pays for its check); without it each keeps its own.
 */
async function loadPhase(): Promise<Record<string, unknown>[]> {
  const redis = (await reachable(6379)) ? { REDIS_URL: 'redis://127.0.0.1:6379' } : undefined;
  console.log(redis ? 'Load: rate limits in Redis (127.0.0.1:6379)' : 'Load: Redis not reachable, each instance limits in memory');
  const { stack: load, cookies } = await startLoadStack({ port: 3201, simPort: 8270, idpPort: 4601, logins: [BOB, FIONA], env: redis });
  try {
    const second = await load.addInstance(3203);
    const out: Record<string, unknown>[] = [];
    for (const urls of [[load.url], [load.url, second]]) {
      for (const [path, user] of [
        ['/orders', BOB],
        ['/invoices', FIONA],
      ] as const) {
        // autocannon spreads its connections over several URLs (its types allow only one).
        const targets = urls.map((u) => `${u}${path}`) as unknown as string;
        await autocannon({ url: targets, connections: 10, duration: 2, headers: { cookie: cookies[user]! } }); // warm-up
        for (const connections of [10, 50]) {
          const runs: autocannon.Result[] = [];
          for (let i = 0; i < LOAD_RUNS; i++)
            runs.push(await autocannon({ url: targets, connections, duration: LOAD_SECONDS, headers: { cookie: cookies[user]! } }));
          const rates = runs.map((r) => r.requests.average);
          out.push({
            instances: urls.length,
            latencyMs: 20,
            route: path,
            connections,
            runs: LOAD_RUNS,
            requestsPerSec: median(rates),
            requestsPerSecRange: `${Math.min(...rates).toFixed(1)}-${Math.max(...rates).toFixed(1)}`,
            p50: median(runs.map((r) => r.latency.p50)),
            p97_5: median(runs.map((r) => r.latency.p97_5)),
            errors: runs.reduce((n, r) => n + r.errors + r.non2xx, 0),
            timeouts: runs.reduce((n, r) => n + r.timeouts, 0),
          });
        }
      }
    }
    return out;
  } finally {
    await load.stop();
  }
}
