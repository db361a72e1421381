import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, expectFitsPhone, odooCall, signIn } from './helpers';

const BOB = 'bob@brightline.example';

/** A quotation the seller sends Brightline (Bob's company) in Odoo: two of product 1, valid for years. */
async function sentQuotation(values: Record<string, unknown> = {}): Promise<{ id: number; name: string }> {
  const [bob] = await odooCall<{ id: number }[]>('res.partner', 'search_read', { domain: [['email', '=', BOB]], fields: ['id'] });
  const [id] = await odooCall<number[]>('sale.order', 'create', {
    vals_list: [{ partner_id: bob!.id, order_line: [[0, 0, { product_id: 1, product_uom_qty: 2 }]] }],
  });
  await odooCall('sale.order', 'write', {
    ids: [id],
    vals: { state: 'sent', validity_date: '2099-12-31', require_payment: false, ...values },
  });
  const [order] = await odooCall<{ name: string }[]>('sale.order', 'read', { ids: [id], fields: ['name'] });
  return { id: id!, name: order!.name };
}

const stateInOdoo = async (id: number) =>
  (await odooCall<{ state: string }[]>('sale.order', 'read', { ids: [id], fields: ['state'] }))[0]!.state;

async function openConfirmDialog(page: Page, name: string) {
  await page.getByRole('button', { name: 'Confirm order' }).click();
  const dialog = page.getByRole('dialog', { name: `Confirm quotation ${name}?` });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('a buyer finds a quotation waiting for them from the home page and confirms it', async ({ page }) => {
  const q = await sentQuotation();
  await signIn(page, BOB, '/');
  const waiting = page.getByRole('region', { name: /^Quotations to confirm \(\d+\)$/ });
  await waiting.getByRole('link', { name: /^All quotations to confirm/ }).click();
  await expect(page).toHaveURL(/state=to-confirm/);
  await page.getByRole('table', { name: 'Your orders' }).getByRole('link', { name: q.name }).click();
  await expect(page.getByRole('heading', { name: `Order ${q.name}`, level: 1 })).toBeVisible();
  await expect(page.getByText('Waiting for your confirmation')).toBeVisible();
  await expectAccessible(page);

  // Asking first, with the safe choice focused; Escape sends nothing.
  let dialog = await openConfirmDialog(page, q.name);
  await expect(dialog).toContainText(`This places order ${q.name} for`);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await stateInOdoo(q.id)).toBe('sent');

  dialog = await openConfirmDialog(page, q.name);
  await dialog.getByRole('button', { name: 'Confirm order' }).click();
  await expect(page.getByText(`Order ${q.name} is confirmed.`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 }).locator('..')).toContainText('Confirmed');
  await expect(page.getByRole('button', { name: 'Confirm order' })).toHaveCount(0);
  // The button left with the form: the focus is on the page's heading, not lost to the page.
  await expect(page.getByRole('heading', { name: `Order ${q.name}`, level: 1 })).toBeFocused();
  await expect(page.getByText('Waiting for your confirmation')).toHaveCount(0);
  expect(await stateInOdoo(q.id)).toBe('sale');
  // Its delivery is there at once.
  await expect(page.getByRole('region', { name: 'Deliveries and invoices' })).toContainText('Delivery');
});

test('a quotation the seller changed after the page opened is not confirmed unseen', async ({ page }) => {
  const q = await sentQuotation();
  await signIn(page, BOB, `/orders/${q.id}`);
  await expect(page.getByRole('button', { name: 'Confirm order' })).toBeVisible();
  // Odoo's write_date is to the second: the seller's change comes in a later second than the page's read.
  await page.waitForTimeout(1100);
  await odooCall('sale.order', 'write', { ids: [q.id], vals: { order_line: [[0, 0, { product_id: 2, product_uom_qty: 5 }]] } });
  const dialog = await openConfirmDialog(page, q.name);
  await dialog.getByRole('button', { name: 'Confirm order' }).click();
  await expect(page.getByText(`Quotation ${q.name} changed since you opened it. Check it again, then confirm.`)).toBeVisible();
  expect(await stateInOdoo(q.id)).toBe('sent');
  // The page now shows the changed quotation, without a reload, and confirming it goes through.
  await expect(page.getByRole('table', { name: /^Lines of order/ }).locator('tbody tr')).toHaveCount(2);
  await (await openConfirmDialog(page, q.name)).getByRole('button', { name: 'Confirm order' }).click();
  await expect(page.getByText(`Order ${q.name} is confirmed.`)).toBeVisible();
  expect(await stateInOdoo(q.id)).toBe('sale');
});

test('quotations the customer cannot confirm say why, and a viewer is pointed to a colleague', async ({ page }) => {
  const draft = await sentQuotation({ state: 'draft' });
  const expired = await sentQuotation({ validity_date: '2020-01-31' });
  const prepaid = await sentQuotation({ require_payment: true });
  const ready = await sentQuotation();
  await signIn(page, BOB, `/orders/${draft.id}`);
  await expect(page.getByText('Our team has not sent this quotation for your confirmation yet.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Confirm order' })).toHaveCount(0);
  await page.goto(`/orders/${expired.id}`);
  await expect(page.getByText(/This quotation expired on .*2020/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Confirm order' })).toHaveCount(0);
  await page.goto(`/orders/${prepaid.id}`);
  await expect(page.getByText(/asks for an online payment/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Confirm order' })).toHaveCount(0);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`/orders/${ready.id}`);
  await expectFitsPhone(page);
  await expectAccessible(page);

  await page.context().clearCookies();
  await signIn(page, 'victor@brightline.example', `/orders/${ready.id}`);
  await expect(page.getByText('Someone at your company who places orders can confirm it.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Confirm order' })).toHaveCount(0);
});
