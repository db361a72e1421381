import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectAccessible, expectFitsPhone, odooCall, signIn } from './helpers';

const MIA = 'mia.manager@northwind.example';
const REASON = 'Customer called: help with a reorder of fasteners';
const A = 10;

/** Mia starts acting for one of customer A's contacts, read-only. */
async function actForA(page: Page, contact: string) {
  await signIn(page, MIA, '/');
  await page.goto(`/support/customers/${A}`);
  await page.getByRole('combobox', { name: 'Act as' }).selectOption({ label: contact });
  await page.getByLabel(/^Reason/).fill(REASON);
  await page.getByRole('button', { name: 'Start acting' }).click();
  const banner = page.getByRole('region', { name: 'Support session' });
  await expect(banner).toContainText(`you are acting for ${contact.replace(/ \(.*/, '')} at Brightline Hardware Ltd`);
  return banner;
}

/** The browser's session cookie as it is now. */
async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).filter((c) => c.name === 'authjs.session-token');
}

/** One record id of customer A, as Odoo has it. */
async function idOfA(model: string, domain: unknown[]): Promise<number> {
  const [row] = await odooCall<{ id: number }[]>(model, 'search_read', {
    domain: [['partner_id', 'child_of', A], ...domain],
    fields: ['id'],
    limit: 1,
  });
  return row!.id;
}

test('an account manager acts for customer A with a reason, orders after switching changes on, stops, and A’s admin sees it in the access log', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000); // three people sign in and an order is placed: a long journey
  await signIn(page, MIA, '/');
  await expect(page).toHaveURL(/\/support$/);
  await expectAccessible(page);
  await page.getByLabel(/Name, customer number/).fill('Brightline');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('list', { name: 'Customers' }).getByRole('link', { name: 'Brightline Hardware Ltd' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Brightline Hardware Ltd' })).toBeVisible();
  await expectAccessible(page);
  // The least privileged contact is offered first: a session starts with the narrowest view.
  await expect(page.getByRole('combobox', { name: 'Act as' }).locator('option:checked')).toHaveText(
    'Victor Viewer (victor@brightline.example)',
  );

  // A reason is required.
  await page.getByRole('combobox', { name: 'Act as' }).selectOption({ label: 'Bob Buyer (bob@brightline.example)' });
  await page.getByLabel(/^Reason/).fill('help');
  await page.getByRole('button', { name: 'Start acting' }).click();
  await expect(page.getByText(/at least 15 characters/)).toBeVisible();
  await page.getByLabel(/^Reason/).fill(REASON);
  await page.getByRole('button', { name: 'Start acting' }).click();

  const banner = page.getByRole('region', { name: 'Support session' });
  await expect(banner).toContainText('you are acting for Bob Buyer at Brightline Hardware Ltd');
  await expect(banner).toContainText('read-only');
  await expect(banner).toContainText(/\d+:\d\d left/);
  await expectAccessible(page);
  await page.goto('/orders');
  await expect(page.getByRole('table', { name: 'Your orders' })).toBeVisible();
  await expect(banner).toBeVisible();

  // Read-only: the order is refused.
  await page.goto('/orders/new');
  await page.getByLabel(/One product per line/).fill('FAS-1001 2');
  await page.getByRole('button', { name: 'Check lines' }).click();
  await page.getByLabel('Your PO reference').fill('PO-ON-BEHALF');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('read-only');

  // Switched on, the order goes through and Odoo's chatter names the account manager.
  await banner.getByRole('button', { name: 'Allow changes on their behalf' }).click();
  await expect(banner).toContainText('changes allowed');
  await page.goto('/orders/new');
  await page.getByLabel(/One product per line/).fill('FAS-1001 2');
  await page.getByRole('button', { name: 'Check lines' }).click();
  await page.getByLabel('Your PO reference').fill('PO-ON-BEHALF');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByText(/was placed/)).toBeVisible();
  const orderId = Number(new URL(page.url()).pathname.split('/').pop());
  const messages = await odooCall<{ body: string }[]>('mail.message', 'search_read', {
    domain: [
      ['model', '=', 'sale.order'],
      ['res_id', '=', orderId],
    ],
    fields: ['body'],
  });
  expect(messages.map((m) => m.body).join('\n')).toContain('Mia Manager');

  await banner.getByRole('button', { name: 'Stop acting' }).click();
  await expect(page).toHaveURL(/\/support$/);
  await page.goto('/orders');
  await expect(page).toHaveURL(/\/support$/);

  // Customer B is not Mia's: refused like a record that does not exist.
  const res = await page.goto('/support/customers/11');
  expect(res!.status()).toBe(404);

  // A's admin reviews the session.
  const aliceContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  await signIn(alice, 'alice@brightline.example', '/account/access-log');
  const entry = alice.getByRole('list', { name: 'Support sessions' }).getByRole('listitem').first();
  await expect(entry).toContainText('Mia Manager');
  await expect(entry).toContainText(REASON);
  await expect(entry).toContainText('Allowed changes on your behalf');
  await expect(entry).toContainText('Placed an order');
  await expect(entry).toContainText('Stopped the session');
  await expect(entry).toContainText('ended (stopped)');
  await expectAccessible(alice);
  await aliceContext.close();

  // And Mia's own audit trail holds the session, the denied write and the order.
  await page.goto('/support/audit');
  const log = page.getByRole('table', { name: /Audit events/ });
  await expect(log).toContainText('support.start');
  await expect(log).toContainText('order.place');
  await expect(log).toContainText('denied');
  await expectFitsPhone(page);
});

test('the acting banner renders the same on the server and in the browser, then counts down', async ({ page }) => {
  const banner = await actForA(page, 'Victor Viewer (victor@brightline.example)');
  const hydrationErrors: string[] = [];
  page.on('pageerror', (e) => void (/hydrat|#418/i.test(e.message) && hydrationErrors.push(e.message)));
  page.on('console', (m) => void (m.type() === 'error' && /hydrat|#418/i.test(m.text()) && hydrationErrors.push(m.text())));
  // The server's clock is not the browser's: the server renders the end time, the countdown starts after hydration.
  const html = await (await page.request.get('/orders')).text();
  expect(html).toMatch(/until \d\d:\d\d UTC/);
  expect(html).not.toMatch(/\d+:\d\d left/);
  await page.goto('/orders');
  await expect(banner).toContainText(/\d+:\d\d left/);
  expect(hydrationErrors).toEqual([]);
  await banner.getByRole('button', { name: 'Stop acting' }).click();
  await expect(page).toHaveURL(/\/support$/);
});

test('a customer cannot open the support pages, and a buyer cannot read the access log', async ({ page }) => {
  await signIn(page, 'bob@brightline.example', '/support');
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/account/access-log');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('for your company’s admins');
});

test('while acting, each request is one audit row with the outcome it had, and the trail names the contact and the customer apart', async ({
  page,
}) => {
  const [bob] = await odooCall<{ id: number }[]>('res.partner', 'search_read', {
    domain: [['email', '=', 'bob@brightline.example']],
    fields: ['id'],
  });
  const [foreignOrder] = await odooCall<{ id: number }[]>('sale.order', 'search_read', {
    domain: [['partner_id', 'child_of', [11]]],
    fields: ['id'],
    limit: 1,
  });
  const [foreignPicking] = await odooCall<{ id: number }[]>('stock.picking', 'search_read', {
    domain: [
      ['partner_id', 'child_of', [11]],
      ['picking_type_code', '=', 'outgoing'],
    ],
    fields: ['id'],
    limit: 1,
  });
  await signIn(page, MIA, '/support/customers/10');
  await page.getByRole('combobox', { name: 'Act as' }).selectOption({ label: 'Bob Buyer (bob@brightline.example)' });
  await page.getByLabel(/^Reason/).fill(REASON);
  await page.getByLabel(/Allow changes on the customer’s behalf/).check();
  await page.getByRole('button', { name: 'Start acting' }).click();
  const banner = page.getByRole('region', { name: 'Support session' });
  await expect(banner).toContainText('changes allowed');

  // Another customer's order and delivery answer 404, as missing ones do.
  expect((await page.goto(`/orders/${foreignOrder!.id}`))!.status()).toBe(404);
  expect((await page.request.get(`/api/deliveries/${foreignPicking!.id}`)).status()).toBe(404);
  // One change (a POST whose page re-renders afterwards).
  await page.goto('/account');
  await page.getByRole('textbox', { name: 'Name' }).fill('Bob Buyer');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await banner.getByRole('button', { name: 'Stop acting' }).click();
  await expect(page).toHaveURL(/\/support$/);

  await page.goto('/support/audit');
  const rows = await page
    .getByRole('table', { name: /Audit events/ })
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('td')].map((td) =>
          [...td.childNodes]
            .map((n) => n.textContent!.trim())
            .filter(Boolean)
            .join(' | '),
        ),
      ),
    );
  const [forCell, action, outcome, ipAndRequest] = [2, 3, 5, 6]; // When, Who, For, Action, Target, Outcome, IP · request
  const withAction = (text: string) => rows.filter((r) => r[action] === text);
  expect(withAction(`support.request | GET /orders/${foreignOrder!.id}`).map((r) => r[outcome])).toEqual(['denied']);
  expect(withAction(`support.request | GET /api/deliveries/${foreignPicking!.id}`).map((r) => r[outcome])).toEqual(['denied']);
  // The POST is one row: its change, with the page it came from, and nothing else under its request id.
  const [change, ...more] = withAction('contact.update-own | POST /account');
  expect(more).toEqual([]);
  expect(change![outcome]).toBe('success');
  const requestOf = (r: string[]) => r[ipAndRequest]!.slice(-8); // the request id's first 8 characters
  expect(rows.filter((r) => requestOf(r) === requestOf(change!))).toHaveLength(1);
  expect(rows.filter((r) => r[action]!.startsWith('support.request | POST /account'))).toEqual([]);
  // “For”: the contact with its own id, the customer with its own.
  expect(change![forCell]).toBe(`Bob Buyer (contact #${bob!.id}) | customer #10`);
});

test('while acting, route handlers act for the customer every time; once stopped, a copy of the earlier cookie reaches no customer data', async ({
  page,
  browser,
}) => {
  const delivery = await idOfA('stock.picking', [['picking_type_code', '=', 'outgoing']]);
  const invoice = await idOfA('account.move', [
    ['move_type', '=', 'out_invoice'],
    ['state', '=', 'posted'],
  ]);
  const banner = await actForA(page, 'Fiona Finance (fiona@brightline.example)');

  for (let i = 0; i < 3; i++) {
    const me = await page.request.get('/api/me');
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ tenant: { id: A }, contact: { name: 'Fiona Finance' }, actingAs: { canWrite: false } });
    expect((await page.request.get(`/api/deliveries/${delivery}`)).status()).toBe(200);
    const pdf = await page.request.get(`/invoices/${invoice}/pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await page.goto('/orders');
    await expect(banner).toBeVisible();
  }
  expect((await page.request.get('/orders/export')).status()).toBe(200);

  const preStop = await sessionCookie(page.context());
  await banner.getByRole('button', { name: 'Stop acting' }).click();
  await expect(page).toHaveURL(/\/support$/);

  const replay = await browser.newContext();
  await replay.addCookies(preStop);
  const other = await replay.newPage();
  await other.goto('/orders');
  await expect(other).toHaveURL(/\/support$/);
  await expect(other.getByRole('region', { name: 'Support session' })).toHaveCount(0);
  for (const path of ['/api/me', '/orders/export', `/api/deliveries/${delivery}`, `/invoices/${invoice}/pdf`]) {
    const res = await other.request.get(path);
    expect(res.status(), path).toBe(403);
    expect(await res.text(), path).not.toMatch(/Brightline|Fiona|actingAs|tenant|%PDF/);
  }
  await replay.close();
});

test('a staff member’s sign-out ends acting and the sign-in: a copy of the cookie taken while acting reaches nothing', async ({
  page,
  browser,
}) => {
  const delivery = await idOfA('stock.picking', [['picking_type_code', '=', 'outgoing']]);
  await actForA(page, 'Bob Buyer (bob@brightline.example)');
  const copy = await sessionCookie(page.context());
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You are signed out.')).toBeVisible();

  const replay = await browser.newContext();
  await replay.addCookies(copy);
  const other = await replay.newPage();
  for (const path of ['/api/me', '/orders/export', `/api/deliveries/${delivery}`]) {
    const res = await other.request.get(path);
    expect(res.status(), path).toBe(401);
    expect(await res.text(), path).not.toMatch(/Brightline|Bob|actingAs/);
  }
  for (const path of ['/orders', '/support']) {
    await other.goto(path);
    await expect(other).toHaveURL(/\/signin/);
  }
  await replay.close();
});

test('an account manager whose customer is given to another salesperson in Odoo loses the support session at the next request, and the customer’s log says so', async ({
  page,
  browser,
}) => {
  await actForA(page, 'Bob Buyer (bob@brightline.example)');
  await odooCall('res.partner', 'write', { ids: [A], vals: { user_id: 5 } });
  try {
    await page.goto('/orders');
    await expect(page).toHaveURL(/\/support$/);
    expect((await page.request.get('/api/me')).status()).toBe(403);
  } finally {
    await odooCall('res.partner', 'write', { ids: [A], vals: { user_id: 4 } });
  }
  // Given back, the ended session stays ended.
  await page.goto('/orders');
  await expect(page).toHaveURL(/\/support$/);

  const aliceContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  await signIn(alice, 'alice@brightline.example', '/account/access-log');
  const entry = alice.getByRole('list', { name: 'Support sessions' }).getByRole('listitem').first();
  await expect(entry).toContainText('ended (reassigned)');
  await expect(entry).toContainText('Session ended: no longer your account manager');
  await aliceContext.close();
});
