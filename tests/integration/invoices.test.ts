import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzip } from '../helpers/unzip';
import { OdooGateway } from '../../lib/odoo/client';
import { getInvoice, invoicePdfSource, invoicesForExport, listInvoices } from '../../lib/portal/invoices';
import { getOrder } from '../../lib/portal/orders';
import { invoiceZip } from '../../lib/portal/invoice-zip';
import { statement, STATEMENT_CSV_COLUMNS } from '../../lib/portal/statement';
import { csvText } from '../../lib/http/csv';
import { readCsv } from '../helpers/csv';
import { invoiceListQuery } from '../../lib/schemas/invoices';
import type { OdooSimulator } from '../../odoo-sim/server';
import { SEED_IDS } from '../../odoo-sim/seed';
import { startSimulator, TEST_TODAY } from '../helpers/odoo-sim';
import { portalContext } from '../helpers/portal-context';

let sim: OdooSimulator;
let gateway: OdooGateway;
const NOW = new Date(`${TEST_TODAY}T10:00:00Z`);

beforeAll(async () => {
  const started = await startSimulator();
  sim = started.sim;
  gateway = new OdooGateway(started.config());
});
afterAll(() => sim.close());

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('statement of account', () => {
  it('puts each due date on a bucket edge in the right aging bucket, credit notes against the balance', async () => {
    const odoo = gateway.client();
    const company = await odoo.create('res.partner', { name: 'Edgecase Traders', is_company: true });
    const contact = await odoo.create('res.partner', {
      name: 'Eddie Edge',
      parent_id: company,
      type: 'contact',
      email: 'eddie@edge.example',
    });
    // Days overdue → bucket: 0 is not yet due; 1 and 30 are 1–30; 31/60; 61/90; 91 is over 90.
    const edges: [number, string][] = [
      [-5, 'current'],
      [0, 'current'],
      [1, '1-30'],
      [30, '1-30'],
      [31, '31-60'],
      [60, '31-60'],
      [61, '61-90'],
      [90, '61-90'],
      [91, '90+'],
      [400, '90+'],
    ];
    for (const [i, [days]] of edges.entries()) {
      const due = addDays(TEST_TODAY, -days);
      await odoo.create('account.move', {
        name: `EDGE/${i}`,
        move_type: 'out_invoice',
        state: 'posted',
        payment_state: 'not_paid',
        partner_id: company,
        commercial_partner_id: company,
        invoice_date: addDays(due, -30),
        invoice_date_due: due,
        amount_total: 100 + i,
        amount_residual: 100 + i,
        currency_id: 1,
      });
    }
    await odoo.create('account.move', {
      name: 'EDGE/CN',
      move_type: 'out_refund',
      state: 'posted',
      payment_state: 'not_paid',
      partner_id: company,
      commercial_partner_id: company,
      invoice_date: TEST_TODAY,
      invoice_date_due: TEST_TODAY,
      amount_total: 50,
      amount_residual: 50,
      currency_id: 1,
    });
    await odoo.create('account.move', {
      name: 'EDGE/PAID',
      move_type: 'out_invoice',
      state: 'posted',
      payment_state: 'paid',
      partner_id: company,
      commercial_partner_id: company,
      invoice_date: '2026-01-01',
      invoice_date_due: '2026-01-31',
      amount_total: 999,
      amount_residual: 0,
      currency_id: 1,
    });

    const ctx = portalContext(gateway, 'fionaA', {
      contact: { id: contact, name: 'Eddie Edge' },
      tenant: { id: company, name: 'Edgecase Traders' },
    });
    const s = await statement(ctx, NOW);
    const byNumber = new Map(s.lines.map((l) => [l.number, l]));
    for (const [i, [days, bucket]] of edges.entries()) {
      expect(byNumber.get(`EDGE/${i}`), `due ${days} days ago`).toMatchObject({ daysOverdue: days, bucket });
    }
    expect(byNumber.get('EDGE/CN')).toMatchObject({ bucket: 'current', balance: -50 });
    expect(byNumber.has('EDGE/PAID')).toBe(false);
    const [eur] = s.aging;
    expect(eur!.buckets).toEqual({ current: 100 + 101 - 50, '1-30': 102 + 103, '31-60': 104 + 105, '61-90': 106 + 107, '90+': 108 + 109 });
    expect(eur!.total).toBe(Object.values(eur!.buckets).reduce((a, b) => a + b, 0));

    // As CSV: the credit note's open amount is the number -50.00, not text.
    const csv = readCsv(csvText(STATEMENT_CSV_COLUMNS, s.lines), {
      numberColumns: ['Days overdue', 'Open amount'],
      dateColumns: ['Date', 'Due date'],
    });
    expect(csv.problems).toEqual([]);
    expect(csv.records.find((r) => r.Number === 'EDGE/CN')).toMatchObject({ Type: 'credit note', 'Open amount': '-50.00' });
  });
});

describe('invoices', () => {
  it('totals the filtered set per currency, and the overdue filter holds only overdue open invoices', async () => {
    const ctx = portalContext(gateway, 'fionaA');
    const page = await listInvoices(ctx, invoiceListQuery.parse({ status: 'overdue', size: 100 }), NOW);
    expect(page.total).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.overdue && r.dueDate! < TEST_TODAY)).toBe(true);
    const all = await invoicesForExport(ctx, { status: 'overdue' }, 10_000, NOW);
    expect(all.some((r) => r.kind === 'credit')).toBe(false);
    const expected = all.reduce((sum, r) => sum + r.residual, 0);
    expect(page.totals[0]!.overdue).toBeCloseTo(expected, 2);
    expect(page.totals[0]!.openBalance).toBeCloseTo(expected, 2);
  });

  it('answers B’s invoice ids like missing ones for A, and refuses buyers', async () => {
    const [bInvoice] = await gateway.client().searchRead(
      'account.move',
      [
        ['partner_id', 'child_of', [SEED_IDS.customers.B]],
        ['state', '=', 'posted'],
      ],
      { fields: ['name'], limit: 1 },
    );
    const a = portalContext(gateway, 'fionaA');
    expect(await getInvoice(a, bInvoice!.id)).toBeNull();
    expect(await invoicePdfSource(a, bInvoice!.id)).toBeNull();
    expect(await invoicesForExport(a, { ids: [bInvoice!.id] }, 10)).toEqual([]);
    await expect(listInvoices(portalContext(gateway, 'bobA'), invoiceListQuery.parse({}))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('exports in the list’s order: the CSV of a list sorted by due date, latest first, reads as that list', async () => {
    const ctx = portalContext(gateway, 'fionaA');
    const query = invoiceListQuery.parse({ sort: 'due', dir: 'desc', size: 100 });
    const page = await listInvoices(ctx, query, NOW);
    const exported = await invoicesForExport(ctx, query, 10_000, NOW);
    expect(page.rows.length).toBeGreaterThan(2);
    expect(exported).toHaveLength(page.total);
    expect(exported.slice(0, page.rows.length).map((r) => r.id)).toEqual(page.rows.map((r) => r.id));
    const due = exported.map((r) => r.dueDate ?? '');
    expect(due).toEqual([...due].sort().reverse());
  });

  it('shows an Odoo 19 subsection as a heading across the lines, on the invoice and on its order', async () => {
    const ctx = portalContext(gateway, 'fionaA');
    const [row] = (await listInvoices(ctx, invoiceListQuery.parse({ type: 'invoice' }), NOW)).rows;
    const before = (await getInvoice(ctx, row!.id, NOW))!;
    const line = before.lines.find((l) => l.kind === 'product')!;
    const [raw] = await gateway.client().searchRead('account.move.line', [['id', '=', line.id]], { fields: ['sale_line_ids'] });
    const saleLine = (raw!.sale_line_ids as number[])[0]!;
    expect(saleLine).toBeGreaterThan(0); // the line bills an order line, shown on the order's page
    sim.store.update('account.move.line', line.id, { display_type: 'line_subsection', name: 'Workshop chairs' });
    sim.store.update('sale.order.line', saleLine, { display_type: 'line_subsection' });
    try {
      const after = (await getInvoice(ctx, row!.id, NOW))!;
      expect(after.lines.find((l) => l.id === line.id)).toMatchObject({ kind: 'section', description: 'Workshop chairs' });
      const [billed] = await gateway.client().searchRead('sale.order.line', [['id', '=', saleLine]], { fields: ['order_id'] });
      const order = (await getOrder(portalContext(gateway, 'bobA'), (billed!.order_id as [number, string])[0]))!;
      expect(order.lines.find((l) => l.id === saleLine)!.kind).toBe('section');
    } finally {
      sim.store.update('account.move.line', line.id, { display_type: 'product', name: line.description });
      sim.store.update('sale.order.line', saleLine, { display_type: false });
    }
  });

  it('never lists a draft invoice', async () => {
    const ctx = portalContext(gateway, 'fionaA');
    const rows = await invoicesForExport(ctx, {}, 10_000, NOW);
    expect(rows.some((r) => r.number === '/')).toBe(false);
  });
});

describe('credit notes', () => {
  it('are credits with one sign everywhere: negative, never overdue, available or applied', async () => {
    const odoo = gateway.client();
    const company = await odoo.create('res.partner', { name: 'Refund Ridge', is_company: true });
    const base = { state: 'posted', partner_id: company, commercial_partner_id: company, currency_id: 1 };
    const longAgo = addDays(TEST_TODAY, -120);
    const invoice = await odoo.create('account.move', {
      ...base,
      name: 'RR/INV',
      move_type: 'out_invoice',
      payment_state: 'not_paid',
      invoice_date: longAgo,
      invoice_date_due: addDays(longAgo, 30),
      amount_untaxed: 200,
      amount_tax: 0,
      amount_total: 200,
      amount_residual: 200,
    });
    // Due long ago and not used yet: still not overdue, it is the customer's money.
    const open = await odoo.create('account.move', {
      ...base,
      name: 'RR/CN-OPEN',
      move_type: 'out_refund',
      payment_state: 'not_paid',
      invoice_date: longAgo,
      invoice_date_due: longAgo,
      amount_untaxed: 50,
      amount_tax: 0,
      amount_total: 50,
      amount_residual: 50,
      reversed_entry_id: invoice,
    });
    const used = await odoo.create('account.move', {
      ...base,
      name: 'RR/CN-USED',
      move_type: 'out_refund',
      payment_state: 'paid',
      invoice_date: longAgo,
      invoice_date_due: longAgo,
      amount_untaxed: 30,
      amount_tax: 0,
      amount_total: 30,
      amount_residual: 0,
    });
    const ctx = portalContext(gateway, 'fionaA', { tenant: { id: company, name: 'Refund Ridge' } });

    const list = await listInvoices(ctx, invoiceListQuery.parse({}), NOW);
    const byNumber = new Map(list.rows.map((r) => [r.number, r]));
    expect(byNumber.get('RR/CN-OPEN')).toMatchObject({ kind: 'credit', total: -50, residual: -50, overdue: false, credit: 'available' });
    expect(byNumber.get('RR/CN-USED')).toMatchObject({ kind: 'credit', total: -30, residual: 0, overdue: false, credit: 'applied' });
    expect(byNumber.get('RR/INV')).toMatchObject({ kind: 'invoice', total: 200, overdue: true, credit: null });
    expect(list.totals).toEqual([{ currency: 'USD', count: 3, openBalance: 150, overdue: 200 }]);

    const overdue = await listInvoices(ctx, invoiceListQuery.parse({ status: 'overdue' }), NOW);
    expect(overdue.rows.map((r) => r.number)).toEqual(['RR/INV']);

    expect(await getInvoice(ctx, open, NOW)).toMatchObject({ total: -50, residual: -50, amountUntaxed: -50, amountTax: 0, overdue: false });
    expect((await getInvoice(ctx, used, NOW))?.credit).toBe('applied');

    const s = await statement(ctx, NOW);
    expect(s.lines.find((l) => l.number === 'RR/CN-OPEN')).toMatchObject({ balance: -50 });
    expect(s.aging[0]!.total).toBe(150);
    const statementCsv = readCsv(csvText(STATEMENT_CSV_COLUMNS, s.lines), { numberColumns: ['Days overdue', 'Open amount'] });
    expect(statementCsv.records.find((r) => r.Number === 'RR/CN-OPEN')).toMatchObject({ 'Open amount': '-50.00', 'Days overdue': '' });

    const items = await invoicesForExport(ctx, {}, 10, NOW);
    const zip = await unzip(await buffer(invoiceZip(ctx, items, 2)));
    const index = readCsv(zip.get('index.csv')!.toString('utf8'), { numberColumns: ['Total', 'Open amount'] });
    expect(index.records.find((r) => r.Number === 'RR/CN-OPEN')).toMatchObject({ Total: '-50.00', 'Open amount': '-50.00' });
    expect(index.records.find((r) => r.Number === 'RR/CN-USED')).toMatchObject({ Total: '-30.00', 'Open amount': '0.00' });
  });
});

describe('bulk ZIP', () => {
  it('holds one real PDF per invoice and an index, and lists a PDF that failed instead of dropping it', async () => {
    const ctx = portalContext(gateway, 'fionaA');
    const items = (await invoicesForExport(ctx, { type: 'invoice' }, 3, NOW)).slice(0, 3);
    const broken = { ...items[0]!, id: 999_999, number: 'INV/BROKEN', attachmentId: false as const };
    const zip = await buffer(invoiceZip(ctx, [...items, broken], 2));
    const entries = await unzip(zip);
    for (const item of items) {
      const pdf = entries.get(`${item.number.replace(/\//g, '-')}.pdf`);
      expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf!.toString('latin1')).toContain(item.number);
    }
    const index = entries.get('index.csv')!.toString('utf8');
    expect(index.split(/\r?\n/).filter(Boolean)).toHaveLength(items.length + 2);
    expect(readCsv(index).records.find((r) => r.Number === 'INV/BROKEN')?.Status).toMatch(/^failed: /);
    expect(entries.has('INV-BROKEN.pdf')).toBe(false);
  });

  it('writes an index no spreadsheet runs, whatever its delimiter, with amounts as numbers', async () => {
    const ctx = portalContext(gateway, 'fionaA');
    const [item] = await invoicesForExport(ctx, { type: 'invoice' }, 1, NOW);
    const hostile = { ...item!, id: 999_998, number: `x;=cmd|' /C calc'!A0`, attachmentId: false as const, residual: -12.5 };
    const entries = await unzip(await buffer(invoiceZip(ctx, [item!, hostile], 2)));
    const index = readCsv(entries.get('index.csv')!.toString('utf8'), {
      numberColumns: ['Total', 'Open amount'],
      dateColumns: ['Date', 'Due date'],
    });
    expect(index.problems).toEqual([]);
    expect(index.records.map((r) => r.Number)).toEqual([item!.number, `x;=cmd|' /C calc'!A0`]);
    expect(index.records[1]).toMatchObject({ 'Open amount': '-12.50', File: '' });
  });

  it('stops asking Odoo for PDFs once the client has gone away', async () => {
    const ctx = portalContext(gateway, 'fionaA');
    const items = (await invoicesForExport(ctx, { type: 'invoice' }, 60, NOW)).slice(0, 60);
    expect(items).toHaveLength(60);
    sim.setFaults({ pdfDelayMs: 10 });
    try {
      const zip = invoiceZip(ctx, items, 4);
      await new Promise((resolve) => zip.once('data', resolve));
      zip.destroy(); // the browser closed the download
      await new Promise((resolve) => setTimeout(resolve, 200));
      const settled = sim.stats.requests;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sim.stats.requests).toBe(settled);
      expect(sim.stats.byRoute.get('/my/invoices/:id') ?? 0).toBeLessThan(items.length);
    } finally {
      sim.resetFaults();
    }
  });
});
