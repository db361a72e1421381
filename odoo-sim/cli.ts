import { parseArgs } from 'node:util';
import { OdooSimulator } from './server';

/** `npm run odoo-sim -- --port 8069 --seed 42 --scale 100000 --version 17` */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.ODOO_SIM_PORT ?? '8069' },
    seed: { type: 'string', default: process.env.ODOO_SIM_SEED ?? '42' },
    scale: { type: 'string', default: process.env.ODOO_SIM_SCALE ?? '0' },
    version: { type: 'string', default: process.env.ODOO_SIM_VERSION ?? '19' },
    latency: { type: 'string', default: process.env.ODOO_SIM_LATENCY_MS ?? '0' },
  },
});

const started = Date.now();
const sim = new OdooSimulator({ seed: Number(values.seed), scaleOrders: Number(values.scale), version: Number(values.version) });
sim.setFaults({ latencyMs: Number(values.latency) });
const url = await sim.listen(Number(values.port));
console.log(
  `Odoo ${sim.version}.0 simulator on ${url} (database ${sim.database}, login portal-bot, API key demo-odoo-key), ` +
    `${sim.store.count('sale.order')} orders, seeded in ${Date.now() - started} ms`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void sim.close().then(() => process.exit(0)));
