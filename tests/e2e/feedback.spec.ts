import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, expectFitsPhone, signIn } from './helpers';

const ALICE = 'alice@brightline.example';

/** The page's toasts: the polite live region's message and the error alert's, whichever is shown. */
function toasts(page: Page) {
  return page.locator('[data-toast]');
}

async function addAddress(page: Page, name: string, street = '12 Harbour Way') {
  const form = page.getByRole('form', { name: 'New delivery address' });
  await form.getByLabel('Name (e.g. Warehouse North)').fill(name);
  await form.getByLabel('Street', { exact: true }).fill(street);
  await form.getByLabel('Postcode').fill('98402');
  await form.getByLabel('City').fill('Tacoma');
  await form.getByLabel('Country').selectOption('US');
  await form.getByRole('button', { name: 'Add address' }).click();
}

/** Archives an address through its button and the confirmation dialog. */
async function archiveAddress(page: Page, name: string) {
  await page.getByRole('button', { name: `Archive ${name}` }).click();
  await page
    .getByRole('dialog', { name: `Archive the address ${name}?` })
    .getByRole('button', { name: 'Archive address' })
    .click();
}

test('an action’s result is a toast that the next one replaces, and archiving an address asks first', async ({ page }) => {
  test.setTimeout(120_000); // two additions, two archives and a toast that hides by itself
  await signIn(page, ALICE, '/account/addresses');
  const stamp = Date.now();
  const name = `Tacoma Store ${stamp}`;
  const other = `Olympia Depot ${stamp}`;
  await addAddress(page, name);
  const item = page.getByRole('list', { name: 'Delivery addresses' }).getByRole('listitem').filter({ hasText: name });
  await expect(item).toHaveCount(1);
  const status = page.getByRole('status').filter({ hasText: 'Address added.' });
  await expect(status).toBeVisible();
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expect(toasts(page)).toHaveCount(1);

  // The dialog names what will happen, starts on Cancel, and is accessible.
  const archive = page.getByRole('button', { name: `Archive ${name}` });
  await archive.click();
  const dialog = page.getByRole('dialog', { name: `Archive the address ${name}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('no longer be offered for new orders');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectAccessible(page);
  await expectFitsPhone(page);
  await expect(dialog).toBeInViewport({ ratio: 1 });

  // Escape cancels: the dialog closes, focus is back on the button, the address stays.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(archive).toBeFocused();
  // Cancel (chosen by keyboard) also sends nothing.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(archive).toBeFocused();
  await page.reload();
  await expect(item).toHaveCount(1);

  // Confirmed, it is archived and its toast replaces the older one: one toast on screen.
  await addAddress(page, other);
  await expect(page.getByRole('status').filter({ hasText: 'Address added.' })).toBeVisible();
  await archive.click();
  await dialog.getByRole('button', { name: 'Archive address' }).click();
  await expect(item).toHaveCount(0);
  // Its item gone, the keyboard's focus is on the list's heading, not back at the top of the page.
  await expect(page.getByRole('heading', { name: 'Delivery addresses' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Address archived.' })).toBeVisible();
  await expect(page.getByText('Address added.')).toHaveCount(0);
  await expect(toasts(page)).toHaveCount(1);

  // The toast's button dismisses it; a success hides by itself after a few seconds.
  await page.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(toasts(page)).toHaveCount(0);
  await archiveAddress(page, other);
  await expect(page.getByText('Address archived.')).toBeVisible();
  await expect(page.getByText('Address archived.')).toHaveCount(0, { timeout: 10_000 });
});

test('a toast is dismissed by Escape, and deactivating a contact needs confirming', async ({ page }) => {
  await signIn(page, ALICE, '/account/contacts');
  const form = page.getByRole('form', { name: 'Invite a colleague' });
  const name = `Omar ${Date.now()}`;
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Work email').fill(`omar.${Date.now()}@brightline.example`);
  await form.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Colleague added.' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(toasts(page)).toHaveCount(0);

  const item = page.getByRole('listitem').filter({ hasText: name });
  const deactivate = item.getByRole('button', { name: `Deactivate ${name}` });
  await deactivate.click();
  const dialog = page.getByRole('dialog', { name: `Deactivate ${name}?` });
  await expect(dialog).toContainText('no longer be able to sign in');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(deactivate).toBeFocused();
  await page.reload();
  await expect(item).not.toContainText('Deactivated');

  await deactivate.click();
  await dialog.getByRole('button', { name: 'Deactivate contact' }).click();
  await expect(item).toContainText('Deactivated');
  // The button pressed is gone; the keyboard's focus is on the one that took its place.
  await expect(item.getByRole('button', { name: `Reactivate ${name}` })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Contact deactivated.' })).toBeVisible();
  await expect(toasts(page)).toHaveCount(1);
  await expectAccessible(page);
  await expectFitsPhone(page);
});

test('a contact the admin deactivates loses access at their next request, and has it again once reactivated', async ({ page, browser }) => {
  const elsewhere = await browser.newContext();
  const victor = await elsewhere.newPage();
  await signIn(victor, 'victor@brightline.example', '/orders');
  await expect(victor.getByRole('heading', { name: 'Orders', level: 1 })).toBeVisible();

  await signIn(page, ALICE, '/account/contacts');
  const item = page.getByRole('listitem').filter({ hasText: 'victor@brightline.example' });
  await item.getByRole('button', { name: 'Deactivate Victor Viewer' }).click();
  await page.getByRole('dialog', { name: 'Deactivate Victor Viewer?' }).getByRole('button', { name: 'Deactivate contact' }).click();
  await expect(item).toContainText('Deactivated');
  try {
    // Victor's session is still open: the very next page finds the contact archived.
    await victor.goto('/orders');
    await expect(victor).toHaveURL(/\/not-linked$/);
    expect((await victor.request.get('/api/me')).status()).toBe(403);
  } finally {
    await item.getByRole('button', { name: 'Reactivate Victor Viewer' }).click();
    await expect(item).not.toContainText('Deactivated');
  }
  await victor.goto('/orders');
  await expect(victor.getByRole('heading', { name: 'Orders', level: 1 })).toBeVisible();
  await elsewhere.close();

  // The staff trail names the contact and the customer, not their ids.
  const staff = await browser.newContext();
  const sofia = await staff.newPage();
  await signIn(sofia, 'sofia.support@northwind.example', '/support/audit?action=contact.deactivate');
  await expect(
    sofia
      .getByRole('list', { name: /Audit events/ })
      .getByRole('listitem')
      .first(),
  ).toContainText(/Alice .* · Deactivated a contact · contact Victor Viewer.*customer Brightline Hardware Ltd \(#10\)/);
  await staff.close();
});

test('an address whose name and street are one long word still fits a 375 px phone, here and in the staff trail', async ({
  page,
  browser,
}) => {
  await signIn(page, ALICE, '/account/addresses');
  const name = `LongStreet${Date.now()}${'W'.repeat(100)}`;
  await addAddress(page, name, `Industriestrassenverlaengerung${'X'.repeat(90)}`);
  const item = page.getByRole('list', { name: 'Delivery addresses' }).getByRole('listitem').filter({ hasText: name });
  await expect(item).toHaveCount(1);
  // The button kept the keyboard's focus while the form was sent (it is never `disabled`).
  await expect(page.getByRole('form', { name: 'New delivery address' }).getByRole('button', { name: 'Add address' })).toBeFocused();
  await expectFitsPhone(page);
  // The staff trail names the address: its line wraps on a phone too.
  const staff = await browser.newContext();
  const sofia = await staff.newPage();
  await signIn(sofia, 'sofia.support@northwind.example', '/support/audit?action=address.create');
  await expect(
    sofia
      .getByRole('list', { name: /Audit events/ })
      .getByRole('listitem')
      .first(),
  ).toContainText(name);
  await expectFitsPhone(sofia);
  await staff.close();
  // Archived again, so the other tests' address lists stay as seeded.
  await archiveAddress(page, name);
  await expect(item).toHaveCount(0);
});
