import { expect, test } from '@playwright/test';
import { signIn } from '../e2e/helpers';
import { CUSTOMER, companyId, OTHER_CUSTOMER, m2oId, one, searchRead } from './odoo';

/**
 * The account manager on a real Odoo: an internal user who is the customer's salesperson
 * (odoo:prepare --dev-data), acting for a contact with a reason; the notes the portal posts
 * in Odoo's chatter are read back from Odoo.
 */
const MIA = 'mia.manager@northwind.example';

test("an account manager acts for a buyer, places an order on their behalf, stops, and Odoo's chatter holds both notes", async ({
  page,
}) => {
  const customerId = await companyId(CUSTOMER);
  const otherId = await companyId(OTHER_CUSTOMER);
  const bob = await one(
    'res.partner',
    [
      ['email', '=', 'bob@brightline.example'],
      ['parent_id', '=', customerId],
    ],
    ['id'],
  );
  const reason = `Customer called about a reorder ${Date.now()}`;

  await signIn(page, MIA, '/');
  await expect(page).toHaveURL(/\/support$/);
  await page.getByLabel(/Name, customer number/).fill(CUSTOMER.split(' ')[0]!);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('list', { name: 'Customers' }).getByRole('link', { name: CUSTOMER }).click();
  await expect(page.getByRole('heading', { level: 1, name: CUSTOMER })).toBeVisible();
  await page.getByRole('combobox', { name: 'Act as' }).selectOption({ label: 'Bob Buyer (bob@brightline.example)' });
  await page.getByLabel(/^Reason/).fill(reason);
  await page.getByRole('button', { name: 'Start acting' }).click();
  const banner = page.getByRole('region', { name: 'Support session' });
  await expect(banner).toContainText(`you are acting for Bob Buyer at ${CUSTOMER}`);

  // The session's note, in the customer's chatter in Odoo.
  const started = await searchRead(
    'mail.message',
    [
      ['model', '=', 'res.partner'],
      ['res_id', '=', customerId],
      ['body', 'ilike', reason],
    ],
    ['body'],
  );
  expect(started).toHaveLength(1);
  expect(started[0]!.body).toContain('Mia Manager started a support session acting for Bob Buyer');

  await banner.getByRole('button', { name: 'Allow changes on their behalf' }).click();
  await expect(banner).toContainText('changes allowed');
  const [product] = await searchRead(
    'product.product',
    [
      ['sale_ok', '=', true],
      ['default_code', '!=', false],
      ['type', '!=', 'service'],
    ],
    ['default_code'],
    { limit: 1 },
  );
  await page.goto('/orders/new');
  await page.getByLabel(/One product per line/).fill(`${String(product!.default_code)} 2`);
  await page.getByRole('button', { name: 'Check lines' }).click();
  const po = `PO-ON-BEHALF-${Date.now()}`;
  await page.getByLabel('Your PO reference').fill(po);
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByText(/was placed/)).toBeVisible();
  const orderId = Number(new URL(page.url()).pathname.split('/').pop());
  const order = await one('sale.order', [['id', '=', orderId]], ['partner_id', 'client_order_ref', 'state']);
  expect(order).toMatchObject({ client_order_ref: po, state: 'sale' });
  expect(m2oId(order.partner_id)).toBe(bob.id);
  const notes = await searchRead(
    'mail.message',
    [
      ['model', '=', 'sale.order'],
      ['res_id', '=', orderId],
      ['body', 'ilike', 'on behalf of'],
    ],
    ['body'],
  );
  expect(notes.map((m) => m.body).join('\n')).toContain('Mia Manager');
  expect(notes.map((m) => m.body).join('\n')).toContain(reason);

  await banner.getByRole('button', { name: 'Stop acting' }).click();
  await page
    .getByRole('dialog', { name: /^Stop acting for / })
    .getByRole('button', { name: 'Stop acting' })
    .click();
  await expect(page).toHaveURL(/\/support$/);
  await page.goto('/orders');
  await expect(page).toHaveURL(/\/support$/);
  // A customer whose salesperson is someone else answers as one that does not exist.
  expect((await page.goto(`/support/customers/${otherId}`))!.status()).toBe(404);
});

test("a support admin's customer search lists customers, never one of the seller's own companies", async ({ page }) => {
  // Odoo's demo data has several companies of the seller; the portal's Odoo user works in one of them.
  const sellerNames = await searchRead('res.partner', [['ref_company_ids', '!=', false]], ['name']);
  expect(sellerNames.length).toBeGreaterThan(1);
  await signIn(page, 'sofia.support@northwind.example', '/support');
  await expect(page.getByText('All customers.')).toBeVisible();
  const list = page.getByRole('list', { name: 'Customers' });
  await expect(list).toContainText(CUSTOMER);
  for (const seller of sellerNames) await expect(list).not.toContainText(String(seller.name));
  await page.getByLabel(/Name, customer number/).fill(String(sellerNames[0]!.name));
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText(`No customer matches “${String(sellerNames[0]!.name)}”`)).toBeVisible();
});
