import { randomUUID } from 'node:crypto';
import { portalConfig } from '@/lib/config';
import { PortalError } from '@/lib/errors';
import { errorResponse } from '@/lib/http/route';
import { clientIp, ipLimitKey } from '@/lib/http/client-ip';
import { tooManyRequests } from '@/lib/http/too-many-requests';
import { portalLimiters } from '@/lib/limits';
import { toPortalError } from '@/lib/portal/to-portal-error';
import { log } from '@/lib/log';
import { requestOdooClient } from '@/lib/portal/odoo-client';
import { applyOdooChange, webhookBody } from '@/lib/portal/odoo-webhook';
import { verifyWebhook } from '@/lib/webhook-auth';

const MAX_BODY_BYTES = 64 * 1024;

/**
 * Odoo tells the portal that a record changed (an automation rule installed by
 * scripts/odoo-webhooks.ts, or any sender holding ODOO_WEBHOOK_SECRET): the tenant's cached
 * reads of that model end on every instance. No session: the proof is the URL token or the
 * HMAC signature (lib/webhook-auth.ts), checked before the body is even parsed. It answers
 * quickly: Odoo waits for it (1 s at most) before it answers its own user.
 * Calls that fail the check (or send a body past the limit) count per address: past
 * RATE_LIMIT_WEBHOOK_FAILURES_PER_IP in 15 minutes, that address's failing calls get 429
 * instead of 401, which tells a guesser to stop. A correctly signed call always goes
 * through: Odoo may share its address with other databases (Odoo Online, Odoo.sh), and
 * their senders must not be able to shut its notifications out.
 */
export async function POST(req: Request): Promise<Response> {
  const requestId = req.headers.get('x-request-id') ?? randomUUID();
  const ip = clientIp(req.headers);
  /** A failed call, counted for its address; the answer is 429 once the address is over its limit. */
  const refuse = async (error: PortalError, reason: string): Promise<Response> => {
    log.warn({ requestId, ip, reason }, 'odoo webhook refused');
    const counted = ip ? await portalLimiters().webhookFailuresByIp.consume(ipLimitKey(ip)) : ({ allowed: true } as const);
    if (!counted.allowed) return tooManyRequests('json', counted.retryAfterSeconds, requestId);
    return errorResponse(error, requestId);
  };
  try {
    const rawBody = await readBody(req);
    if (rawBody === null) return await refuse(new PortalError('bad_request', 'The body is too large.'), 'too-large');
    const auth = verifyWebhook(portalConfig().ODOO_WEBHOOK_SECRET, {
      rawBody,
      timestamp: req.headers.get('x-portal-timestamp'),
      signature: req.headers.get('x-portal-signature'),
      urlToken: new URL(req.url).searchParams.get('token'),
    });
    if (!auth.ok)
      return await refuse(new PortalError('unauthenticated', 'This webhook call is not signed with the portal’s secret.'), auth.reason);
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw new PortalError('bad_request', 'The body is not JSON.');
    }
    const body = webhookBody.parse(json);
    const result = await applyOdooChange(requestOdooClient(requestId), body);
    log.info({ requestId, via: auth.via, ...result }, 'odoo webhook');
    return Response.json({ ok: true, ...result });
  } catch (err) {
    return errorResponse(toPortalError(err, requestId), requestId);
  }
}

/** The raw body (the signature covers its exact bytes), or null past MAX_BODY_BYTES, without reading on. */
async function readBody(req: Request): Promise<string | null> {
  if (Number(req.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
    size += read.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader!.cancel();
      return null;
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
