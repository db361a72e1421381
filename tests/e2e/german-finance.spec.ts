import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, odooCall, signIn } from './helpers';

/**
 * A German customer's finance person reads the money pages in German: Frieda of Kestrel,
 * whose contact's language in Odoo is de_DE. Headings come from the de catalogues, amounts
 * read the German way (thousands with a dot, decimals with a comma, the sign after them),
 * at a desktop width and on a 375 px phone, with no serious axe-core violation.
 */
const FRIEDA = 'frieda@kestrel.example';
const KESTREL = 11;
/** An amount in euros as de-DE writes it: "1.234,56 €" (the gap is a no-break space). */
const EURO = /\d{1,3}(\.\d{3})*,\d{2}\s€/;
/** The account's credit is in the seller company's currency (US$), written the German way too. */
const DOLLAR = /\d{1,3}(\.\d{3})*,\d{2}\s\$/;

async function kestrelInvoice() {
  const [invoice] = await odooCall<{ id: number; name: string }[]>('account.move', 'search_read', {
    domain: [
      ['partner_id', 'child_of', [KESTREL]],
      ['state', '=', 'posted'],
      ['move_type', '=', 'out_invoice'],
    ],
    fields: ['id', 'name'],
    limit: 1,
    order: 'id',
  });
  return invoice!;
}

async function fits(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const width of [1280, 375]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('a German finance contact reads invoices, an invoice, the statement and the account in German', async ({ page }) => {
      test.setTimeout(120_000);
      const invoice = await kestrelInvoice();
      await signIn(page, FRIEDA, '/invoices');
      await expect(page.locator('html')).toHaveAttribute('lang', 'de');

      // The invoice list: heading, filters, totals in euros.
      await expect(page.getByRole('heading', { level: 1, name: 'Rechnungen' })).toBeVisible();
      await expect(page.getByRole('search', { name: 'Rechnungen filtern' })).toBeVisible();
      const totals = page.getByRole('region', { name: 'Summen der gefilterten Rechnungen' });
      await expect(totals).toContainText('Offener Betrag');
      await expect(totals).toContainText(EURO);
      await expect(page.getByRole('main')).toContainText('Überfällig');
      if (width > 640) {
        const table = page.getByRole('table', { name: 'Rechnungen und Gutschriften' });
        await expect(table.getByRole('columnheader', { name: 'Offener Betrag' })).toBeVisible();
        await expect(table.locator('tbody tr').first()).toContainText(EURO);
      }
      await expectAccessible(page);
      await fits(page);

      // A filter given twice in the address is refused in German too.
      if (width > 640) {
        await page.goto('/invoices?sort=date&sort=total');
        await expect(page.getByRole('main')).toContainText('„sort“ ist mehr als einmal angegeben.');
      }

      // One invoice: its title, dates and what is due.
      await page.goto(`/invoices/${invoice.id}`);
      await expect(page.getByRole('heading', { level: 1, name: `Rechnung ${invoice.name}` })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Termine' })).toContainText('Fällig am');
      await expect(page.getByRole('heading', { level: 2, name: 'Positionen' })).toBeVisible();
      await expect(page.getByRole('main')).toContainText('Offener Betrag');
      await expect(page.getByRole('main')).toContainText(EURO);
      await expect(page.getByRole('link', { name: 'PDF herunterladen' })).toBeVisible();
      await expectAccessible(page);
      await fits(page);

      // The statement of account: aging per currency and the open items.
      await page.goto('/statement');
      await expect(page.getByRole('heading', { level: 1, name: 'Kontoauszug' })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: 'Fälligkeitsstruktur in EUR' })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: 'Offene Posten' })).toBeVisible();
      await expect(page.getByRole('main')).toContainText(EURO);
      await expectAccessible(page);
      await fits(page);

      // The account: company details and the credit, in German.
      await page.goto('/account');
      await expect(page.getByRole('heading', { level: 1, name: 'Konto' })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Konto' }).getByRole('link', { name: 'Lieferadressen' })).toBeVisible();
      await expect(page.getByRole('main')).toContainText('Zahlungsbedingungen');
      await expect(page.getByRole('region', { name: 'Ihre Daten' })).toBeVisible();
      const credit = page.getByRole('region', { name: 'Kreditrahmen' });
      await expect(credit).toContainText('Kreditlimit (USD)');
      await expect(credit).toContainText(DOLLAR);
      await expectAccessible(page);
      await fits(page);
    });
  });
}
