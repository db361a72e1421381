/**
 * The request id: the one a load balancer or client sent when it is well formed (so logs
 * can be matched across systems), else a fresh one. Anything else a client puts in
 * X-Request-Id could end up in HTML, logs and audit rows, so it is never used.
 */
const WELL_FORMED = /^[A-Za-z0-9._-]{8,64}$/;

export function requestIdFrom(headers: { get(name: string): string | null }): string {
  const sent = headers.get('x-request-id');
  return sent && WELL_FORMED.test(sent) ? sent : crypto.randomUUID();
}
