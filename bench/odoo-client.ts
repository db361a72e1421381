/**
 * `npm run bench:odoo`: what the gateway adds per call. The same search_count is sent
 * N times as a raw undici request (the HTTP layer lib/odoo/http.ts uses), as a raw fetch
 * (for reference) and through OdooClient (JSON-2 and JSON-RPC) against the simulator on
 * loopback; the difference of the medians to the raw request is the client's own cost.
 * Target (issue 2): under 1 ms added at the median, with connections reused.
 */
import { writeFileSync } from 'node:fs';
import { request } from 'undici';
import { OdooGateway } from '../lib/odoo/client';
import { OdooSimulator } from '../odoo-sim/server';
import { median, percentile } from './stats';

const N = Number(process.env.BENCH_CALLS ?? 2000);
const sim = new OdooSimulator({ seed: 42 });
const url = await sim.listen(0);
const config = {
  url,
  db: sim.database,
  login: 'portal-bot',
  apiKey: 'demo-odoo-key',
  protocol: 'json2' as const,
  timeoutMs: 10_000,
  maxConcurrency: 16,
  readRetries: 2,
};
const domain = [
  ['partner_id', 'child_of', 10],
  ['state', '=', 'sale'],
];

/** Variants are interleaved call by call, so each sees the same machine load and warm-up. */
async function timeInterleaved(fns: (() => Promise<unknown>)[]): Promise<number[][]> {
  for (let i = 0; i < 200; i++) for (const fn of fns) await fn(); // warm-up: JIT, sockets, caches
  const out = fns.map(() => [] as number[]);
  for (let i = 0; i < N; i++) {
    for (const [k, fn] of fns.entries()) {
      const t = performance.now();
      await fn();
      out[k]!.push(performance.now() - t);
    }
  }
  return out;
}

const call = {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Authorization: 'bearer demo-odoo-key', 'X-Odoo-Database': sim.database },
} as const;
const rawRequest = () =>
  request(`${url}/json/2/sale.order/search_count`, { ...call, body: JSON.stringify({ domain }) }).then((r) => r.body.json());
const rawFetch = () => fetch(`${url}/json/2/sale.order/search_count`, { ...call, body: JSON.stringify({ domain }) }).then((r) => r.json());
const json2 = new OdooGateway(config).client();
const jsonrpc = new OdooGateway({ ...config, protocol: 'jsonrpc' }).client();

const variants = [
  ['raw undici request', rawRequest],
  ['raw fetch', rawFetch],
  ['client json2', () => json2.searchCount('sale.order', domain)],
  ['client jsonrpc', () => jsonrpc.searchCount('sale.order', domain)],
] as const;
const connectionsBefore = sim.stats.connections;
const samples = await timeInterleaved(variants.map(([, fn]) => fn));
const rows: Record<string, number | string>[] = variants.map(([name], k) => ({
  name,
  calls: N,
  p50_ms: +median(samples[k]!).toFixed(3),
  p95_ms: +percentile(samples[k]!, 95).toFixed(3),
}));
const rawP50 = rows[0]!.p50_ms as number;
for (const r of rows) r.added_p50_ms = +((r.p50_ms as number) - rawP50).toFixed(3);
console.table(rows);
console.log(`TCP connections opened for ${variants.length * (N + 200)} calls: ${sim.stats.connections - connectionsBefore}`);
writeFileSync(
  'bench/results/odoo-client.json',
  JSON.stringify({ at: new Date().toISOString(), rows, connections: sim.stats.connections - connectionsBefore }, null, 2),
);
await sim.close();
