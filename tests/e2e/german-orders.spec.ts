import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, expectFitsPhone, signIn } from './helpers';

/** A Kestrel buyer: Kestrel's contacts have German as their Odoo language (de_DE) in the seed. */
const BRUNO = 'bruno@kestrel.example';

/** An amount in German: comma decimals, the euro sign after it ("1.234,56 €", with a no-break space). */
const EURO = /\d+,\d{2}\s€/;

/** A date in German: "3. März 2026", "12. Jan. 2026". */
const GERMAN_DATE = /\d{1,2}\. \S+ \d{4}/;

/** The page's checks at a desktop and a phone width, each with axe. */
async function atBothWidths(page: Page, check: () => Promise<void>) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await check();
  await expectAccessible(page);
  await expectFitsPhone(page);
  await check();
  await expectAccessible(page);
}

/** Text of the main content that the reader sees at this width. */
function visibleText(page: Page, text: RegExp | string) {
  return page.getByRole('main').getByText(text).filter({ visible: true }).first();
}

test('a German buyer reads the orders, an order and the deliveries in German, amounts and dates German too', async ({ page }) => {
  // Five pages at two widths, each with axe: on a busy two-core machine that takes a while.
  test.setTimeout(180_000);
  await signIn(page, BRUNO, '/orders');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');

  // The orders list.
  await atBothWidths(page, async () => {
    await expect(page.getByRole('heading', { level: 1, name: 'Bestellungen' })).toBeVisible();
    await expect(page.getByRole('search', { name: 'Bestellungen filtern' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Status' }).locator('option:checked')).toHaveText('Alle');
    await expect(visibleText(page, EURO)).toBeVisible();
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  const orders = page.getByRole('table', { name: 'Ihre Bestellungen' });
  await expect(orders.getByRole('columnheader', { name: /Gesamt/ })).toBeVisible();
  await expect(orders.getByRole('columnheader', { name: /Wunschtermin/ })).toBeVisible();
  const firstOrder = orders.locator('tbody tr').first().getByRole('link').first();
  const number = (await firstOrder.textContent())!.trim();

  // One order.
  await firstOrder.click();
  await expect(page.getByRole('heading', { level: 1, name: `Bestellung ${number}` })).toBeVisible();
  await atBothWidths(page, async () => {
    await expect(page.getByRole('heading', { level: 1, name: `Bestellung ${number}` })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Positionen' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Lieferungen und Rechnungen' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText(/aufgegeben am \d{1,2}\. \S+ \d{4}/);
    await expect(visibleText(page, EURO)).toBeVisible();
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  const lines = page.getByRole('table', { name: `Positionen der Bestellung ${number}: bestellte, gelieferte und berechnete Mengen` });
  await expect(lines.getByRole('columnheader', { name: 'Einzelpreis' })).toBeVisible();
  await expect(lines.locator('tbody')).toContainText(EURO);
  // Every amount the German way ("1.234,56 €"), never the English way round ("€1,234.56").
  const amounts = (await lines.locator('tbody td').allTextContents()).filter((cell) => cell.includes('€'));
  expect(amounts.length).toBeGreaterThan(0);
  for (const amount of amounts) expect(amount).toMatch(/^\d{1,3}(\.\d{3})*,\d{2}\s€/);

  // The deliveries list.
  await page.goto('/deliveries');
  await atBothWidths(page, async () => {
    await expect(page.getByRole('heading', { level: 1, name: 'Lieferungen' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Lieferstatus' }).getByRole('link', { name: 'Alle' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    const deliveries = page.getByRole('list', { name: 'Lieferungen' });
    await expect(deliveries.getByRole('listitem').first()).toContainText(/(Versandt am|Geplant für) /);
    await expect(deliveries.getByRole('listitem').first()).toContainText(GERMAN_DATE);
  });
});
