import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import type { PortalContext } from '../../lib/context';
import type { OdooClient } from '../../lib/odoo';
import type { Role } from '../../lib/roles';

/**
 * GET /api/products (the quick order's typeahead) between the session and the search: who
 * may search, and what a bad search text answers. The session, the audit trail and the
 * search itself are replaced; tests/integration/product-search.test.ts covers the search.
 */

const session = vi.hoisted(() => ({ ctx: undefined as PortalContext | undefined }));
vi.mock('../../lib/session/require-session', () => ({
  loadSession: async () => (session.ctx ? { status: 'customer', ctx: session.ctx } : { status: 'anonymous' }),
}));
vi.mock('../../lib/portal/audit', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/portal/audit')>()),
  settleRequest: vi.fn(async () => {}),
}));
vi.mock('../../lib/portal/product-search', () => ({
  searchProducts: vi.fn(async (_ctx: PortalContext, q: string) => ({ query: q, currency: 'USD', products: [] })),
}));

const { GET } = await import('../../app/api/products/route');
const { searchProducts } = await import('../../lib/portal/product-search');

const context = (roles: Role[]): PortalContext => ({
  requestId: 'req-1',
  ip: null,
  user: { sub: 'idp|bob', email: null, name: 'Bob Buyer' },
  contact: { id: 21, name: 'Bob Buyer' },
  tenant: { id: 10, name: 'Brightline Hardware Ltd' },
  roles: new Set(roles),
  locale: 'en',
  odoo: { callLog: { serverTiming: () => 'odoo;dur=0' } } as unknown as OdooClient,
});

async function search(query: string) {
  const res = await GET(new NextRequest(`http://portal.test/api/products${query}`), { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string }; query?: string } };
}

beforeEach(() => {
  session.ctx = context(['buyer']);
  vi.mocked(searchProducts).mockClear();
});

describe('GET /api/products', () => {
  it('searches with the trimmed text for a buyer', async () => {
    expect(await search('?q=%20%20hex%20bolt%20')).toMatchObject({ status: 200, body: { query: 'hex bolt' } });
    expect(searchProducts).toHaveBeenCalledWith(session.ctx, 'hex bolt');
  });

  it.each([
    ['no text', '', /at least 2 characters/],
    ['one character', '?q=h', /at least 2 characters/],
    ['one character between spaces', '?q=%20h%20%20', /at least 2 characters/],
    ['61 characters', `?q=${'a'.repeat(61)}`, /at most 60 characters/],
    ['a NUL', '?q=ab%00cd', /control characters/],
    ['an escape sequence', '?q=ab%1B%5B2J', /control characters/],
    ['a line break', '?q=ab%0Acd', /control characters/],
    ['the text twice', '?q=hex&q=bolt', /more than once/],
  ])('answers %s with 400 and a sentence saying why, searching nothing', async (_what, query, message) => {
    const { status, body } = await search(query);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(message) });
    expect(searchProducts).not.toHaveBeenCalled();
  });

  it('takes 60 characters', async () => {
    expect((await search(`?q=${'a'.repeat(60)}`)).status).toBe(200);
  });

  it('refuses those who may not order (a viewer, finance) with 403, and the signed-out with 401', async () => {
    for (const role of ['viewer', 'finance'] as const) {
      session.ctx = context([role]);
      expect(await search('?q=hex')).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    }
    session.ctx = undefined;
    expect((await search('?q=hex')).status).toBe(401);
    expect(searchProducts).not.toHaveBeenCalled();
  });
});

describe('a route’s query through withPortalRoute', () => {
  it('reads a parameter named like an object’s own function as any other, and still refuses one given twice', async () => {
    const { withPortalRoute: route } = await import('../../lib/http/route');
    const { z } = await import('zod');
    const GET_QUERY = route({ query: z.object({ from: z.string().optional() }) }, async ({ query }) => query);
    const get = async (q: string) => {
      const res = await GET_QUERY(new NextRequest(`http://portal.test/x${q}`), { params: Promise.resolve({}) });
      return { status: res.status, body: (await res.json()) as { error?: { message: string } } };
    };
    expect(await get('?from=a&toString=1&constructor=2&__proto__=3')).toMatchObject({ status: 200, body: { from: 'a' } });
    expect(await get('?from=a&from=b')).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/more than once/) } },
    });
  });
});
