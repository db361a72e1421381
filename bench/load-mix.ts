/**
 * `npm run bench:mix`: how many Odoo calls a realistic mix of portal users costs, and how fast
 * the portal answers them. Odoo is what runs out first at scale, so the figure that matters
 * is Odoo calls per 100 page views.
 *
 * Two portal processes (one per core) share rate limits and cache invalidation through Redis
 * when 127.0.0.1:6379 answers. 50 users (BENCH_MIX_USERS) of both customers, each cycling
 * through what a person of their role opens: buyers the home page, order lists (filters,
 * pages), orders, deliveries; finance the home page, invoice lists, invoices, their PDFs and
 * the statement. Simulator latency 20 ms per Odoo call.
 *
 * Scenarios, each BENCH_MIX_SECONDS (20) after a 5 s warm-up:
 *   - read cache off (PORTAL_CACHE_TTL_SECONDS=0): every view asks Odoo;
 *   - cache on, no webhooks: the TTL alone keeps entries fresh;
 *   - cache on, webhooks on, and an order of each customer changed in Odoo every 10 seconds
 *     (a busy customer: several of its people and the seller's staff at work), then every
 *     second (a stress case: most views follow a change to what they show):
 *     every change invalidates that customer's entries on both processes.
 * Prints requests/s, p50/p95/p99, errors and Odoo calls per 100 page views; writes JSON under
 * bench/results/. BENCH_MIX_ONLY=<words> runs only the scenarios whose name contains them
 * (e.g. `BENCH_MIX_ONLY=webhooks`).
 */
import autocannon from 'autocannon';
import { mkdirSync, writeFileSync } from 'node:fs';
import { SEED_IDS } from '../odoo-sim/seed';
import type { Stack } from '../scripts/stack';
import { startLoadStack } from './load-stack';
import { reachable } from './reachable';
import { simRpc } from './sim-rpc';
import { percentile } from './stats';

const SECONDS = Number(process.env.BENCH_MIX_SECONDS ?? 20);
const USERS = Number(process.env.BENCH_MIX_USERS ?? 50);
const BUYERS = ['bob@brightline.example', 'bruno@kestrel.example', 'victor@brightline.example'];
const FINANCE = ['fiona@brightline.example', 'frieda@kestrel.example', 'alice@brightline.example'];
const TENANT_OF: Record<string, number> = {
  'bob@brightline.example': SEED_IDS.customers.A,
  'victor@brightline.example': SEED_IDS.customers.A,
  'fiona@brightline.example': SEED_IDS.customers.A,
  'alice@brightline.example': SEED_IDS.customers.A,
  'bruno@kestrel.example': SEED_IDS.customers.B,
  'frieda@kestrel.example': SEED_IDS.customers.B,
};

type Scenario = { name: string; cacheTtlSeconds: number; webhooks: boolean; secondsBetweenChanges: number };
const SCENARIOS: Scenario[] = [
  { name: 'read cache off', cacheTtlSeconds: 0, webhooks: false, secondsBetweenChanges: 0 },
  { name: 'cache on, no webhooks (TTL 60 s)', cacheTtlSeconds: 60, webhooks: false, secondsBetweenChanges: 0 },
  { name: 'cache on, webhooks, a change every 10 s per customer', cacheTtlSeconds: 60, webhooks: true, secondsBetweenChanges: 10 },
  { name: 'cache on, webhooks, a change every 1 s per customer', cacheTtlSeconds: 60, webhooks: true, secondsBetweenChanges: 1 },
];

const redis: Record<string, string> = (await reachable(6379)) ? { REDIS_URL: 'redis://127.0.0.1:6379' } : {};
console.log(redis.REDIS_URL ? 'Two processes share invalidation and limits through Redis' : 'Redis not reachable: each process alone');
const results: Record<string, unknown>[] = [];
// Each scenario on ports of its own: a stopped stack's processes may still hold theirs for a moment.
const only = process.env.BENCH_MIX_ONLY;
for (const [i, scenario] of SCENARIOS.entries()) {
  if (!only || scenario.name.includes(only)) results.push(await runScenario(scenario, i * 10));
}

console.log(`\nLoad mix: ${USERS} users, 2 portal processes, simulator latency 20 ms, ${SECONDS} s per scenario`);
console.table(results);
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/mix-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), users: USERS, seconds: SECONDS, results }, null, 2));
console.log(`Results written to ${file}`);
process.exit(0);

async function runScenario(scenario: Scenario, portOffset: number): Promise<Record<string, unknown>> {
  const { stack, cookies } = await startLoadStack({
    port: 3204 + portOffset,
    simPort: 8271 + portOffset,
    idpPort: 4602 + portOffset,
    logins: [...BUYERS, ...FINANCE],
    env: { ...redis, PORTAL_CACHE_TTL_SECONDS: String(scenario.cacheTtlSeconds) },
  });
  const webhookUrl = stack.sim.webhooks.url;
  try {
    const second = await stack.addInstance(3205 + portOffset);
    if (!scenario.webhooks) stack.sim.webhooks.url = null;
    const paths = await pathsByUser(stack);
    const opened = new Map<string, number>();
    const run = (seconds: number, latencies?: number[], statuses?: Map<number, number>) =>
      new Promise<autocannon.Result>((resolve, reject) => {
        // autocannon gives setupRequest a fresh context each time round its one-entry request list,
        // so each user's place in their pages is kept here: the users take turns, and each opens
        // their pages in order.
        const logins = [...BUYERS, ...FINANCE];
        const place = new Map<string, number>();
        let turn = 0;
        const instance = autocannon(
          {
            // autocannon spreads its connections over several URLs (its types allow only one).
            url: [stack.url, second] as unknown as string,
            connections: USERS,
            duration: seconds,
            requests: [
              {
                setupRequest: (req) => {
                  const login = logins[turn++ % logins.length]!;
                  const mine = paths.get(login)!;
                  const step = (place.get(login) ?? -1) + 1;
                  place.set(login, step);
                  const path = mine[step % mine.length]!;
                  opened.set(path, (opened.get(path) ?? 0) + 1);
                  return { ...req, method: 'GET', path, headers: { ...req.headers, cookie: cookies[login]! } };
                },
              },
            ],
          },
          (err: unknown, result) => (err ? reject(err instanceof Error ? err : new Error('autocannon failed')) : resolve(result)),
        );
        // The instance passes the client first (autocannon's run.js); its type declarations leave it out.
        (instance as NodeJS.EventEmitter).on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
          latencies?.push(ms);
          statuses?.set(status, (statuses.get(status) ?? 0) + 1);
        });
      });
    await run(5);
    const writer = scenario.secondsBetweenChanges ? changeOrders(stack, scenario.secondsBetweenChanges) : null;
    opened.clear();
    const before = stack.sim.stats.requests;
    const routesBefore = new Map(stack.sim.stats.byRoute);
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const result = await run(SECONDS, latencies, statuses);
    const odooCalls = stack.sim.stats.requests - before - (writer?.calls() ?? 0);
    writer?.stop();
    const views = result.requests.total;
    const row = {
      scenario: scenario.name,
      requestsPerSec: Math.round(result.requests.average),
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      errors: result.errors + result.non2xx + result.timeouts,
      statuses: [...statuses].map(([status, n]) => `${status}×${n}`).join(' '),
      pageViews: views,
      changes: writer?.calls() ?? 0,
      failedChanges: writer?.failed() ?? 0,
      odooCallsPer100Views: Number(((odooCalls / Math.max(1, views)) * 100).toFixed(1)),
    };
    console.log(JSON.stringify(row));
    // What the users opened (so a broken mix shows), and which Odoo calls the portal made
    // (the writer's included), most first: where the misses are.
    console.log(`  pages opened: ${opened.size} distinct, ${[...opened.values()].reduce((a, b) => a + b, 0)} in all`);
    const byRoute = [...stack.sim.stats.byRoute]
      .map(([route, n]) => [route, n - (routesBefore.get(route) ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1]);
    console.log(`  Odoo calls by route: ${byRoute.map(([route, n]) => `${route} ${n}`).join(', ')}`);
    return row;
  } finally {
    stack.sim.webhooks.url = webhookUrl;
    await stack.stop();
  }
}

/** What each user opens, in order: ids read from the simulator's data for that user's customer. */
async function pathsByUser(stack: Stack): Promise<Map<string, string[]>> {
  const rpc = simRpc(stack);
  const ids = async (model: string, domain: unknown[]) =>
    (await rpc<{ id: number }[]>(model, 'search_read', { domain, fields: ['id'], limit: 5, order: 'id desc' })).map((r) => r.id);
  const byTenant = new Map<number, { orders: number[]; pickings: number[]; invoices: number[] }>();
  for (const tenant of new Set(Object.values(TENANT_OF))) {
    byTenant.set(tenant, {
      orders: await ids('sale.order', [['partner_id', 'child_of', tenant]]),
      pickings: await ids('stock.picking', [['partner_id', 'child_of', tenant]]),
      invoices: await ids('account.move', [
        ['partner_id', 'child_of', tenant],
        ['state', '=', 'posted'],
        ['move_type', '=', 'out_invoice'],
      ]),
    });
  }
  const paths = new Map<string, string[]>();
  for (const login of BUYERS) {
    const t = byTenant.get(TENANT_OF[login]!)!;
    paths.set(login, [
      '/',
      '/orders',
      ...t.orders.map((id) => `/orders/${id}`),
      '/orders?state=open',
      '/orders?page=2',
      '/deliveries',
      ...t.pickings.slice(0, 3).map((id) => `/deliveries/${id}`),
    ]);
  }
  for (const login of FINANCE) {
    const t = byTenant.get(TENANT_OF[login]!)!;
    paths.set(login, [
      '/',
      '/invoices',
      ...t.invoices.slice(0, 3).map((id) => `/invoices/${id}`),
      '/invoices?status=overdue',
      `/invoices/${t.invoices[0]}/pdf`,
      '/statement',
    ]);
  }
  return paths;
}

/** Changes the newest order of each customer in "Odoo" every few seconds, as its salespeople would. */
function changeOrders(stack: Stack, secondsBetween: number) {
  const rpc = simRpc(stack);
  let calls = 0;
  let failed = 0;
  let n = 0;
  const timer = setInterval(() => {
    n += 1;
    for (const tenant of new Set(Object.values(TENANT_OF))) {
      calls += 2;
      rpc<{ id: number }[]>('sale.order', 'search_read', {
        domain: [['partner_id', 'child_of', tenant]],
        fields: ['id'],
        limit: 1,
        order: 'id desc',
      })
        .then(([order]) => rpc('sale.order', 'write', { ids: [order!.id], vals: { client_order_ref: `PO-MIX-${n}` } }))
        // A change that did not reach the simulator is counted and shown, not a crash of the whole run.
        .catch((err: unknown) => {
          failed += 1;
          console.error(`load mix: a change failed (${failed} so far): ${err instanceof Error ? err.message : String(err)}`);
        });
    }
  }, secondsBetween * 1000);
  return { calls: () => calls, failed: () => failed, stop: () => clearInterval(timer) };
}
