/**
 * `npm run demo`: the whole portal on its embedded defaults, in one command, stopped
 * together with Ctrl-C: the Odoo simulator (seeded), the development identity provider
 * (seeded users) and the portal's production build. Needs `next build` first (the npm
 * script does it). Ports: PORT (3000), ODOO_SIM_PORT (8069), DEV_IDP_PORT (4400).
 */
import { DEV_PASSWORD, DEV_USERS } from '../dev-idp/users';
import { startStack } from './stack';

const port = Number(process.env.PORT ?? 3000);
const stack = await startStack({
  port,
  simPort: Number(process.env.ODOO_SIM_PORT ?? 8069),
  idpPort: Number(process.env.DEV_IDP_PORT ?? 4400),
  sim: { seed: Number(process.env.ODOO_SIM_SEED ?? 42), scaleOrders: Number(process.env.ODOO_SIM_SCALE ?? 0) },
});
stack.sim.setFaults({ latencyMs: Number(process.env.ODOO_SIM_LATENCY_MS ?? 0) });

// With ODOO_URL set the portal serves that Odoo (the simulator still runs, unused).
const realOdoo = process.env.ODOO_URL;
const odooLine = realOdoo
  ? `Odoo                        ${realOdoo}  (database ${process.env.ODOO_DB ?? 'portal_demo'}, as ${process.env.ODOO_LOGIN ?? 'portal-bot'})`
  : `Odoo simulator              ${stack.simUrl}  (database ${stack.sim.database})`;
const people = realOdoo
  ? '  (on a real Odoo, the customers are those `npm run odoo:prepare -- --dev-data` linked them to: see docs/deployment.md)\n'
  : '';
console.log(`
  Northwind customer portal   ${stack.url}
  ${odooLine}
  Identity provider           ${stack.issuer}
  Sign in as (password ${DEV_PASSWORD}):
${people}${DEV_USERS.map((u) => `    ${u.login.padEnd(34)} ${u.note}`).join('\n')}
  Ctrl-C stops everything.
`);

async function stop(code = 0) {
  await stack.stop();
  process.exit(code);
}
stack.web.on('exit', (code) => void stop(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));
