/**
 * `npm run demo`: the whole portal on its embedded defaults, in one command, stopped
 * together with Ctrl-C: the Odoo simulator (seeded), the development identity provider
 * (seeded users) and the portal's production build. Needs `next build` first (the npm
 * script does it). Ports: PORT (3000), ODOO_SIM_PORT (8069), DEV_IDP_PORT (4400).
 */
import { spawn } from 'node:child_process';
import { startDevIdp } from '../dev-idp/server';
import { DEV_PASSWORD, DEV_USERS } from '../dev-idp/users';
import { OdooSimulator } from '../odoo-sim/server';

const port = Number(process.env.PORT ?? 3000);
const simPort = Number(process.env.ODOO_SIM_PORT ?? 8069);
const idpPort = Number(process.env.DEV_IDP_PORT ?? 4400);
const issuer = `http://127.0.0.1:${idpPort}`;
const clientSecret = 'dev-portal-secret';

const sim = new OdooSimulator({ seed: Number(process.env.ODOO_SIM_SEED ?? 42), scaleOrders: Number(process.env.ODOO_SIM_SCALE ?? 0) });
sim.setFaults({ latencyMs: Number(process.env.ODOO_SIM_LATENCY_MS ?? 0) });
const simUrl = await sim.listen(simPort);
const idp = await startDevIdp({
  issuer, clientId: 'portal', clientSecret,
  redirectUris: [`http://localhost:${port}/api/auth/callback/oidc`, `http://127.0.0.1:${port}/api/auth/callback/oidc`],
}, idpPort);

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  ODOO_URL: process.env.ODOO_URL ?? simUrl,
  ODOO_DB: process.env.ODOO_DB ?? sim.database,
  ODOO_LOGIN: process.env.ODOO_LOGIN ?? 'portal-bot',
  ODOO_API_KEY: process.env.ODOO_API_KEY ?? 'demo-odoo-key',
  ODOO_PASSWORD: process.env.ODOO_PASSWORD ?? 'demo-odoo-key',
  AUTH_SECRET: process.env.AUTH_SECRET ?? 'demo-only-secret-never-use-in-production-0123456789',
  AUTH_OIDC_ISSUER: issuer,
  AUTH_OIDC_CLIENT_ID: 'portal',
  AUTH_OIDC_CLIENT_SECRET: clientSecret,
  AUTH_OIDC_SCOPE: 'openid email profile groups',
  // The demo is served over plain HTTP on this machine: no HSTS, no Secure cookies.
  PORTAL_HTTPS: 'false',
};
const web = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port)], { env, stdio: 'inherit' });

console.log(`
  Northwind customer portal   http://localhost:${port}
  Odoo simulator              ${simUrl}  (database ${sim.database})
  Identity provider           ${issuer}
  Sign in as (password ${DEV_PASSWORD}):
${DEV_USERS.map((u) => `    ${u.login.padEnd(34)} ${u.note}`).join('\n')}
  Ctrl-C stops everything.
`);

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  web.kill('SIGTERM');
  await Promise.allSettled([sim.close(), idp.close()]);
  process.exit(code);
}
web.on('exit', (code) => void stop(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));
