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
 * An address whose calls failed the check RATE_LIMIT_WEBHOOK_FAILURES_PER_IP times in 15
 * minutes is answered 429 before its body is read: guessing the secret or flooding the
 * endpoint costs the guesser, not the portal.
 */
export async function POST(req: Request): Promise<Response> {
  const requestId = req.headers.get('x-request-id') ?? randomUUID();
  const ip = clientIp(req.headers);
  const failures = portalLimiters().webhookFailuresByIp;
  try {
    if (ip) {
      const admitted = await failures.check(ipLimitKey(ip));
      if (!admitted.allowed) return tooManyRequests('json', admitted.retryAfterSeconds, requestId);
    }
    const rawBody = await readBody(req);
    const auth = verifyWebhook(portalConfig().ODOO_WEBHOOK_SECRET, {
      rawBody,
      timestamp: req.headers.get('x-portal-timestamp'),
      signature: req.headers.get('x-portal-signature'),
      urlToken: new URL(req.url).searchParams.get('token'),
    });
    if (!auth.ok) {
      log.warn({ requestId, ip, reason: auth.reason }, 'odoo webhook refused');
      if (ip) await failures.consume(ipLimitKey(ip));
      throw new PortalError('unauthenticated', 'This webhook call is not signed with the portal’s secret.');
    }
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

/** The raw body (the signature covers its exact bytes), refused past MAX_BODY_BYTES without reading on. */
async function readBody(req: Request): Promise<string> {
  const tooLarge = () => new PortalError('bad_request', 'The body is too large.');
  if (Number(req.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
    size += read.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader!.cancel();
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
