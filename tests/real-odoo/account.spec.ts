import { expect, test } from '@playwright/test';
import { signIn } from '../e2e/helpers';
import { CUSTOMER, companyId, m2oId, one, searchRead } from './odoo';

/** A customer admin manages colleagues on a real Odoo: contacts under the company, roles as its tags. */
test('a customer admin invites a colleague with roles, Odoo holds the contact and its tags, and deactivating archives it', async ({
  page,
}) => {
  const customerId = await companyId(CUSTOMER);
  await signIn(page, 'alice@brightline.example', '/account/contacts');
  // The people odoo:prepare put under the company, with the roles their tags give.
  await expect(page.getByRole('list', { name: 'Contacts' }).getByRole('listitem').filter({ hasText: 'Bob Buyer' })).toContainText('Buyer');
  await expect(page.getByRole('list', { name: 'Contacts' }).getByRole('listitem').filter({ hasText: 'Fiona Finance' })).toContainText(
    'Finance',
  );

  const stamp = Date.now();
  const name = `Nina ${stamp}`;
  const email = `nina.${stamp}@brightline.example`;
  const form = page.getByRole('form', { name: 'Invite a colleague' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Work email').fill(email);
  await form.getByLabel('Finance').check();
  await form.getByRole('button', { name: 'Invite' }).click();
  const item = page.getByRole('listitem').filter({ hasText: name });
  await expect(item).toContainText('Finance');

  const contact = await one('res.partner', [['email', '=', email]], ['name', 'parent_id', 'type', 'category_id', 'active']);
  expect(contact).toMatchObject({ name, type: 'contact', active: true });
  expect(m2oId(contact.parent_id)).toBe(customerId);
  const tags = await searchRead('res.partner.category', [['id', 'in', contact.category_id as number[]]], ['name']);
  expect(tags.map((t) => t.name).sort()).toEqual(['Portal: Buyer', 'Portal: Finance']);

  await item.getByRole('button', { name: `Deactivate ${name}` }).click();
  await page
    .getByRole('dialog', { name: `Deactivate ${name}?` })
    .getByRole('button', { name: 'Deactivate contact' })
    .click();
  await expect(page.getByRole('listitem').filter({ hasText: name })).toContainText('Deactivated');
  expect((await one('res.partner', [['id', '=', contact.id]], ['active'])).active).toBe(false);
});
