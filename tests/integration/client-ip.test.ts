import { request as httpRequest, createServer, type Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { clientIpFrom, ipLimitKey, normalizeIp, PEER_ADDRESS_HEADER, peerAddressHookInstalled } from '../../lib/http/client-ip';
import { installPeerAddressHook } from '../../lib/http/peer-address-hook';
import { requestIdFrom } from '../../lib/http/request-id';
import { tooManyRequests } from '../../lib/http/too-many-requests';

const h = (entries: Record<string, string>) => new Headers(entries);
const trusted = (hops: number) => ({ trustedHops: hops, peerHeaderTrusted: true });

describe('client IP', () => {
  it('with no proxy configured is the TCP peer, whatever X-Forwarded-For or X-Real-IP say', () => {
    const headers = h({ [PEER_ADDRESS_HEADER]: '::ffff:203.0.113.7', 'x-forwarded-for': '198.51.100.1', 'x-real-ip': '198.51.100.2' });
    expect(clientIpFrom(headers, trusted(0))).toBe('203.0.113.7');
  });

  it('behind n proxies is the n-th X-Forwarded-For entry from the right; entries the client wrote are ignored', () => {
    // The client sent "6.6.6.6"; the load balancer appended the address it saw, 203.0.113.7.
    const oneProxy = h({ [PEER_ADDRESS_HEADER]: '10.0.0.2', 'x-forwarded-for': '6.6.6.6, 203.0.113.7' });
    expect(clientIpFrom(oneProxy, trusted(1))).toBe('203.0.113.7');
    // CDN → load balancer → portal.
    const twoProxies = h({ [PEER_ADDRESS_HEADER]: '10.0.0.2', 'x-forwarded-for': '6.6.6.6,203.0.113.7, 192.0.2.50' });
    expect(clientIpFrom(twoProxies, trusted(2))).toBe('203.0.113.7');
    // Fewer entries than hops: the farthest address there is.
    expect(clientIpFrom(h({ [PEER_ADDRESS_HEADER]: '10.0.0.2', 'x-forwarded-for': '203.0.113.7' }), trusted(3))).toBe('203.0.113.7');
    expect(clientIpFrom(h({ [PEER_ADDRESS_HEADER]: '10.0.0.2' }), trusted(1))).toBe('10.0.0.2');
  });

  it('believes the peer-address header only while this process writes it', () => {
    const forged = h({ [PEER_ADDRESS_HEADER]: '203.0.113.7', 'x-forwarded-for': '198.51.100.1' });
    expect(clientIpFrom(forged, { trustedHops: 0, peerHeaderTrusted: false })).toBeNull();
  });

  it('is null rather than a made-up value when the trusted entry is no address', () => {
    expect(clientIpFrom(h({ [PEER_ADDRESS_HEADER]: '10.0.0.2', 'x-forwarded-for': 'unknown' }), trusted(1))).toBeNull();
    expect(clientIpFrom(h({}), trusted(0))).toBeNull();
  });

  it('spells addresses one way: IPv4-mapped IPv6 as IPv4, ports dropped, IPv6 lower case', () => {
    expect(normalizeIp('::FFFF:192.0.2.1')).toBe('192.0.2.1');
    expect(normalizeIp('192.0.2.1:51234')).toBe('192.0.2.1');
    expect(normalizeIp('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(normalizeIp('<script>')).toBeNull();
  });

  it('limits IPv6 per /64, so a host cannot pick a fresh address for each request', () => {
    expect(ipLimitKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(ipLimitKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(ipLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(ipLimitKey('192.0.2.1')).toBe('192.0.2.1');
  });
});

describe('the peer-address hook', () => {
  let server: Server | undefined;
  afterAll(() => server?.close());

  it("writes the socket's address over any copy the client sent, before the server sees the request", async () => {
    installPeerAddressHook();
    expect(peerAddressHookInstalled()).toBe(true);
    server = createServer((req, res) => res.end(JSON.stringify(req.headers)));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const seen = await new Promise<Record<string, string>>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, localAddress: '127.0.0.9', headers: { [PEER_ADDRESS_HEADER]: '6.6.6.6' } },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve(JSON.parse(body)));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(seen[PEER_ADDRESS_HEADER]).toBe('127.0.0.9');
  });
});

describe('request id', () => {
  it('keeps a well-formed id and replaces anything else', () => {
    expect(requestIdFrom(h({ 'x-request-id': 'lb-2024.abc_DEF-1' }))).toBe('lb-2024.abc_DEF-1');
    for (const bad of ['<script>alert(1)</script>', 'short', 'a'.repeat(65), 'with space 123', 'quote"1234567']) {
      const id = requestIdFrom(h({ 'x-request-id': bad }));
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requestIdFrom(h({}))).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('the 429 page escapes what it shows', async () => {
    const res = tooManyRequests('html', 30, '"><img src=x onerror=alert(1)>');
    const body = await res.text();
    expect(body).not.toContain('<img');
    expect(body).toContain('&#34;&#62;&#60;img src=x onerror=alert(1)&#62;');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(body).toContain('<h1>Too many requests</h1>');
  });
});
