/**
 * `npm run bench:render-floor`: what the portal's own work costs per page when the read cache
 * answers (no Odoo call on the way): each path in BENCH_PATHS requested BENCH_REQUESTS times
 * (80) in turn, one at a time, as bob (buyer), after the first five. Prints the median time to
 * the last byte per path. `/api/health` is the floor of the proxy and a route; a page's figure
 * over it is the layout and React's render.
 *
 * Against the simulator by default; BENCH_ENV_FILE=<file with ODOO_*> (e.g.
 * .data/bench-vs-odoo/portal.env, which `npm run bench:vs-odoo` leaves) uses that Odoo.
 * PORTAL_CACHE_TTL_SECONDS=0 turns the read cache off: then every page calls Odoo.
 */
import { request } from 'undici';
import { readEnvFile } from '../scripts/real-odoo-tools';
import { startStack, waitForPortal } from '../scripts/stack';
import { sessionCookies } from './sign-in';
import { median } from './stats';

const N = Number(process.env.BENCH_REQUESTS ?? 80);
const PATHS = (process.env.BENCH_PATHS ?? '/orders,/orders/999999,/account/addresses,/api/health').split(',');
const BOB = 'bob@brightline.example';

const stack = await startStack({
  port: Number(process.env.BENCH_PORT ?? 3226),
  simPort: Number(process.env.BENCH_SIM_PORT ?? 8226),
  idpPort: Number(process.env.BENCH_IDP_PORT ?? 4626),
  env: {
    ...(process.env.BENCH_ENV_FILE ? readEnvFile(process.env.BENCH_ENV_FILE) : {}),
    PORTAL_COMPRESSION: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    RATE_LIMIT_USER_PER_MINUTE: '100000',
    AUDIT_PGLITE_DIR: 'memory://',
    ...(process.env.PORTAL_CACHE_TTL_SECONDS ? { PORTAL_CACHE_TTL_SECONDS: process.env.PORTAL_CACHE_TTL_SECONDS } : {}),
  },
  stdio: 'pipe',
});
try {
  await waitForPortal(stack.url, 120_000);
  const portal = stack.url.replace('localhost', '127.0.0.1');
  const cookie = (await sessionCookies(stack.url, [BOB]))[BOB]!;
  const times = new Map<string, number[]>(PATHS.map((p) => [p, []]));
  for (let i = 0; i < N + 5; i++) {
    for (const path of PATHS) {
      const start = performance.now();
      const res = await request(`${portal}${path}`, { headers: { cookie } });
      await res.body.text();
      if (i >= 5) times.get(path)!.push(performance.now() - start);
    }
  }
  console.log(`Time to the last byte with the read cache warm, median of ${N} requests a path (ms)`);
  console.table(PATHS.map((path) => ({ path, p50: Number(median(times.get(path)!).toFixed(1)) })));
} finally {
  await stack.stop();
}
process.exit(0);
