import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '../../app/api/odoo-webhook/route';
import { OdooCallLog } from '../../lib/odoo/call-log';
import { OdooGateway, type OdooClient } from '../../lib/odoo/client';
import { odooConfigFromEnv } from '../../lib/odoo/config';
import { createCacheBus, setCacheBus } from '../../lib/portal/cache-bus';
import { getInvoice } from '../../lib/portal/invoices';
import { getOrder, listOrders } from '../../lib/portal/orders';
import { setTenantReadCache, TenantReadCache } from '../../lib/portal/read-cache';
import { identityResolver } from '../../lib/session/identity';
import { orderListQuery } from '../../lib/schemas/orders';
import type { PortalContext } from '../../lib/context';
import type { Role } from '../../lib/roles';
import { installWebhookRules, removeWebhookRules } from '../../scripts/odoo-webhooks';

/**
 * Against a REAL Odoo 17+ (ODOO_URL, ODOO_DB, ODOO_LOGIN, ODOO_API_KEY of an administrator,
 * e.g. `. /var/tmp/odoo19/env`): `npm run test:real-odoo:webhooks`. Installs the portal's
 * automation rules (under a label of their own, removed afterwards) pointing at the portal's
 * webhook route served here, changes an order in Odoo over RPC, and checks that Odoo's call
 * arrives and that the order page's read shows the change at once, where the cache alone would
 * have kept the old answer for its TTL. Works on its own company and quotation, so the demo
 * data other suites use is left alone.
 */
const configured = !!process.env.ODOO_URL && !!process.env.ODOO_API_KEY;
if (!configured)
  console.log(
    '[real-odoo] webhook cache test skipped: no real Odoo configured (set ODOO_URL, ODOO_DB, ODOO_LOGIN, ODOO_API_KEY of an Odoo administrator).',
  );

const SECRET = 'real-odoo-webhook-test-secret-0123456789';
const LABEL = `Portal cache test ${process.pid}`;
let server: Server;
let admin: OdooClient;
let gateway: OdooGateway;
let company = 0;
let orderId = 0;
let cache: TenantReadCache;
const arrivals: { status: number; body: string }[] = [];
let arrived: (() => void) | undefined;

beforeAll(async () => {
  if (!configured) return;
  process.env.ODOO_WEBHOOK_SECRET = SECRET;
  gateway = new OdooGateway({ ...odooConfigFromEnv(), timeoutMs: 60_000 });
  admin = gateway.client();
  cache = new TenantReadCache(300_000);
  setTenantReadCache(cache);
  setCacheBus(createCacheBus(cache));
  // The portal's webhook route, as Next serves it, on a port Odoo reaches.
  const forward = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const answer = await POST(
      new Request(`http://127.0.0.1${req.url}`, {
        method: 'POST',
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      }),
    );
    const body = await answer.text();
    arrivals.push({ status: answer.status, body });
    res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(body);
    arrived?.();
  };
  server = createServer((req, res) => void forward(req, res));
  await new Promise<void>((resolve) => server.listen(Number(process.env.REAL_ODOO_WEBHOOK_PORT ?? 0), '127.0.0.1', resolve));
  const portalUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await installWebhookRules(admin, portalUrl, SECRET, { label: LABEL });

  const name = 'Portal cache webhook test company';
  const [found] = await admin.searchRead(
    'res.partner',
    [
      ['name', '=', name],
      ['is_company', '=', true],
    ],
    { fields: ['id'], limit: 1 },
  );
  company = found?.id ?? (await admin.create('res.partner', { name, is_company: true }));
  orderId = await admin.create('sale.order', { partner_id: company, client_order_ref: 'PO-WEBHOOK-BEFORE' });
}, 180_000);

afterAll(async () => {
  if (!configured) return;
  await removeWebhookRules(admin, { label: LABEL }).catch(() => {});
  if (orderId) await admin.callMethod('sale.order', 'unlink', [orderId]).catch(() => {});
  await new Promise((resolve) => server.close(resolve));
}, 60_000);

function buyer(roles: Role[] = ['buyer']): PortalContext {
  const requestId = `real-odoo-webhook-${Date.now()}`;
  return {
    requestId,
    ip: null,
    user: { sub: 'webhook-test', email: null, name: 'Webhook test' },
    contact: { id: company, name: 'Webhook test' },
    locale: 'en',
    tenant: { id: company, name: 'Portal cache webhook test company' },
    roles: new Set(roles),
    odoo: gateway.client(new OdooCallLog(requestId)),
  };
}

/** Resolves once `n` more webhook calls than `seen` have reached the portal (or fails after `ms`). */
async function arrivalsBeyond(seen: number, n: number, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (arrivals.length < seen + n) {
    if (Date.now() > until) throw new Error(`${arrivals.length - seen} of ${n} webhook calls from Odoo within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves at the next webhook call that reaches the portal (or fails after `ms`). */
function nextArrival(ms = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no webhook from Odoo within ${ms} ms`)), ms);
    arrived = () => {
      clearTimeout(timer);
      arrived = undefined;
      resolve();
    };
  });
}

describe.runIf(configured)('Odoo’s webhook ends the portal’s cached reads (real Odoo)', () => {
  it('a change made in Odoo over RPC reaches the portal and the order page reads it at once', async () => {
    const before = await getOrder(buyer(), orderId);
    expect(before?.poReference).toBe('PO-WEBHOOK-BEFORE');
    expect((await listOrders(buyer(), orderListQuery.parse({}))).rows.map((r) => r.id)).toContain(orderId);

    const patchedBefore = cache.stats.patched;
    const webhook = nextArrival();
    await admin.write('sale.order', [orderId], { client_order_ref: 'PO-WEBHOOK-AFTER' });
    await webhook;
    const call = arrivals.at(-1)!;
    expect(call.status).toBe(200);
    expect(JSON.parse(call.body)).toEqual({ ok: true, model: 'sale.order', tenants: [company] });

    // The cache keeps entries for 5 minutes here: only the webhook can have ended them.
    expect((await getOrder(buyer(), orderId))?.poReference).toBe('PO-WEBHOOK-AFTER');
    expect((await listOrders(buyer(), orderListQuery.parse({}))).rows.find((r) => r.id === orderId)?.poReference).toBe('PO-WEBHOOK-AFTER');
    // The list re-read only the order the webhook named, with its own filters, on this real Odoo.
    expect(cache.stats.patched - patchedBefore).toBe(1);
  });

  it('an invoice changed in Odoo: its page re-reads the invoice alone while its lines are as they were, and in full once one changed', async () => {
    const finance = () => buyer(['finance']);
    const invoiceId = await admin.create('account.move', {
      move_type: 'out_invoice',
      partner_id: company,
      invoice_line_ids: [[0, 0, { name: 'Portal webhook test line', quantity: 2, price_unit: 10 }]],
    });
    try {
      let seen = arrivals.length;
      await admin.callMethod('account.move', 'action_post', [invoiceId]);
      await arrivalsBeyond(seen, 1);
      const page = (await getInvoice(finance(), invoiceId))!;
      expect(page.lines.map((l) => l.description)).toEqual(['Portal webhook test line']);

      // Odoo stores the reference on every line of the invoice too: the lines are still as they were.
      let patched = cache.stats.patched;
      seen = arrivals.length;
      await admin.write('account.move', [invoiceId], { ref: 'REF-WEBHOOK-AFTER' });
      await arrivalsBeyond(seen, 1);
      expect(await getInvoice(finance(), invoiceId)).toEqual({ ...page, reference: 'REF-WEBHOOK-AFTER' });
      expect(cache.stats.patched - patched).toBe(1);

      // Reset to draft, a line relabelled and posted again, unseen in between: read in full.
      patched = cache.stats.patched;
      seen = arrivals.length;
      await admin.callMethod('account.move', 'button_draft', [invoiceId]);
      await admin.write('account.move', [invoiceId], { invoice_line_ids: [[1, page.lines[0]!.id, { name: 'Relabelled in Odoo' }]] });
      await admin.callMethod('account.move', 'action_post', [invoiceId]);
      await arrivalsBeyond(seen, 3);
      expect((await getInvoice(finance(), invoiceId))!.lines.map((l) => l.description)).toEqual(['Relabelled in Odoo']);
      expect(cache.stats.patched - patched).toBe(0);
    } finally {
      await admin.callMethod('account.move', 'button_draft', [invoiceId]).catch(() => {});
      await admin.callMethod('account.move', 'unlink', [invoiceId]).catch(() => {});
    }
  });

  it('a contact moved to another company in Odoo is mapped to the new one at its next request', async () => {
    const email = `portal-webhook-move-${process.pid}@example.com`;
    const other = await admin.create('res.partner', { name: `Portal cache webhook other company ${process.pid}`, is_company: true });
    const contact = await admin.create('res.partner', { name: 'Portal webhook move test', email, parent_id: company });
    const claims = { sub: email, email, emailVerified: true };
    const tenantOf = async () => {
      const identity = await identityResolver().resolve(gateway.client(), claims);
      return identity.kind === 'customer' ? identity.tenant.id : identity.kind;
    };
    try {
      expect(await tenantOf()).toBe(company);
      const webhook = nextArrival();
      await admin.write('res.partner', [contact], { parent_id: other });
      await webhook;
      expect(JSON.parse(arrivals.at(-1)!.body)).toEqual({ ok: true, model: 'res.partner', tenants: [other] });
      // The mapping is kept for PORTAL_MAPPING_TTL_SECONDS: only the webhook can have ended it.
      expect(await tenantOf()).toBe(other);
    } finally {
      await admin.write('res.partner', [contact, other], { active: false }).catch(() => {});
      identityResolver().forget();
    }
  });

  it('Odoo’s call with a wrong token is refused and ends nothing', async () => {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/odoo-webhook?token=wrong`, {
      method: 'POST',
      body: JSON.stringify({ _model: 'sale.order', _id: orderId }),
    });
    expect(res.status).toBe(401);
  });
});
