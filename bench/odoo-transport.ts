/**
 * `npm run bench:odoo-transport`: what one Odoo call costs over each way of calling a real
 * Odoo: JSON-2 with the API key (19+), JSON-RPC with the API key, and the integration user's
 * web session (ODOO_PROTOCOL=session). The calls, each sent BENCH_CALLS times (200) per
 * transport, interleaved call by call after a warm-up, one at a time:
 * - `order`: the order page's own read on a cache miss (one order with its lines, deliveries
 *   and invoices nested, lib/portal/orders.ts);
 * - `list page`: a page of 20 orders of the order's customer with their count (the orders
 *   list's read, one web_search_read);
 * - `list patch`: that customer's one changed order re-read with the list's domain (what the
 *   cached list reads after a webhook, lib/portal/list-patch.ts);
 * - `floor`: a search_count of one id, what any call costs before it does anything.
 * Prints the median and p90 wall time per call and transport, and the ratio to the first
 * transport's.
 *
 * Odoo: the integration user's ODOO_URL, ODOO_DB, ODOO_LOGIN, ODOO_API_KEY and ODOO_PASSWORD
 * (`npm run odoo:prepare -- --dev-data --out F` writes them; `bench:vs-odoo` leaves them in
 * .data/bench-vs-odoo/portal.env). Writes JSON under bench/results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { OdooGateway, type OdooClient } from '../lib/odoo/client';
import type { Domain } from '../lib/odoo';
import { odooConfigFromEnv } from '../lib/odoo/config';
import { serverMajorVersion } from '../lib/odoo/transport';
import { FIELDS, ORDER_LINE_SPEC, TIMELINE_SPEC, webSpec } from '../lib/portal/fields';
import { median, percentile } from './stats';

const N = Number(process.env.BENCH_CALLS ?? 200);
const base = odooConfigFromEnv();
if (!process.env.ODOO_URL || !base.password)
  throw new Error('bench:odoo-transport needs a real Odoo: ODOO_URL … and ODOO_PASSWORD of the integration user');
const major = await serverMajorVersion(base);
const protocols: ('json2' | 'jsonrpc' | 'session')[] = major >= 19 ? ['json2', 'jsonrpc', 'session'] : ['jsonrpc', 'session'];
const clients = protocols.map((protocol) => new OdooGateway({ ...base, protocol }).client());

const [order] = await clients[0]!.searchRead('sale.order', [['order_line', '!=', false]], {
  fields: ['partner_id'],
  limit: 1,
  order: 'id',
});
if (!order) throw new Error('no order with lines in this database');
const [partner] = await clients[0]!.searchRead('res.partner', [['id', '=', (order.partner_id as [number, string])[0]]], {
  fields: ['commercial_partner_id'],
});
const tenant: Domain = [['partner_id', 'child_of', [(partner!.commercial_partner_id as [number, string])[0]]]];
const spec = {
  ...webSpec(FIELDS.order),
  order_line: { fields: ORDER_LINE_SPEC, order: 'sequence, id' },
  picking_ids: { fields: TIMELINE_SPEC.picking, order: 'id' },
  invoice_ids: { fields: TIMELINE_SPEC.invoice, order: 'invoice_date, id' },
};
const reads: Record<string, (client: OdooClient) => Promise<unknown>> = {
  order: (c) => c.webSearchRead('sale.order', [['id', '=', order.id]], spec, { limit: 1 }),
  'list page': (c) => c.webSearchRead('sale.order', tenant, webSpec(FIELDS.orderRow), { limit: 20, order: 'date_order desc, id desc' }),
  'list patch': (c) => c.searchRead('sale.order', [['id', 'in', [order.id]], ...tenant], { fields: [...FIELDS.orderRow] }),
  floor: (c) => c.searchCount('sale.order', [['id', '=', order.id]]),
};

const rows = [];
for (const [name, read] of Object.entries(reads)) {
  for (let k = 0; k < 20; k++) for (const c of clients) await read(c); // warm-up: sockets, sessions, Odoo's caches
  const samples = clients.map(() => [] as number[]);
  for (let k = 0; k < N; k++) {
    for (const [i, c] of clients.entries()) {
      const t = performance.now();
      await read(c);
      samples[i]!.push(performance.now() - t);
    }
  }
  const firstMedian = median(samples[0]!);
  rows.push(
    ...protocols.map((protocol, i) => ({
      call: name,
      transport: protocol === 'session' ? 'web session (call_kw)' : `${protocol} (API key)`,
      p50: Number(median(samples[i]!).toFixed(2)),
      p90: Number(percentile(samples[i]!, 90).toFixed(2)),
      'ratio to the first': Number((median(samples[i]!) / firstMedian).toFixed(2)),
    })),
  );
}
console.log(`Odoo ${major}, order ${order.id}, ${N} calls per call and transport, interleaved (ms)`);
console.table(rows);
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/odoo-transport-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), major, calls: N, rows }, null, 2));
console.log(`Results written to ${file}`);
process.exit(0);
