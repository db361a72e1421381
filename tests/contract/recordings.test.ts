import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OdooSimulator } from '../../odoo-sim/server';
import { TEST_TODAY } from '../helpers/odoo-sim';
import { sameShape } from '../helpers/same-shape';

/**
 * Replays every request recorded from a real Odoo 19.0 server against the simulator and
 * checks the answer has the same status, envelope and shape (keys and value types; `false`
 * stands for "empty" of any type). Error names and, where the text does not depend on the
 * data, messages must match exactly.
 */
// Odoo 19's recorded requests and answers, kept in the repository so a clone runs them on its own.
const DIR = join(__dirname, 'odoo-19-recordings');
interface Recording {
  description: string;
  request: { method: string; url: string; headers?: Record<string, string>; body: unknown };
  response: { http_status: number; content_type?: string | null; body: unknown };
  then?: { request: { url: string }; response: { http_status: number; content_type: string } };
}
const files = readdirSync(DIR).filter((f) => /^\d.*\.json$/.test(f) && !f.startsWith('09_'));

/** Messages that name data of the recorded database (user names, group lists) are compared by exception name only. */
const NAME_ONLY = new Set(['05h_error_portal_read_other_partner.json', '05j_error_portal_write.json']);

let sim: OdooSimulator;
let base: string;
let sessionCookie = '';
/** 06b/06c confirm and read "the order just created" (28 on the recorded server): the one 06a creates here. */
let createdOrderId = 0;

beforeAll(async () => {
  sim = new OdooSimulator({ seed: 42, today: TEST_TODAY, database: 'portal' });
  base = await sim.listen(0);
  // The recorded server's portal users: uid 6 sees its own company only, uid 7 another one.
  const ownerOf21 = sim.store.get('sale.order', 21)!.partner_id as number;
  const [outsider, insider] = [[11, 10, 9, 12].find((c) => c !== ownerOf21)!, ownerOf21];
  for (const [uid, login, password, company] of [
    [6, 'portal', 'portal', outsider],
    [7, 'oscar.morgan11@example.com', 'oscar1234', insider],
  ] as const) {
    const contact = [...sim.store.all('res.partner')].find((p) => p.parent_id === company && p.type === 'contact')!;
    sim.store.insert('res.users', { name: contact.name, login, partner_id: contact.id, share: true, active: true }, uid);
    sim.addCredentials(login, uid, password);
  }
  // The recorded server's demo products 15 and 20 (06d, 08j) carry no taxes, and Odoo's onchange leaves an empty tax_ids out.
  for (const id of [15, 20]) sim.store.update('product.product', id, { taxes_id: [] });
  // The API key shown as <admin-api-key> in the recordings.
  sim.addCredentials('admin', 2, 'admin', ['<admin-api-key>']);
});
afterAll(() => sim.close());

async function send(req: Recording['request'], extraHeaders: Record<string, string> = {}) {
  const url = req.url.replace('http://127.0.0.1:8069', base).replace('<token>', await tokenFor(req.url));
  return fetch(url, {
    method: req.method,
    headers: { ...(req.headers ?? {}), ...extraHeaders },
    body: req.method === 'POST' ? JSON.stringify(req.body) : undefined,
    redirect: 'manual',
  });
}

async function tokenFor(url: string): Promise<string> {
  const id = /\/my\/invoices\/(\d+)/.exec(url)?.[1];
  const token = id ? sim.store.get('account.move', Number(id))?.access_token : undefined;
  return typeof token === 'string' ? token : '';
}

describe('the simulator answers the recorded Odoo 19 requests alike', () => {
  for (const file of files) {
    it(file, async () => {
      const rec = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Recording;
      const needsSession = rec.request.headers?.Cookie || rec.request.url.includes('/web/dataset/');
      const extra: Record<string, string> = needsSession ? { Cookie: sessionCookie } : {};
      if (file.startsWith('06b') || file.startsWith('06c')) {
        rec.request.body = JSON.parse(JSON.stringify(rec.request.body).replace('[[28]]', `[[${createdOrderId}]]`));
      }
      const res = await send(rec.request, extra);
      expect(res.status, rec.description).toBe(rec.response.http_status);
      const type = res.headers.get('content-type') ?? '';
      if (file === '07a_web_session_authenticate.json')
        sessionCookie = /session_id=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? '';

      if (rec.response.content_type === 'application/pdf') {
        expect(type).toBe('application/pdf');
        expect(
          Buffer.from(await res.arrayBuffer())
            .subarray(0, 5)
            .toString(),
        ).toBe('%PDF-');
        return;
      }
      if (rec.response.http_status === 303) {
        expect(res.headers.get('location')).toMatch(/^\/web\/login\?redirect=/);
        return;
      }
      if (rec.response.content_type?.startsWith('text/html')) {
        expect(type).toBe(rec.response.content_type);
        expect(await res.text()).toBe(rec.response.body);
        return;
      }
      const body = await res.json();
      const expected = rec.response.body as Record<string, unknown>;
      const expectedError =
        (expected?.error as { data: Record<string, unknown> } | undefined)?.data ??
        (rec.response.http_status !== 200 ? expected : undefined);
      if (expectedError) {
        const actualError = body.error?.data ?? body;
        expect(actualError.name).toBe(expectedError.name);
        if (!NAME_ONLY.has(file)) expect(actualError.message).toBe(expectedError.message);
        if (body.error) expect(body.error.code).toBe(0);
        return;
      }
      if (file === '07a_web_session_authenticate.json') {
        // The session info carries many web-client settings; the gateway needs uid and the version.
        expect(sessionCookie).toMatch(/^session_id=/);
        expect(body.result).toMatchObject({ uid: 2, db: 'portal', server_version_info: [19, 0, 0, 'final', 0, ''] });
        return;
      }
      expect(sameShape(expected, body)).toEqual([]);
      if (file.startsWith('06a')) createdOrderId = body.result;
      if (rec.then) {
        const next = await send({ method: 'GET', url: `http://127.0.0.1:8069${body}`, body: null });
        expect(next.status).toBe(rec.then.response.http_status);
        expect(next.headers.get('content-type')).toBe(rec.then.response.content_type);
        expect(
          Buffer.from(await next.arrayBuffer())
            .subarray(0, 5)
            .toString(),
        ).toBe('%PDF-');
      }
    });
  }
});
