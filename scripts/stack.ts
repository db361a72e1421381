/**
 * The whole portal on its embedded defaults: the Odoo simulator, the development identity
 * provider and `next start` (the production build), started and stopped together. Used by
 * `npm run demo`, the browser tests and the benchmarks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { startDevIdp } from '../dev-idp/server';
import { DEMO_AUTH_SECRET, DEMO_ODOO_API_KEY, DEMO_WEBHOOK_SECRET, DEV_IDP_CLIENT_SECRET } from '../lib/demo-defaults';
import { OdooSimulator, type SimulatorOptions } from '../odoo-sim/server';
import { webhookUrl } from './odoo-webhooks';

/**
 * How the portal's Node runs, here and in production (docs/deployment.md):
 * - `--expose-gc` lets a large PDF download free its socket buffers as it goes
 *   (lib/http/scavenge-while-streaming.ts);
 * - `--max-semi-space-size=16` (MB) gives V8's young generation room for a page render's
 *   short-lived objects: a list page under load spent about a tenth of its CPU in minor
 *   collections; with it, `npx tsx bench/route-cost.ts /orders` measured a median of 23.4 ms
 *   of portal CPU per request against 30.6 ms without (three runs each, docs/performance.md),
 *   at the cost of up to 48 MB more young generation.
 */
const PORTAL_NODE_FLAGS = ['--expose-gc', '--max-semi-space-size=16'];

/** The session cookie secret of the embedded demo (a real deployment sets AUTH_SECRET). */
export { DEMO_AUTH_SECRET };

export interface StackOptions {
  port: number;
  simPort: number;
  idpPort: number;
  sim?: SimulatorOptions;
  /** Extra environment for the portal process (wins over the embedded defaults). */
  env?: Record<string, string>;
  /** 'pipe' hands the portal's stdout to the caller (benchmarks read its log lines). */
  stdio?: 'inherit' | 'pipe';
  /** Extra Node flags for the portal process, e.g. ['--cpu-prof'] when profiling. */
  nodeArgs?: string[];
}

export interface Stack {
  url: string;
  sim: OdooSimulator;
  simUrl: string;
  issuer: string;
  web: ChildProcess;
  /**
   * One more portal process on `port`, with the same settings and build (e.g. one instance
   * per core behind a load balancer); it answers once started, and stops with the stack.
   * Its sessions are the first one's (same AUTH_SECRET); signing in goes through the first.
   */
  addInstance(port: number): Promise<string>;
  stop(): Promise<void>;
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const issuer = `http://127.0.0.1:${opts.idpPort}`;
  const clientSecret = DEV_IDP_CLIENT_SECRET;
  const webhookSecret = opts.env?.ODOO_WEBHOOK_SECRET ?? process.env.ODOO_WEBHOOK_SECRET ?? DEMO_WEBHOOK_SECRET;
  // The simulator tells the portal of changes as a real Odoo with the portal's automation rules does.
  const sim = new OdooSimulator({ seed: 42, webhookUrl: webhookUrl(`http://127.0.0.1:${opts.port}`, webhookSecret), ...opts.sim });
  const simUrl = await sim.listen(opts.simPort);
  const idp = await startDevIdp(
    {
      issuer,
      clientId: 'portal',
      clientSecret,
      redirectUris: [`http://localhost:${opts.port}/api/auth/callback/oidc`, `http://127.0.0.1:${opts.port}/api/auth/callback/oidc`],
    },
    opts.idpPort,
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    ODOO_URL: process.env.ODOO_URL ?? simUrl,
    ODOO_DB: process.env.ODOO_DB ?? sim.database,
    ODOO_LOGIN: process.env.ODOO_LOGIN ?? 'portal-bot',
    ODOO_API_KEY: process.env.ODOO_API_KEY ?? DEMO_ODOO_API_KEY,
    // The simulator's password; against a real Odoo only the one given (empty is unset): a
    // wrong password would fail every web-session sign-in and count towards Odoo's lockout.
    ODOO_PASSWORD: process.env.ODOO_PASSWORD ?? (process.env.ODOO_URL ? '' : DEMO_ODOO_API_KEY),
    AUTH_SECRET: process.env.AUTH_SECRET ?? DEMO_AUTH_SECRET,
    ODOO_WEBHOOK_SECRET: webhookSecret,
    AUTH_OIDC_ISSUER: issuer,
    AUTH_OIDC_CLIENT_ID: 'portal',
    AUTH_OIDC_CLIENT_SECRET: clientSecret,
    AUTH_OIDC_SCOPE: 'openid email profile groups',
    // Staff roles come only from an explicit mapping: the dev IdP's staff groups, named after the roles.
    PORTAL_ROLE_GROUPS:
      process.env.PORTAL_ROLE_GROUPS ?? JSON.stringify({ 'account-manager': 'account-manager', 'support-admin': 'support-admin' }),
    // Served over plain HTTP on this machine: no HSTS, no Secure cookies.
    PORTAL_HTTPS: 'false',
    // The demo's public secrets above are allowed in this production build (lib/config.ts).
    PORTAL_DEMO: '1',
    ...opts.env,
  };
  const startPortal = (port: number) =>
    spawn(
      process.execPath,
      [...PORTAL_NODE_FLAGS, ...(opts.nodeArgs ?? []), 'node_modules/next/dist/bin/next', 'start', '-p', String(port)],
      {
        env,
        stdio: opts.stdio === 'pipe' ? ['ignore', 'pipe', 'inherit'] : 'inherit',
      },
    );
  const web = startPortal(opts.port);
  const extra: ChildProcess[] = [];
  let stopped = false;
  // A run that crashes still ends its portals: one left behind holds its port, and the next
  // run's portal cannot start there (its requests would reach the old one).
  const endPortals = () => [web, ...extra].forEach((p) => p.kill('SIGTERM'));
  process.once('exit', endPortals);
  return {
    url: `http://localhost:${opts.port}`,
    sim,
    simUrl,
    issuer,
    web,
    async addInstance(port) {
      extra.push(startPortal(port));
      const url = `http://localhost:${port}`;
      await waitForPortal(url);
      return url;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', endPortals);
      endPortals();
      await Promise.allSettled([sim.close(), idp.close()]);
    },
  };
}

/** Resolves when the portal answers its health check. */
export async function waitForPortal(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The portal did not start within ${timeoutMs} ms`);
}
