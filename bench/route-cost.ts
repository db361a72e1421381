/**
 * `npx tsx bench/route-cost.ts [path ...]`: for each path, requests/s under load (10
 * connections, or CONNECTIONS; simulator latency 20 ms) and the portal process's CPU time per request
 * (from /proc), and that of this process (the simulator and autocannon), to see which part
 * of a page's cost is the page itself. Needs a current
 * `next build`. PORTAL_NODE_ARGS="--flag ..." starts the portal with extra Node flags, to compare them.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { startLoadStack } from './load-stack';

const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['/api/health', '/api/me', '/orders'];
const SECONDS = Number(process.env.SECONDS ?? 8);
/** 1 gives one request at a time: the latency of a page on an otherwise idle portal. */
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const BOB = 'bob@brightline.example';
const { stack, cookies } = await startLoadStack({
  port: 3202,
  simPort: 8271,
  idpPort: 4602,
  logins: [BOB],
  nodeArgs: process.env.PORTAL_NODE_ARGS?.split(' ').filter(Boolean),
});
const cookie = cookies[BOB]!;
try {
  const pid = stack.web.pid!;
  for (const arg of paths) {
    // A path starting with "anon:" is requested without the session cookie.
    const path = arg.replace(/^anon:/, '');
    const headers = arg.startsWith('anon:') ? {} : { cookie };
    await autocannon({ url: `${stack.url}${path}`, connections: CONNECTIONS, duration: 2, headers });
    const before = cpuSeconds(pid);
    const ownBefore = process.cpuUsage();
    const r = await autocannon({ url: `${stack.url}${path}`, connections: CONNECTIONS, duration: SECONDS, headers });
    const cpuMs = ((cpuSeconds(pid) - before) * 1000) / r.requests.total;
    const own = process.cpuUsage(ownBefore);
    const simAndLoadMs = (own.user + own.system) / 1000 / r.requests.total;
    console.log(
      `${arg.padEnd(30)} ${r.requests.average.toFixed(1).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p97.5 ${String(r.latency.p97_5).padStart(4)} ms  portal CPU ${cpuMs.toFixed(2)} ms/request  simulator + load generator ${simAndLoadMs.toFixed(2)} ms/request  errors ${r.errors + r.non2xx}`,
    );
  }
} finally {
  await stack.stop();
}
process.exit(0);
