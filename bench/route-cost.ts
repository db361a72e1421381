/**
 * `npx tsx bench/route-cost.ts [path ...]`: for each path, requests/s under load (10
 * connections, simulator latency 20 ms) and the portal process's CPU time per request
 * (from /proc), and that of this process (the simulator and autocannon), to see which part
 * of a page's cost is the page itself. Needs a current
 * `next build`. PORTAL_NODE_ARGS="--flag ..." starts the portal with extra Node flags, to compare them.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { startStack, waitForPortal } from '../scripts/stack';
import { sessionCookies } from './sign-in';

const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['/api/health', '/api/me', '/orders'];
const SECONDS = Number(process.env.SECONDS ?? 8);

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const stack = await startStack({
  port: 3202, simPort: 8271, idpPort: 4602,
  env: { LOG_LEVEL: 'warn', RATE_LIMIT_USER_PER_MINUTE: '10000000', RATE_LIMIT_SIGNIN_PER_MINUTE: '1000', AUDIT_PGLITE_DIR: 'memory://' },
  nodeArgs: process.env.PORTAL_NODE_ARGS?.split(' ').filter(Boolean),
});
try {
  await waitForPortal(stack.url, 120_000);
  const cookie = (await sessionCookies(stack.url, ['bob@brightline.example']))['bob@brightline.example']!;
  stack.sim.setFaults({ latencyMs: 20 });
  const pid = stack.web.pid!;
  for (const arg of paths) {
    // A path starting with "anon:" is requested without the session cookie.
    const path = arg.replace(/^anon:/, '');
    const headers = arg.startsWith('anon:') ? {} : { cookie };
    await autocannon({ url: `${stack.url}${path}`, connections: 10, duration: 2, headers });
    const before = cpuSeconds(pid);
    const ownBefore = process.cpuUsage();
    const r = await autocannon({ url: `${stack.url}${path}`, connections: 10, duration: SECONDS, headers });
    const cpuMs = ((cpuSeconds(pid) - before) * 1000) / r.requests.total;
    const own = process.cpuUsage(ownBefore);
    const simAndLoadMs = (own.user + own.system) / 1000 / r.requests.total;
    console.log(`${arg.padEnd(30)} ${r.requests.average.toFixed(1).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p97.5 ${String(r.latency.p97_5).padStart(4)} ms  portal CPU ${cpuMs.toFixed(2)} ms/request  simulator + load generator ${simAndLoadMs.toFixed(2)} ms/request  errors ${r.errors + r.non2xx}`);
  }
} finally {
  await stack.stop();
}
process.exit(0);
