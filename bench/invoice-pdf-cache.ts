/**
 * `npm run bench:pdf-cache`: an invoice PDF downloaded the first time (Odoo renders it) and
 * again (from the portal's PDF cache), through the portal's own code path: the tenant check
 * (one Odoo read) and the PDF, read to its last byte. Against the simulator (its PDF delayed
 * by BENCH_SIM_PDF_DELAY_MS, 1,400 by default, as wkhtmltopdf takes on a real Odoo) and, when
 * ODOO_URL is set (e.g. `. /var/tmp/odoo19/env`), against that real Odoo, for the customer
 * BENCH_CUSTOMER (default "Gemini Furniture"). Prints medians over BENCH_ROUNDS rounds.
 *
 * A cached download still makes one Odoo read (the tenant check); `tenant_check_p50_ms` is
 * that read alone, timed in the same rounds, so the rest is the cache's own cost.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { OdooCallLog } from '../lib/odoo/call-log';
import { OdooGateway, type OdooRecord } from '../lib/odoo/client';
import { odooConfigFromEnv, type OdooConfig } from '../lib/odoo/config';
import { openInvoicePdf } from '../lib/portal/invoice-pdf';
import { invoicePdfSource } from '../lib/portal/invoices';
import { PdfDiskCache } from '../lib/portal/pdf-cache';
import type { PortalContext } from '../lib/context';
import { OdooSimulator } from '../odoo-sim/server';
import { SEED_IDS } from '../odoo-sim/seed';
import { median, percentile } from './stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const INVOICES = Number(process.env.BENCH_INVOICES_PER_TARGET ?? 3);

function financeContext(gateway: OdooGateway, tenant: { id: number; name: string }): PortalContext {
  const requestId = `bench-${Math.random().toString(36).slice(2)}`;
  return {
    requestId,
    ip: null,
    user: { sub: 'bench', email: null, name: 'bench' },
    contact: { id: tenant.id, name: tenant.name },
    locale: 'en',
    tenant,
    roles: new Set(['finance']),
    odoo: gateway.client(new OdooCallLog(requestId)),
  };
}

async function timeDownload(gateway: OdooGateway, tenant: { id: number; name: string }, id: number, cache: PdfDiskCache) {
  const started = performance.now();
  const found = await openInvoicePdf(financeContext(gateway, tenant), id, cache);
  if (!found) throw new Error(`invoice ${id} is not ${tenant.name}'s`);
  const bytes = await buffer(found.pdf.body);
  const ms = performance.now() - started;
  await found.pdf.stored;
  return { ms, bytes: bytes.length, cached: found.pdf.cached };
}

async function run(label: string, config: OdooConfig, tenant: { id: number; name: string }) {
  const gateway = new OdooGateway(config);
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-pdf-cache-'));
  const cache = new PdfDiskCache(dir);
  try {
    const moves = await gateway.client().searchRead<OdooRecord & { name: string }>(
      'account.move',
      [
        ['partner_id', 'child_of', [tenant.id]],
        ['state', '=', 'posted'],
        ['move_type', 'in', ['out_invoice', 'out_refund']],
      ],
      { fields: ['name'], limit: INVOICES, order: 'id' },
    );
    const first: number[] = [];
    const second: number[] = [];
    const repeat: number[] = [];
    const check: number[] = [];
    let size = 0;
    for (const move of moves) {
      const a = await timeDownload(gateway, tenant, move.id, cache);
      first.push(a.ms);
      size = a.bytes;
      const b = await timeDownload(gateway, tenant, move.id, cache);
      second.push(b.ms);
      for (let i = 0; i < ROUNDS; i++) {
        const r = await timeDownload(gateway, tenant, move.id, cache);
        if (!r.cached) console.warn(`${label}: ${move.name} round ${i} was not served from the cache`);
        repeat.push(r.ms);
        // The tenant check alone (the one Odoo read a cached download still makes), interleaved.
        const t = performance.now();
        await invoicePdfSource(financeContext(gateway, tenant), move.id);
        check.push(performance.now() - t);
      }
    }
    return {
      target: label,
      invoices: moves.length,
      pdf_bytes: size,
      first_p50_ms: +median(first).toFixed(1),
      second_p50_ms: +median(second).toFixed(1),
      repeat_p50_ms: +median(repeat).toFixed(1),
      repeat_p90_ms: +percentile(repeat, 90).toFixed(1),
      repeat_n: repeat.length,
      tenant_check_p50_ms: +median(check).toFixed(1),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = [];
const sim = new OdooSimulator({ seed: 42 });
const simUrl = await sim.listen(0);
sim.setFaults({ pdfDelayMs: Number(process.env.BENCH_SIM_PDF_DELAY_MS ?? 1400) });
const simConfig: OdooConfig = {
  url: simUrl,
  db: sim.database,
  login: 'portal-bot',
  apiKey: 'demo-odoo-key',
  protocol: 'auto',
  timeoutMs: 10_000,
  maxConcurrency: 16,
  readRetries: 2,
};
rows.push(await run('simulator', simConfig, { id: SEED_IDS.customers.A, name: 'Brightline Hardware Ltd' }));
await sim.close();

if (process.env.ODOO_URL) {
  const config = { ...odooConfigFromEnv(), password: process.env.BENCH_ODOO_PASSWORD };
  const name = process.env.BENCH_CUSTOMER ?? 'Gemini Furniture';
  const [customer] = await new OdooGateway(config).client().searchRead(
    'res.partner',
    [
      ['name', '=', name],
      ['is_company', '=', true],
    ],
    { fields: ['name'], limit: 1 },
  );
  if (!customer) throw new Error(`No company named ${name} on ${config.url}`);
  rows.push(await run(`real Odoo (${config.url})`, config, { id: customer.id, name }));
} else {
  console.log('No ODOO_URL: real Odoo skipped (`. /var/tmp/odoo19/env` first to include it).');
}

console.table(rows);
writeFileSync('bench/results/invoice-pdf-cache.json', JSON.stringify({ at: new Date().toISOString(), rounds: ROUNDS, rows }, null, 2));
