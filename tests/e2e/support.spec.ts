import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { expectAccessible, expectFitsPhone, odooCall, signIn } from './helpers';

const MIA = 'mia.manager@northwind.example';
const REASON = 'Customer called: help with a reorder of fasteners';
const A = 10;

/** Mia starts acting for one of customer A's contacts, read-only unless she allows changes. */
async function actForA(page: Page, contact: string, opts: { allowChanges?: boolean } = {}) {
  await signIn(page, MIA, '/');
  await page.goto(`/support/customers/${A}`);
  await page.getByRole('combobox', { name: 'Act as' }).selectOption({ label: contact });
  await page.getByLabel(/^Reason/).fill(REASON);
  if (opts.allowChanges) await page.getByLabel(/Allow changes on the customer’s behalf/).check();
  await page.getByRole('button', { name: 'Start acting' }).click();
  const banner = page.getByRole('region', { name: 'Support session' });
  await expect(banner).toContainText(`you are acting for ${contact.replace(/ \(.*/, '')} at Brightline Hardware Ltd`);
  await expect(banner).toContainText(opts.allowChanges ? 'changes allowed' : 'read-only');
  return banner;
}

/** Stops acting through the banner's button and its confirmation dialog. */
async function stopActing(page: Page, banner: Locator) {
  await banner.getByRole('button', { name: 'Stop acting' }).click();
  await page
    .getByRole('dialog', { name: /^Stop acting for / })
    .getByRole('button', { name: 'Stop acting' })
    .click();
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

  // Read-only: the order is checked and priced, and not offered for placing; the page says why.
  await page.goto('/orders/new');
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'This support session is read-only' })).toBeVisible();
  await page.getByLabel(/One product per line/).fill('FAS-1001 2');
  await page.getByRole('button', { name: 'Check lines' }).click();
  const summary = page.getByRole('region', { name: 'Order summary' });
  await expect(summary).toContainText(/Total/);
  await expect(summary.getByRole('button', { name: 'Update prices' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Place order' })).toHaveCount(0);
  await expectAccessible(page);

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

  await stopActing(page, banner);
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
  // A change that went through reads as done, in words: no raw catalogue key after it.
  await expect(entry).not.toContainText('accessLog');
  await expect(entry).toContainText('ended: stopped');
  await expect(entry.getByRole('link', { name: /^order S\d{5}$/ })).toBeVisible();
  await expectAccessible(alice);
  await aliceContext.close();

  // And Mia's own audit trail holds the session, the denied write and the order.
  await page.goto('/support/audit');
  const log = page.getByRole('list', { name: /Audit events/ });
  await expect(log).toContainText('Started acting for a contact · contact Bob Buyer');
  await expect(log).toContainText(/Placed an order · order S\d{5}/);
  // Filtered to one action, in words, and back: the URL keeps the filter.
  await page.getByLabel('Action').selectOption({ label: 'Placed an order' });
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/action=order\.place/);
  const placed = log.getByRole('listitem');
  await expect(placed.first()).toContainText('Placed an order');
  expect(await placed.filter({ hasNotText: 'Placed an order' }).count()).toBe(0);
  await expectAccessible(page);
  await expectFitsPhone(page);
  expect((await page.goto('/support/audit?from=yesterday'))!.status()).toBe(200);
  await expect(page.getByText('These filters are not valid')).toBeVisible();
  await expectFitsPhone(page);
  // A page past the last is not "no events yet", as on the other lists.
  await page.goto('/support/audit?page=99999');
  await expect(page.getByText(/There is no page 99999: the list ends at page \d+\./)).toBeVisible();
  await page.getByRole('link', { name: /last page/i }).click();
  await expect(log.getByRole('listitem').first()).toBeVisible();
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
  // Stopping asks first: Cancel keeps the session, and nothing was sent.
  await banner.getByRole('button', { name: 'Stop acting' }).click();
  const dialog = page.getByRole('dialog', { name: 'Stop acting for Victor Viewer?' });
  await expect(dialog).toContainText('Brightline Hardware Ltd');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(banner.getByRole('button', { name: 'Stop acting' })).toBeFocused();
  await page.reload();
  await expect(banner).toContainText(/\d+:\d\d left/);
  await stopActing(page, banner);
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
  const banner = await actForA(page, 'Bob Buyer (bob@brightline.example)', { allowChanges: true });

  // A page of the customer's, loaded in full (not by a link): viewed, so "Done".
  expect((await page.goto('/deliveries'))!.status()).toBe(200);
  // Another customer's order and delivery answer 404, as missing ones do.
  expect((await page.goto(`/orders/${foreignOrder!.id}`))!.status()).toBe(404);
  expect((await page.request.get(`/api/deliveries/${foreignPicking!.id}`)).status()).toBe(404);
  // One change (a POST whose page re-renders afterwards).
  await page.goto('/account');
  await page.getByRole('textbox', { name: 'Name' }).fill('Bob Buyer');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await stopActing(page, banner);
  await expect(page).toHaveURL(/\/support$/);

  await page.goto('/support/audit');
  // Each event is a card: who · what · which record, its outcome, when · for whom · the page, address · request id.
  const cards = await page
    .getByRole('list', { name: /Audit events/ })
    .getByRole('listitem')
    .evaluateAll((lis) => lis.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
  const on = (path: string) => cards.filter((c) => new RegExp(`· ${path.replace(/[/]/g, '\\/')}(?![\\d/])`).test(c));
  const [deniedOrder] = on(`GET /orders/${foreignOrder!.id}`);
  expect(on(`GET /orders/${foreignOrder!.id}`)).toHaveLength(1);
  expect(deniedOrder).toMatch(/Opened a page.*Refused/);
  expect(on(`GET /api/deliveries/${foreignPicking!.id}`)).toEqual([expect.stringMatching(/Opened a page.*Refused/)]);
  // Full page loads that showed the customer's data are not refusals.
  expect(on('GET /deliveries')).toEqual([expect.stringMatching(/Opened a page.*Done/)]);
  // The POST is one row: its change, with the page it came from, and nothing else under its request id.
  const posts = on('POST /account');
  // The page's own request is not a row of its own (the stop button posts from the same page).
  expect(posts.filter((c) => c.includes('Opened a page'))).toEqual([]);
  const changes = posts.filter((c) => c.includes('Edited contact details'));
  expect(changes).toHaveLength(1);
  const change = changes[0]!;
  expect(change).toMatch(/Edited contact details.*Done/);
  const requestOf = (card: string) => /request (\S{8})$/.exec(card)?.[1];
  expect(cards.filter((c) => requestOf(c) === requestOf(change))).toHaveLength(1);
  // “For”: the contact with its own id, the customer with its own.
  expect(change).toContain(`as Bob Buyer (contact #${bob!.id}), customer Brightline Hardware Ltd (#10)`);
});

test('while acting, a change posted to another page than its form’s is refused: nothing changes and no row hides where it came from', async ({
  page,
}) => {
  const banner = await actForA(page, 'Bob Buyer (bob@brightline.example)', { allowChanges: true });
  await page.goto('/account');
  await page.getByRole('textbox', { name: 'Name' }).fill('Bob Buyer');
  const sent = page.waitForRequest((r) => r.method() === 'POST' && r.headers()['next-action'] !== undefined);
  await page.getByRole('button', { name: 'Save' }).click();
  const save = await sent;
  await expect(page.getByText('Saved.')).toBeVisible();

  // The same action, another name, posted to the deliveries page: Next would send it on to
  // the account page from the server itself (another address, request id and path).
  const forged = Buffer.from(save.postDataBuffer()!.toString('latin1').replace('Bob Buyer', 'Bob Forged'), 'latin1');
  const h = save.headers();
  const res = await page.request.post('/deliveries', {
    headers: {
      'next-action': h['next-action']!,
      'content-type': h['content-type']!,
      accept: 'text/x-component',
      origin: new URL(page.url()).origin,
    },
    data: forged,
  });
  // As a form of another deployment: Next's "Server Action unavailable", nothing run.
  expect(res.status()).toBe(409);
  const [bob] = await odooCall<{ name: string }[]>('res.partner', 'search_read', {
    domain: [['email', '=', 'bob@brightline.example']],
    fields: ['name'],
  });
  expect(bob!.name).toBe('Bob Buyer');
  await stopActing(page, banner);
  await page.goto('/support/audit');
  const edits = page
    .getByRole('list', { name: /Audit events/ })
    .getByRole('listitem')
    .filter({ hasText: 'Edited contact details' });
  // The newest change on record is the one made from its own page, by its own request: the
  // forwarded one never ran, so no row of its own follows it.
  const savedRequest = (await (await save.response())!.headerValue('x-request-id'))!.slice(0, 8);
  await expect(edits.first()).toContainText('POST /account');
  await expect(edits.first()).toContainText(`request ${savedRequest}`);
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
  await stopActing(page, banner);
  await expect(page).toHaveURL(/\/support$/);

  const replay = await browser.newContext();
  await replay.addCookies(preStop);
  const other = await replay.newPage();
  await other.goto('/orders');
  // The stopped session's cookie leads to the support page, which says the session is over.
  await expect(other).toHaveURL(/\/support\?ended=ended$/);
  await expect(other.getByRole('status').filter({ hasText: 'Your support session has ended' })).toContainText('It was stopped');
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
    // Sent to the support page, which says why the session ended.
    await expect(page).toHaveURL(/\/support\?ended=reassigned$/);
    await expect(page.getByRole('status').filter({ hasText: 'Your support session has ended' })).toContainText(
      'You are no longer this customer’s salesperson in Odoo',
    );
    expect((await page.request.get('/api/me')).status()).toBe(403);
  } finally {
    await odooCall('res.partner', 'write', { ids: [A], vals: { user_id: 4 } });
  }
  // Given back, the ended session stays ended.
  await page.goto('/orders');
  await expect(page).toHaveURL(/\/support\?ended=reassigned$/);
  // Searching from there leaves the notice behind.
  await page.getByLabel('Name, customer number, VAT or a contact’s email').fill('Brightline');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/support\?q=Brightline$/);
  await expect(page.getByText('Your support session has ended')).toHaveCount(0);

  const aliceContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  await signIn(alice, 'alice@brightline.example', '/account/access-log');
  const entry = alice.getByRole('list', { name: 'Support sessions' }).getByRole('listitem').first();
  await expect(entry).toContainText('ended: no longer your account manager');
  await expect(entry).toContainText('Session ended: no longer your account manager');
  await aliceContext.close();
});

test('at 375 px acting opens the customer’s home at the top, banner in view, and an error toast leaves the banner and the header uncovered', async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 740 });
  // Starting from the bottom of the customer's page, where the form's button is.
  const banner = await actForA(page, 'Alice Admin (alice@brightline.example)');
  await expect(page).toHaveURL(/\/$/);
  await expect(banner).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  // Read-only: the contact's own details are shown, not offered for change, and the page says why.
  await page.goto('/account');
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'This support session is read-only' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Your details' })).toHaveCount(0);
  await expect(page.getByRole('main').getByText('Alice Admin', { exact: true })).toBeVisible();
  await expectAccessible(page);
  // Read-only: the address forms are left out, and the page says why.
  await page.goto('/account/addresses');
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'This support session is read-only' })).toBeVisible();
  const form = page.getByRole('form', { name: 'New delivery address' });
  await expect(form).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Edit/ })).toHaveCount(0);
  await expectAccessible(page);
  await expectFitsPhone(page);
  // With changes allowed, an address without its street is refused, in an error toast that stays.
  await banner.getByRole('button', { name: 'Allow changes on their behalf' }).click();
  await expect(banner).toContainText('changes allowed');
  await expect(page.getByRole('main').getByText('This support session is read-only')).toHaveCount(0);
  await form.getByLabel('Name (e.g. Warehouse North)').fill('Support depot');
  await form.getByLabel('Postcode').fill('98402');
  await form.getByLabel('City').fill('Tacoma');
  await form.getByLabel('Country').selectOption('US');
  await form.getByRole('button', { name: 'Add address' }).click();
  const toast = page.locator('[data-toast="error"]');
  await expect(toast.getByRole('alert')).toContainText('Some values are not valid');
  await page.evaluate(() => window.scrollTo(0, 0));
  const below = async (upper: Locator) => {
    const [a, b] = [await upper.boundingBox(), await toast.boundingBox()];
    expect(b!.y, 'the toast covers what is above the page').toBeGreaterThanOrEqual(a!.y + a!.height);
  };
  await below(banner);
  await below(page.getByRole('banner'));
  await banner.getByRole('button', { name: 'Stop acting' }).click({ trial: true, timeout: 3_000 });
  // Scrolled down the form, the toast stays at the top of the screen, still in view.
  await form.getByRole('button', { name: 'Add address' }).scrollIntoViewIfNeeded();
  await expect(toast).toBeInViewport({ ratio: 1 });
  await expectFitsPhone(page);
});
