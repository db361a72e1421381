import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a sender proves it holds ODOO_WEBHOOK_SECRET, two ways:
 *
 * 1. Signed (any sender that can set headers): `X-Portal-Timestamp: <unix seconds>` and
 *    `X-Portal-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`. The
 *    timestamp must be within REPLAY_WINDOW_SECONDS of now, so a captured request cannot be
 *    replayed later.
 * 2. A token in the URL (`?token=`), for Odoo's "Send Webhook Notification" automation,
 *    which posts a fixed JSON body to a fixed URL and can neither sign nor add a header.
 *    The token is derived from the secret (HMAC of a fixed label), so the secret itself
 *    never appears in Odoo. It is as strong as the URL is secret: Odoo's administrators see
 *    it on the rule and its server log prints the URL of every call; it has no replay
 *    protection. What it allows is limited: the endpoint only ends cached reads (the next
 *    page view asks Odoo again), it reads and returns no data.
 *
 * Every comparison is constant-time.
 */
export const REPLAY_WINDOW_SECONDS = 300;

const hmac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest();

/** The URL token for Odoo's webhook rules. */
export function webhookUrlToken(secret: string): string {
  return hmac(secret, 'portal odoo-webhook url token v1').toString('base64url');
}

/** The headers a signing sender adds (tests and scripts use it too). */
export function signWebhook(secret: string, rawBody: string, nowSeconds = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    'X-Portal-Timestamp': String(nowSeconds),
    'X-Portal-Signature': `sha256=${hmac(secret, `${nowSeconds}.${rawBody}`).toString('hex')}`,
  };
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export type WebhookAuth =
  | { ok: true; via: 'signature' | 'url-token' }
  | { ok: false; reason: 'no-secret' | 'missing' | 'bad-signature' | 'stale-timestamp' | 'bad-token' };

export function verifyWebhook(
  secret: string | undefined,
  request: { rawBody: string; timestamp: string | null; signature: string | null; urlToken: string | null },
  nowSeconds = Math.floor(Date.now() / 1000),
): WebhookAuth {
  if (!secret) return { ok: false, reason: 'no-secret' };
  if (request.signature !== null || request.timestamp !== null) {
    const ts = Number(request.timestamp);
    if (!/^\d{1,12}$/.test(request.timestamp ?? '') || Math.abs(nowSeconds - ts) > REPLAY_WINDOW_SECONDS)
      return { ok: false, reason: 'stale-timestamp' };
    const given = /^sha256=([0-9a-f]{64})$/.exec(request.signature ?? '')?.[1];
    if (!given) return { ok: false, reason: 'bad-signature' };
    return sameBytes(Buffer.from(given, 'hex'), hmac(secret, `${request.timestamp}.${request.rawBody}`))
      ? { ok: true, via: 'signature' }
      : { ok: false, reason: 'bad-signature' };
  }
  if (request.urlToken !== null) {
    return sameBytes(Buffer.from(request.urlToken), Buffer.from(webhookUrlToken(secret)))
      ? { ok: true, via: 'url-token' }
      : { ok: false, reason: 'bad-token' };
  }
  return { ok: false, reason: 'missing' };
}
