import { isIP } from 'node:net';
import { portalConfig } from '../config';

/**
 * The client's IP address, for the rate limits and the audit trail: the one place that
 * decides which header to believe.
 *
 * A client can send any X-Forwarded-For it likes, and Next.js keeps a client-sent one
 * (it fills the header with the socket address only when it is missing), so the header
 * proves nothing by itself. With TRUSTED_PROXY_HOPS=0 (no reverse proxy) the client is
 * the TCP peer; with n, the address that the n-th proxy, counted from the portal, put in
 * X-Forwarded-For. Entries further left were written by the client and are ignored.
 *
 * Next gives the proxy and pages no socket address, so instrumentation.ts subscribes to
 * Node's `http.server.request.start` channel and writes the peer address into
 * PEER_ADDRESS_HEADER on each request before Next reads it, replacing any copy the client
 * sent. The header is believed only while that subscription is installed in this process.
 */
export const PEER_ADDRESS_HEADER = 'x-portal-peer-address';
const PEER_HOOK = Symbol.for('portal.peerAddressHook');

interface HeaderSource {
  get(name: string): string | null;
}

/** Marks the peer-address header as written by this process (lib/http/peer-address-hook.ts). */
export function markPeerAddressHookInstalled(): void {
  (globalThis as { [PEER_HOOK]?: true })[PEER_HOOK] = true;
}

export function peerAddressHookInstalled(): boolean {
  return (globalThis as { [PEER_HOOK]?: true })[PEER_HOOK] === true;
}

/** This request's client address with the portal's settings, or null when it cannot be known. */
export function clientIp(headers: HeaderSource): string | null {
  return clientIpFrom(headers, { trustedHops: portalConfig().TRUSTED_PROXY_HOPS, peerHeaderTrusted: peerAddressHookInstalled() });
}

/**
 * The address `trustedHops` away from the portal: hop 0 is the TCP peer, hop k the k-th
 * X-Forwarded-For entry from the right. With fewer entries than hops (a request that
 * reached the portal past some proxy), the farthest one there is, as Express does.
 */
export function clientIpFrom(headers: HeaderSource, opts: { trustedHops: number; peerHeaderTrusted: boolean }): string | null {
  const peer = opts.peerHeaderTrusted ? headers.get(PEER_ADDRESS_HEADER) : null;
  if (opts.trustedHops === 0) return normalizeIp(peer);
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const hops = [peer, ...forwarded.reverse()];
  return normalizeIp(hops[Math.min(opts.trustedHops, hops.length - 1)] ?? null);
}

/** An IP address in one spelling (IPv4-mapped IPv6 as IPv4, a port dropped), or null if it is none. */
export function normalizeIp(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let ip = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed) ip = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(':'));
  ip = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) ip = mapped[1]!;
  return isIP(ip) ? ip : null;
}

/**
 * The key an address is rate-limited under. An IPv6 host usually holds a whole /64 and can
 * pick a new address in it for every request, so IPv6 is limited per /64 prefix.
 */
export function ipLimitKey(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  return `${expandIpv6(ip).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(ip: string): string[] {
  const [head, tail] = ip.includes('::') ? (ip.split('::') as [string, string]) : [ip, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::1.2.3.4) is two groups.
  const last = right.length ? right : left;
  if (last.length && last[last.length - 1]!.includes('.')) {
    const v4 = last.pop()!.split('.').map(Number);
    last.push(((v4[0]! << 8) | v4[1]!).toString(16), ((v4[2]! << 8) | v4[3]!).toString(16));
  }
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => g.replace(/^0+(?=.)/, ''));
}
