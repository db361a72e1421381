import { expect, request, test, type APIRequestContext, type Browser } from '@playwright/test';
import { odooCall, signIn } from './helpers';
import { E2E } from '../test-ports';
import { readCsv } from '../helpers/csv';
import { unzip } from '../helpers/unzip';

/**
 * Every page and route handler × every kind of person × A's and B's record ids, with the
 * expected answer of each cell written down. Nothing of B is readable by A (and back), no
 * customer reaches a staff page, no staff member a customer's data outside acting.
 *
 * Answers: 200 ok · 404 like a missing record · 403 role refused (route handlers) ·
 * 401 not signed in (API) · 'signin' redirect to sign-in · 'support' staff sent to their
 * pages · 'home' customer sent home · 'role' the page says the role does not allow it.
 */
type Answer = 200 | 400 | 401 | 403 | 404 | 'signin' | 'support' | 'home' | 'role';
const PEOPLE = ['anonymous', 'adminA', 'buyerA', 'financeA', 'buyerB', 'manager', 'supportAdmin'] as const;
type Person = (typeof PEOPLE)[number];
const LOGINS: Record<Exclude<Person, 'anonymous'>, string> = {
  adminA: 'alice@brightline.example',
  buyerA: 'bob@brightline.example',
  financeA: 'fiona@brightline.example',
  buyerB: 'bruno@kestrel.example',
  manager: 'mia.manager@northwind.example',
  supportAdmin: 'sofia.support@northwind.example',
};

// One row per route: the answer for each person, [with A's id, with B's id] where the route takes an id.
//                                   anonymous   adminA      buyerA      financeA    buyerB      manager     supportAdmin
const PAGES: [string, Answer[][]][] = [
  ['/', [['signin'], [200], [200], [200], [200], ['support'], ['support']]],
  ['/orders', [['signin'], [200], [200], [200], [200], ['support'], ['support']]],
  [
    '/orders/{order}',
    [
      ['signin', 'signin'],
      [200, 404],
      [200, 404],
      [200, 404],
      [404, 200],
      ['support', 'support'],
      ['support', 'support'],
    ],
  ],
  ['/orders/new', [['signin'], [200], [200], ['role'], [200], ['support'], ['support']]],
  [
    '/orders/new?from={order}',
    [
      ['signin', 'signin'],
      [200, 404],
      [200, 404],
      ['role', 'role'],
      [404, 200],
      ['support', 'support'],
      ['support', 'support'],
    ],
  ],
  ['/deliveries', [['signin'], [200], [200], [200], [200], ['support'], ['support']]],
  [
    '/deliveries/{picking}',
    [
      ['signin', 'signin'],
      [200, 404],
      [200, 404],
      [200, 404],
      [404, 200],
      ['support', 'support'],
      ['support', 'support'],
    ],
  ],
  ['/account', [['signin'], [200], [200], [200], [200], ['support'], ['support']]],
  ['/account/addresses', [['signin'], [200], [200], [200], [200], ['support'], ['support']]],
  ['/account/contacts', [['signin'], [200], [200], [200], [200], ['support'], ['support']]],
  ['/account/access-log', [['signin'], [200], ['role'], ['role'], ['role'], ['support'], ['support']]],
  ['/invoices', [['signin'], [200], ['role'], [200], ['role'], ['support'], ['support']]],
  [
    '/invoices/{invoice}',
    [
      ['signin', 'signin'],
      [200, 404],
      ['role', 'role'],
      [200, 404],
      ['role', 'role'],
      ['support', 'support'],
      ['support', 'support'],
    ],
  ],
  ['/statement', [['signin'], [200], ['role'], [200], ['role'], ['support'], ['support']]],
  ['/support', [['signin'], ['home'], ['home'], ['home'], ['home'], [200], [200]]],
  [
    '/support/customers/{customer}',
    [
      ['signin', 'signin'],
      ['home', 'home'],
      ['home', 'home'],
      ['home', 'home'],
      ['home', 'home'],
      [200, 404],
      [200, 200],
    ],
  ],
  ['/support/audit', [['signin'], ['home'], ['home'], ['home'], ['home'], [200], [200]]],
];
const HANDLERS: [string, Answer[][]][] = [
  ['/api/me', [[401], [200], [200], [200], [200], [403], [403]]],
  [
    '/api/deliveries/{picking}',
    [
      [401, 401],
      [200, 404],
      [200, 404],
      [200, 404],
      [404, 200],
      [403, 403],
      [403, 403],
    ],
  ],
  ['/orders/export', [['signin'], [200], [200], [200], [200], [403], [403]]],
  ['/orders/new/template', [['signin'], [200], [200], [403], [200], [403], [403]]],
  [
    '/invoices/{invoice}/pdf',
    [
      ['signin', 'signin'],
      [200, 404],
      [403, 403],
      [200, 404],
      [403, 403],
      [403, 403],
      [403, 403],
    ],
  ],
  [
    '/invoices/bulk?ids={invoice}',
    [
      ['signin', 'signin'],
      [200, 400],
      [403, 403],
      [200, 400],
      [403, 403],
      [403, 403],
      [403, 403],
    ],
  ],
  ['/invoices/export', [['signin'], [200], [403], [200], [403], [403], [403]]],
  ['/statement/csv', [['signin'], [200], [403], [200], [403], [403], [403]]],
  ['/statement/pdf', [['signin'], [200], [403], [200], [403], [403], [403]]],
];

// In English, and in German for Kestrel's people (their contacts are de_DE in Odoo).
const ROLE_TEXT =
  /does not allow|(is|are) for your company’s (finance team|admins)|Rolle erlaubt|sind für die Buchhaltung|den Administratoren Ihres Unternehmens vorbehalten/;
let ids: Record<'A' | 'B', Record<'order' | 'picking' | 'invoice' | 'customer', number>>;
const contexts = new Map<Person, APIRequestContext>();

async function apiContextFor(browser: Browser, person: Person, baseURL: string): Promise<APIRequestContext> {
  if (person === 'anonymous') return request.newContext({ baseURL });
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, LOGINS[person]);
  const state = await context.storageState();
  await context.close();
  return request.newContext({ baseURL, storageState: state });
}

test.beforeAll(async ({ browser }, info) => {
  test.setTimeout(120_000);
  const baseURL = info.project.use.baseURL!;
  const first = async (model: string, domain: unknown[]) =>
    (await odooCall<{ id: number }[]>(model, 'search_read', { domain, fields: ['id'], limit: 1, order: 'id' }))[0]!.id;
  const idsOf = async (customer: number) => ({
    order: await first('sale.order', [['partner_id', 'child_of', [customer]]]),
    picking: await first('stock.picking', [
      ['partner_id', 'child_of', [customer]],
      ['picking_type_code', '=', 'outgoing'],
    ]),
    invoice: await first('account.move', [
      ['partner_id', 'child_of', [customer]],
      ['state', '=', 'posted'],
      ['move_type', '=', 'out_invoice'],
    ]),
    customer,
  });
  ids = { A: await idsOf(10), B: await idsOf(11) };
  for (const p of PEOPLE) contexts.set(p, await apiContextFor(browser, p, baseURL));
});

test.afterAll(async () => {
  for (const c of contexts.values()) await c.dispose();
});

async function answerOf(ctx: APIRequestContext, path: string, isPage: boolean): Promise<Answer> {
  const res = await ctx.get(path, { maxRedirects: 0, headers: isPage ? { 'sec-fetch-dest': 'document' } : {} });
  const status = res.status();
  if (status >= 300 && status < 400) {
    const to = new URL(res.headers().location!, 'http://x').pathname;
    return to === '/signin' ? 'signin' : to === '/support' ? 'support' : to === '/' ? 'home' : (status as Answer);
  }
  // What the page shows, not the scripts: the message catalogue the page hands its client components holds these words too.
  if (status === 200 && isPage && ROLE_TEXT.test((await res.text()).replace(/<script[\s\S]*?<\/script>/g, ''))) return 'role';
  return status as Answer;
}

for (const [kind, table] of [
  ['page', PAGES],
  ['route handler', HANDLERS],
] as const) {
  for (const [template, row] of table) {
    test(`${kind} ${template}: every person gets the written-down answer`, async () => {
      const got: string[] = [];
      const want: string[] = [];
      for (const [i, person] of PEOPLE.entries()) {
        const tenants = template.includes('{') ? (['A', 'B'] as const) : (['A'] as const);
        for (const [j, tenant] of tenants.entries()) {
          const path = template.replace(/\{(\w+)\}/g, (_m, key: 'order') => String(ids[tenant][key]));
          got.push(`${person} ${tenant}: ${await answerOf(contexts.get(person)!, path, kind === 'page')}`);
          want.push(`${person} ${tenant}: ${row[i]![j]}`);
        }
      }
      expect(got).toEqual(want);
    });
  }
}

test('a download link opened in the tab answers its refusal as a page in words, with the same status', async () => {
  const path = `/invoices/${ids.A.invoice}/pdf`;
  const asPage = await contexts.get('buyerA')!.get(path, { headers: { 'sec-fetch-dest': 'document' } });
  expect(asPage.status()).toBe(403);
  expect(asPage.headers()['content-type']).toContain('text/html');
  expect(asPage.headers()['cache-control']).toBe('private, no-store');
  const html = await asPage.text();
  expect(html).toContain('This file cannot be downloaded');
  expect(html).toMatch(ROLE_TEXT);
  // A script's request still gets the error shape.
  const asJson = await contexts.get('buyerA')!.get(path);
  expect(asJson.status()).toBe(403);
  expect((await asJson.json()).error.code).toBe('forbidden');
  // In the reader's language: Kestrel's buyer reads German.
  const german = await contexts.get('buyerB')!.get('/statement/pdf', { headers: { 'sec-fetch-dest': 'document' } });
  expect(german.status()).toBe(403);
  expect(await german.text()).toContain('Diese Datei kann nicht heruntergeladen werden');
});

test('hostile ids and search params answer 400 or 404 (never 500) and write nothing', async ({ request }) => {
  const bob = contexts.get('buyerA')!;
  const orderCount = async () => await odooCall<number>('sale.order', 'search_count', { domain: [] });
  const before = await orderCount();
  const big = 'x'.repeat(10_000);
  const hostileIds = [
    '-1',
    '0',
    '1e309',
    '1%20OR%201%3D1',
    '99999999999999999999',
    '%F0%9F%92%A5',
    '1.5',
    'NaN',
    encodeURIComponent(big.slice(0, 2000)),
  ];
  for (const id of hostileIds) {
    for (const path of [`/orders/${id}`, `/deliveries/${id}`, `/orders/new?from=${id}`]) {
      expect((await bob.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
    }
    // Route handlers validate ids with zod: a malformed one is a 400 with the error shape.
    for (const res of [await bob.get(`/api/deliveries/${id}`), await contexts.get('financeA')!.get(`/invoices/${id}/pdf`)]) {
      expect([400, 404], `${res.url()}`).toContain(res.status());
      expect((await res.json()).error.code).toMatch(/bad_request|not_found/);
    }
  }
  // A path whose percent-escapes do not decode is refused by the proxy (Next would answer a bare 500).
  for (const path of ['/orders/%E0', '/orders/%', '/deliveries/%E0%A4%A', '/invoices/%FF/pdf']) {
    const res = await bob.get(path, { maxRedirects: 0, headers: { 'sec-fetch-dest': 'document' } });
    expect(res.status(), path).toBe(400);
    expect(res.headers()['x-request-id'], path).toBeTruthy();
    expect(res.headers()['x-frame-options'], path).toBe('DENY');
    expect(await res.text(), path).toContain('This address cannot be read');
  }
  const api = await bob.get('/api/deliveries/%E0%A4%A');
  expect(api.status()).toBe(400);
  expect((await api.json()).error.code).toBe('bad_request');
  // So is an RSC request whose router state Next cannot read, signed in or not (after Next's
  // own redirect to the URL with its cache-busting `_rsc` parameter).
  for (const path of ['/orders', '/']) {
    const res = await bob.get(path, { headers: { rsc: '1', 'next-router-state-tree': 'x' } });
    expect(res.status(), path).toBe(400);
    expect((await res.json()).error.code).toBe('bad_request');
  }
  expect((await request.get('/signin', { headers: { rsc: '1', 'next-router-state-tree': '%E0' } })).status()).toBe(400);
  const badQueries = [
    'page=-1',
    'page=1e309',
    'size=7',
    'sort=amount_total;drop',
    'dir=sideways',
    'state=shipped',
    'from=2026-02-30',
    `q=${big}`,
    'from=2026-05-01&to=2026-01-01',
    'page=1&page=2',
    'q=%00%01',
  ];
  for (const q of badQueries) {
    const page = await bob.get(`/orders?${q}`, { headers: { 'sec-fetch-dest': 'document' } });
    expect(page.status(), `/orders?${q}`).toBeLessThan(500);
    expect(/not valid|given more than once/.test(await page.text()), `/orders?${q} shows the error`).toBe(true);
    const csv = await bob.get(`/orders/export?${q}`);
    expect([400], `/orders/export?${q}`).toContain(csv.status());
    expect((await csv.json()).error.code).toBe('bad_request');
  }
  for (const q of ['ids=1,abc', 'ids=-1', 'status=everything', 'from=yesterday']) {
    expect((await contexts.get('financeA')!.get(`/invoices/bulk?${q}`)).status(), q).toBe(400);
  }
  // A 24 kB query string is refused by the server itself (431) before the portal sees it.
  expect([400, 431], 'very long ids').toContain(
    (await contexts.get('financeA')!.get(`/invoices/bulk?ids=${'1,'.repeat(12_000)}`)).status(),
  );
  expect(await orderCount()).toBe(before);
});

test('a path under /api/auth that is none of the sign-in routes is not found, quietly, for anyone', async ({ request }) => {
  for (const path of ['/api/auth/x1', '/api/auth/webauthn-options/oidc', '/api/auth/callback/github']) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  }
  // The real ones still answer.
  expect((await request.get('/api/auth/csrf')).status()).toBe(200);
  expect((await request.get('/api/auth/providers')).status()).toBe(200);
});

test('a cross-site or malformed server-action request gets a 4xx, never a 500, and changes nothing', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'bob@brightline.example', '/');
  // The sign-out form carries its action id; replay it from another origin.
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Sign out' }) });
  const fields = await form.evaluate((f: HTMLFormElement) =>
    [...new FormData(f).entries()].map(([k, v]) => [k, typeof v === 'string' ? v : v.name]),
  );
  const actionId = fields
    .map(([k]) => k!)
    .find((k) => k.startsWith('$ACTION_ID_'))!
    .slice('$ACTION_ID_'.length);
  const evil = { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' };
  const post = (headers: Record<string, string>, data: string) =>
    page.request.post('/orders', { headers: { 'Next-Action': actionId, ...headers }, data, maxRedirects: 0 });
  const multipart = (parts: string) => ['--XyZ\r\n', parts, '--XyZ--\r\n'].join('');
  const answers = {
    'no-script form from another origin': (
      await page.request.post('/', { multipart: Object.fromEntries(fields), headers: evil, maxRedirects: 0 })
    ).status(),
    'fetch call from another origin': (await post({ ...evil, 'Content-Type': 'text/plain;charset=UTF-8' }, '[]')).status(),
    'fetch call from an opaque origin': (await post({ Origin: 'null', 'Content-Type': 'text/plain;charset=UTF-8' }, '[]')).status(),
    'arguments that are not JSON': (await post({ 'Content-Type': 'text/plain;charset=UTF-8' }, 'garbage{')).status(),
    'arguments that are not a list': (await post({ 'Content-Type': 'text/plain;charset=UTF-8' }, '{"a":1}')).status(),
    'a JSON body': (await post({ 'Content-Type': 'application/json' }, '[]')).status(),
    'a urlencoded body': (await post({ 'Content-Type': 'application/x-www-form-urlencoded' }, 'a=1')).status(),
    'a multipart body that does not parse': (await post({ 'Content-Type': 'multipart/form-data; boundary=XyZ' }, 'garbage')).status(),
    'a multipart body without boundary': (await post({ 'Content-Type': 'multipart/form-data' }, 'garbage')).status(),
    'multipart arguments that are not JSON': (
      await post(
        { 'Content-Type': 'multipart/form-data; boundary=XyZ' },
        multipart('Content-Disposition: form-data; name="0"\r\n\r\nnot json\r\n'),
      )
    ).status(),
  };
  expect(answers).toEqual({
    'no-script form from another origin': 403,
    'fetch call from another origin': 403,
    'fetch call from an opaque origin': 403,
    'arguments that are not JSON': 400,
    'arguments that are not a list': 400,
    'a JSON body': 400,
    'a urlencoded body': 400,
    'a multipart body that does not parse': 400,
    'a multipart body without boundary': 400,
    'multipart arguments that are not JSON': 400,
  });
  // None of them ran the sign-out.
  expect((await page.request.get('/api/me')).status()).toBe(200);
  await context.close();
});

test('callbackUrl never leads off the portal', async ({ browser }) => {
  test.setTimeout(90_000);
  for (const target of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'http:evil.example']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'bob@brightline.example', `/signin?callbackUrl=${encodeURIComponent(target)}`);
    const url = new URL(page.url());
    expect(url.host, target).toBe(new URL(E2E.baseURL).host);
    expect(page.url(), target).not.toContain('evil');
    await context.close();
  }
});

test('an id is only ever its canonical digits: 1e1, 01, 1.0, 0x.., +1 open nothing', async () => {
  const bob = contexts.get('buyerA')!;
  const picking = ids.A.picking;
  const order = ids.A.order;
  expect((await bob.get(`/deliveries/${picking}`)).status()).toBe(200);
  expect((await bob.get(`/api/deliveries/${picking}`)).status()).toBe(200);
  const variants = (id: number) => [
    `0${id}`,
    `${id}.0`,
    `${id}e0`,
    `${id / 10}e1`,
    `0x${id.toString(16)}`,
    `%2B${id}`,
    `%20${id}`,
    `${id}%20`,
  ];
  const got: string[] = [];
  for (const v of variants(picking)) {
    got.push(`/deliveries/${v}: ${(await bob.get(`/deliveries/${v}`, { maxRedirects: 0 })).status()}`);
    const api = await bob.get(`/api/deliveries/${v}`);
    got.push(`/api/deliveries/${v}: ${api.status()} ${(await api.json()).error?.code}`);
  }
  for (const v of variants(order)) {
    got.push(`/orders/${v}: ${(await bob.get(`/orders/${v}`, { maxRedirects: 0 })).status()}`);
    got.push(`/orders/new?from=${v}: ${(await bob.get(`/orders/new?from=${v}`, { maxRedirects: 0 })).status()}`);
  }
  expect(got).toEqual([
    ...variants(picking).flatMap((v) => [`/deliveries/${v}: 404`, `/api/deliveries/${v}: 400 bad_request`]),
    ...variants(order).flatMap((v) => [`/orders/${v}: 404`, `/orders/new?from=${v}: 404`]),
  ]);
});

test('JSON answers and downloads are private and never stored', async () => {
  const answers: string[] = [];
  for (const [person, path] of [
    ['buyerA', '/api/me'],
    ['buyerA', `/api/deliveries/${ids.A.picking}`],
    ['buyerA', `/api/deliveries/${ids.B.picking}`],
    ['buyerA', '/api/deliveries/abc'],
    ['anonymous', '/api/me'],
    ['manager', '/api/me'],
    ['anonymous', '/api/health'],
    ['buyerA', '/orders/export'],
    ['financeA', '/invoices/export'],
    ['financeA', '/statement/csv'],
  ] as const) {
    const res = await contexts.get(person)!.get(path, { maxRedirects: 0 });
    answers.push(`${person} ${path}: ${res.status()} ${res.headers()['cache-control']}`);
  }
  expect(answers).toEqual([
    'buyerA /api/me: 200 private, no-store',
    `buyerA /api/deliveries/${ids.A.picking}: 200 private, no-store`,
    `buyerA /api/deliveries/${ids.B.picking}: 404 private, no-store`,
    'buyerA /api/deliveries/abc: 400 private, no-store',
    'anonymous /api/me: 401 private, no-store',
    'manager /api/me: 403 private, no-store',
    'anonymous /api/health: 200 private, no-store',
    'buyerA /orders/export: 200 private, no-store',
    'financeA /invoices/export: 200 private, no-store',
    'financeA /statement/csv: 200 private, no-store',
  ]);
});

test('every answer carries the security headers, pages and API alike', async () => {
  for (const [person, path] of [
    ['anonymous', '/signin'],
    ['buyerA', '/orders'],
    ['buyerA', '/api/me'],
    ['anonymous', '/api/me'],
    ['financeA', '/statement/csv'],
  ] as const) {
    const res = await contexts.get(person)!.get(path, { maxRedirects: 0 });
    const h = res.headers();
    expect(h['x-request-id'], path).toBeTruthy();
    expect(h['x-content-type-options'], path).toBe('nosniff');
    expect(h['referrer-policy'], path).toBeTruthy();
    expect(h['permissions-policy'], path).toBeTruthy();
    if (path !== '/api/me' && path !== '/statement/csv') expect(h['content-security-policy'], path).toMatch(/frame-ancestors 'none'/);
  }
});

test('every CSV export quotes its text, neutralises formulas whatever the delimiter, and writes amounts as numbers', async () => {
  // The PO reference of the report: European Excel splits on “;” and would run “=cmd…”.
  const HOSTILE = `x;=cmd|' /C calc'!A0`;
  const [order] = await odooCall<{ id: number; client_order_ref: string | false }[]>('sale.order', 'search_read', {
    domain: [['id', '=', ids.A.order]],
    fields: ['client_order_ref'],
  });
  const [credit] = await odooCall<{ id: number; name: string; amount_residual: number }[]>('account.move', 'search_read', {
    domain: [
      ['partner_id', 'child_of', [ids.A.customer]],
      ['move_type', '=', 'out_refund'],
      ['state', '=', 'posted'],
      ['payment_state', '=', 'not_paid'],
    ],
    fields: ['name', 'amount_residual'],
    limit: 1,
    order: 'id',
  });
  await odooCall('sale.order', 'write', { ids: [order!.id], vals: { client_order_ref: HOSTILE } });
  await odooCall('account.move', 'write', { ids: [credit!.id], vals: { name: HOSTILE } });
  try {
    const bob = contexts.get('buyerA')!;
    const fiona = contexts.get('financeA')!;
    const dates = ['Date', 'Due date'];

    const orders = readCsv(await (await bob.get('/orders/export')).text(), {
      numberColumns: ['Total'],
      dateColumns: ['Date', 'Requested for'],
    });
    expect(orders.problems.slice(0, 10)).toEqual([]);
    expect(orders.records.filter((r) => r['Your PO'] === HOSTILE)).toHaveLength(1);

    const invoices = readCsv(await (await fiona.get('/invoices/export')).text(), {
      numberColumns: ['Total', 'Open amount'],
      dateColumns: dates,
    });
    expect(invoices.problems.slice(0, 10)).toEqual([]);
    expect(invoices.records.find((r) => r.Number === HOSTILE)).toMatchObject({
      Type: 'credit note',
      // A credit note counts for the customer: negative, like on the statement.
      'Open amount': `-${credit!.amount_residual.toFixed(2)}`,
    });

    // Credit notes count against the statement: a negative number, not the text '-4202.56.
    const statement = readCsv(await (await fiona.get('/statement/csv')).text(), {
      numberColumns: ['Days overdue', 'Open amount'],
      dateColumns: dates,
    });
    expect(statement.problems.slice(0, 10)).toEqual([]);
    expect(statement.records.find((r) => r.Number === HOSTILE)?.['Open amount']).toBe(`-${credit!.amount_residual.toFixed(2)}`);

    const zip = await fiona.get(`/invoices/bulk?ids=${ids.A.invoice},${credit!.id}`);
    expect(zip.status()).toBe(200);
    const index = readCsv((await unzip(await zip.body())).get('index.csv')!.toString('utf8'), {
      numberColumns: ['Total', 'Open amount'],
      dateColumns: dates,
    });
    expect(index.problems.slice(0, 10)).toEqual([]);
    expect(index.records.map((r) => r.Number)).toContain(HOSTILE);
    expect(index.records.find((r) => r.Number === HOSTILE)?.['Open amount']).toBe(`-${credit!.amount_residual.toFixed(2)}`);
  } finally {
    await odooCall('sale.order', 'write', { ids: [order!.id], vals: { client_order_ref: order!.client_order_ref } });
    await odooCall('account.move', 'write', { ids: [credit!.id], vals: { name: credit!.name } });
  }
});
