import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { signIn } from '../e2e/helpers';
import { unzip } from '../helpers/unzip';
import { CUSTOMER, companyId, searchRead, type Row } from './odoo';

/**
 * Finance's journeys on a real Odoo: the customer's posted invoices (../shared/real-odoo:
 * from S00021 paid, S00022 partly paid, S00007 open), Odoo's own PDFs rendered by
 * wkhtmltopdf, a ZIP of several and the statement.
 */
const FIONA = 'fiona@brightline.example';

let customerId: number;
type Invoice = Row & { name: string; invoice_origin: string | false; payment_state: string; amount_residual: number };
let invoices: Invoice[];

test.beforeAll(async () => {
  customerId = await companyId(CUSTOMER);
  invoices = await searchRead<Invoice>(
    'account.move',
    [
      ['partner_id', 'child_of', customerId],
      ['move_type', '=', 'out_invoice'],
      ['state', '=', 'posted'],
    ],
    ['name', 'invoice_origin', 'payment_state', 'amount_residual'],
    { order: 'id' },
  );
  expect(invoices.length).toBeGreaterThanOrEqual(3);
});

test("finance lists the invoices, opens one with its amount due and order, and downloads Odoo's PDF", async ({ page }) => {
  await signIn(page, FIONA, '/invoices');
  const table = page.getByRole('table', { name: 'Invoices and credit notes' });
  for (const inv of invoices.slice(0, 3)) await expect(table).toContainText(String(inv.name));
  const partial = invoices.find((i) => i.payment_state === 'partial') ?? invoices[0]!;
  await page.goto(`/invoices/${partial.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Invoice ${partial.name}` })).toBeVisible();
  await expect(page.getByText('Amount due')).toBeVisible();
  if (partial.invoice_origin) await expect(page.getByRole('region', { name: 'Related' })).toContainText(partial.invoice_origin);

  const res = await page.request.get(`/invoices/${partial.id}/pdf`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  expect(res.headers()['content-disposition']).toContain(`${String(partial.name).replace(/\//g, '-')}.pdf`);
  const pdf = await res.body();
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  // Odoo's report with its fonts and layout: tens of kB at least, unlike a stub.
  expect(pdf.length).toBeGreaterThan(10_000);
  console.log(`invoice ${partial.name}: Odoo's PDF is ${pdf.length} bytes`);
});

test('finance downloads a ZIP of three invoices with their PDFs and an index, and the statement', async ({ page }) => {
  await signIn(page, FIONA, '/invoices');
  const chosen = invoices.slice(0, 3);
  const res = await page.request.get(`/invoices/bulk?ids=${chosen.map((i) => i.id).join(',')}`);
  expect(res.status()).toBe(200);
  const entries = await unzip(await res.body());
  for (const inv of chosen)
    expect(
      entries
        .get(`${String(inv.name).replace(/\//g, '-')}.pdf`)
        ?.subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  const index = entries.get('index.csv')!.toString('utf8');
  for (const inv of chosen) expect(index).toContain(`"${inv.name}","invoice"`);

  await page.goto('/statement');
  await expect(page.getByRole('heading', { name: /Aging in / }).first()).toBeVisible();
  const open = invoices.filter((i) => Number(i.amount_residual) > 0);
  for (const inv of open) await expect(page.getByRole('main')).toContainText(String(inv.name));
  const statementPdf = await page.request.get('/statement/pdf');
  expect(statementPdf.headers()['content-type']).toBe('application/pdf');
  expect((await statementPdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  // The ZIP through the page as a person clicks it.
  await page.goto('/invoices?type=invoice');
  const rows = page.getByRole('table', { name: 'Invoices and credit notes' }).locator('tbody tr');
  await rows.nth(0).getByRole('checkbox').check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download selected as ZIP (1)' }).click(),
  ]);
  const single = await unzip(await readFile(await download.path()));
  expect([...single.keys()].filter((k) => k.endsWith('.pdf'))).toHaveLength(1);
});

test("another company's invoice and its PDF answer 404, as a missing one does", async ({ page }) => {
  const [other] = await searchRead(
    'account.move',
    [
      ['commercial_partner_id', '!=', customerId],
      ['move_type', '=', 'out_invoice'],
      ['state', '=', 'posted'],
    ],
    ['name'],
    { limit: 1 },
  );
  await signIn(page, FIONA, '/invoices');
  expect((await page.goto(`/invoices/${other!.id}`))!.status()).toBe(404);
  const pdf = await page.request.get(`/invoices/${other!.id}/pdf`);
  expect(pdf.status()).toBe(404);
  expect((await pdf.json()).error.code).toBe('not_found');
  // A ZIP of it holds nothing, exactly as for an id that does not exist.
  const [zip, missingZip] = await Promise.all([
    page.request.get(`/invoices/bulk?ids=${other!.id}`),
    page.request.get('/invoices/bulk?ids=999999999'),
  ]);
  expect(zip.status()).toBe(400);
  expect((await zip.json()).error).toMatchObject({
    code: (await missingZip.json()).error.code,
    message: 'No invoices match this selection.',
  });
  expect((await page.goto('/invoices/999999999'))!.status()).toBe(404);
});
