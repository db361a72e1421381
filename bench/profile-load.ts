/**
 * `npx tsx bench/profile-load.ts [path]`: the load part of the benchmark on one route with the
 * portal under --cpu-prof, then the functions and packages that took the most CPU time.
 * Counts only the samples of the measured load (not the start or the shutdown). For finding
 * what to make cheaper when throughput falls short; needs a current `next build`.
 */
import autocannon from 'autocannon';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startLoadStack } from './load-stack';

const path = process.argv[2] ?? '/orders';
const dir = join(process.cwd(), '.data', 'cpu-profile');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

const BOB = 'bob@brightline.example';
const loadSeconds = Number(process.env.SECONDS ?? 10);
let requests = 0;
const { stack, cookies } = await startLoadStack({
  port: 3202,
  simPort: 8271,
  idpPort: 4602,
  logins: [BOB],
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
});
const cookie = cookies[BOB]!;
try {
  await autocannon({ url: `${stack.url}${path}`, connections: 10, duration: 3, headers: { cookie } });
  const r = await autocannon({
    url: `${stack.url}${path}`,
    connections: 10,
    duration: loadSeconds,
    headers: { cookie },
  });
  requests = r.requests.total;
  console.log(`${path}: ${r.requests.average} req/s, p50 ${r.latency.p50} ms, p97.5 ${r.latency.p97_5} ms, errors ${r.errors + r.non2xx}`);
} finally {
  await stack.stop();
  await new Promise((res) => setTimeout(res, 3000)); // the profile is written on exit
}

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
for (const f of files) {
  const p = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  // Only the measured load: the process's start (PGlite's initdb, module loading) and its
  // shutdown would otherwise outweigh the requests. The load ends about a second before the
  // process does, and lasted `loadSeconds`.
  const at: number[] = [];
  p.timeDeltas.reduce((t, d, i) => (at[i] = t + d), 0);
  const end = at.at(-1) ?? 0;
  const from = end - (loadSeconds + 1) * 1e6;
  const to = end - 1e6;
  p.samples.forEach((id, i) => {
    if (at[i]! >= from && at[i]! <= to) self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const url = n.callFrame.url.replace(/^file:\/\//, '').replace(process.cwd(), '');
    const fn = `${n.callFrame.functionName || '(anon)'} ${url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
    const pkg =
      url.match(/node_modules\/((@[^/]+\/)?[^/]+)/)?.[1] ??
      (url.includes('.next/') ? '.next (app code)' : url.startsWith('node:') ? 'node' : url || n.callFrame.functionName);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + us);
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`)
      .join('\n');
  const busy = total - (byFn.get('(idle) :-1') ?? 0);
  console.log(
    `\n${f}: ${(total / 1e6).toFixed(1)} s sampled in the load's window, ${(busy / 1000 / requests).toFixed(1)} ms busy per request\n-- packages\n${top(byPkg, 20)}\n-- functions\n${top(byFn, 40)}`,
  );
}
process.exit(0);
