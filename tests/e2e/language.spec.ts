import { expect, test } from '@playwright/test';
import { expectAccessible, expectFitsPhone, odooCall, signIn } from './helpers';

/**
 * The portal's language and brand, as customers meet them: a contact's Odoo language picks
 * the words and the number formats, the header menu writes a new choice back to Odoo, and
 * the seller's configured name, logo and colour frame every page (playwright.config.ts sets
 * them, so every axe check in the suite runs on the configured colour).
 */
const INGRID = 'ingrid@nordlys.example';
const INGRID_CONTACT = 50;

async function contactLang(id: number): Promise<string> {
  const [row] = await odooCall<{ lang: string }[]>('res.partner', 'read', { ids: [id], fields: ['lang'] });
  return row!.lang;
}

test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  // Ingrid's language as seeded, whatever a failed run left behind.
  await odooCall('res.partner', 'write', { ids: [INGRID_CONTACT], vals: { lang: 'nb_NO' } });
});

test('a contact whose Odoo language has no catalogue reads English; choosing German writes it to Odoo and the pages follow', async ({
  page,
}) => {
  await signIn(page, INGRID);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' })).toBeVisible();

  await page.getByLabel('Language').selectOption('de');
  await page.getByRole('button', { name: 'Change' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  const nav = page.getByRole('navigation', { name: 'Hauptmenü' });
  await expect(nav.getByRole('link', { name: 'Bestellungen' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Braucht Ihre Aufmerksamkeit' })).toBeVisible();
  expect(await contactLang(INGRID_CONTACT)).toBe('de_DE');
  await expectAccessible(page);

  // A later page, loaded afresh, still speaks German: the choice lives on the contact, not in the browser.
  await page.goto('/orders');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByLabel('Sprache')).toHaveValue('de');
  await expectFitsPhone(page);

  await page.getByLabel('Sprache').selectOption('en');
  await page.getByRole('button', { name: 'Ändern' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await contactLang(INGRID_CONTACT)).toBe('en_US');
});

test('the language menu works by keyboard alone', async ({ page }) => {
  await signIn(page, INGRID);
  const menu = page.getByLabel('Language');
  await menu.focus();
  await page.keyboard.press('ArrowDown'); // English → Deutsch
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Change' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.getByLabel('Sprache').selectOption('en');
  await page.getByRole('button', { name: 'Ändern' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('a German customer sees German words, dates and amounts', async ({ page }) => {
  await signIn(page, 'frieda@kestrel.example');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('heading', { name: 'Braucht Ihre Aufmerksamkeit' })).toBeVisible();
  // German amounts: thousands with a dot, decimals with a comma, the euro sign after.
  await expect(page.getByRole('list', { name: 'Auf einen Blick' })).toContainText(/\d{1,3}(\.\d{3})*,\d{2}\s€/);
  await expectAccessible(page);
  await expectFitsPhone(page);
  // A filter the address gets wrong is named and explained in German too.
  await page.goto('/invoices?from=gestern');
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('Diese Filter sind nicht gültig');
  await expect(alert).toContainText('Von: Verwenden Sie ein Datum wie 2026-01-31.');
});

test('a German buyer finds products by the names the seller gave them in German', async ({ page }) => {
  await signIn(page, 'bruno@kestrel.example', '/orders/new');
  await page.getByRole('main').getByRole('combobox').fill('FAS-1001');
  await expect(page.getByRole('main').getByRole('option').first()).toContainText('Sechskantschraube M8x40');
  // Each line's problem in German too, with its values.
  await page.getByLabel(/Ein Produkt pro Zeile/).fill('FAS-1001 3\nNOPE-9999 2\nHTL-1002 x');
  await page.getByRole('button', { name: 'Zeilen prüfen' }).click();
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('Unbekannte Artikelnummer „NOPE-9999“.');
  await expect(alert).toContainText('„x“ ist keine Menge: Schreiben Sie eine Zahl über 0, etwa 12 oder 2,5.');
});

test('before sign-in the page follows the browser’s language', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto('/signin');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('heading', { name: 'Northwind Supply Kundenportal' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Anmelden mit/ })).toBeVisible();
  await expectAccessible(page);
  await context.close();
});

test('the seller’s configured name, logo and colour frame the pages', async ({ page }) => {
  await page.goto('/signin');
  await expect(page.getByRole('img', { name: 'Northwind Supply' })).toHaveAttribute('src', '/icon.svg');
  const button = page.getByRole('button', { name: /^Sign in with/ });
  await expect(button).toHaveCSS('background-color', 'rgb(15, 118, 110)');
  await signIn(page, 'bob@brightline.example');
  await expect(page.getByRole('link', { name: 'Northwind Supply portal' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' })).toHaveCSS(
    'background-color',
    'rgb(15, 118, 110)',
  );
  await expect(page).toHaveTitle(/Northwind Supply customer portal/);
});
