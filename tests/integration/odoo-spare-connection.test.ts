import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { spareConnector, type SpareConnectorOptions } from '../../lib/odoo/spare-connection';

/**
 * A server that answers as Odoo's own does: each request on its own connection, answered with
 * `Connection: close` and the connection closed. `idleTimeoutMs` closes a connection that
 * sends nothing for that long, as Odoo's prefork workers do after 2 s.
 */
interface Seen {
  acceptedAt: number;
  requestAt?: number;
  closedByClient: boolean;
}

const servers: Server[] = [];
const agents: Agent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.destroy()));
  for (const s of servers.splice(0)) s.close();
});

async function odooLikeServer(idleTimeoutMs?: number) {
  const seen: Seen[] = [];
  const server = createServer((socket: Socket) => {
    const conn: Seen = { acceptedAt: performance.now(), closedByClient: false };
    seen.push(conn);
    if (idleTimeoutMs) socket.setTimeout(idleTimeoutMs, () => socket.end());
    socket.once('end', () => (conn.closedByClient = conn.requestAt === undefined));
    socket.once('data', () => {
      conn.requestAt = performance.now();
      socket.setTimeout(0);
      socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}');
    });
    socket.on('error', () => {});
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function client(options: Partial<SpareConnectorOptions> = {}) {
  const agent = new Agent({
    connect: spareConnector({ useWithinMs: 1_000, maxIdleMs: 5_000, maxSpares: 4, timeoutMs: 2_000, ...options }),
  });
  agents.push(agent);
  return async (url: string) => {
    const res = await request(`${url}/json/2/res.partner/search`, { method: 'POST', body: '{}', dispatcher: agent });
    expect(await res.body.text()).toBe('{}');
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean, timeoutMs = 2_000) {
  const end = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > end) throw new Error('timed out waiting');
    await sleep(5);
  }
}

describe('a connection to Odoo kept ahead of the next call', () => {
  it('sends the next call on a connection opened before it was made, once the last one closed', async () => {
    const { url, seen } = await odooLikeServer();
    const call = client();
    await call(url);
    await until(() => seen.length === 2); // the spare, opened when the first connection closed
    const asked = performance.now();
    await call(url);
    const answered = seen.filter((c) => c.requestAt !== undefined);
    expect(answered).toHaveLength(2);
    expect(answered[1]!.acceptedAt).toBeLessThan(asked);
  });

  it('opens a new connection when the spare is older than it may be used', async () => {
    const { url, seen } = await odooLikeServer();
    const call = client({ useWithinMs: 40 });
    await call(url);
    await until(() => seen.length === 2);
    await sleep(80);
    const asked = performance.now();
    await call(url);
    const answered = seen.filter((c) => c.requestAt !== undefined);
    expect(answered).toHaveLength(2);
    expect(answered[1]!.acceptedAt).toBeGreaterThanOrEqual(asked);
    expect(seen[1]!.requestAt).toBeUndefined(); // the old spare never carried a request
  });

  it('closes a spare nobody used after maxIdleMs', async () => {
    const { url, seen } = await odooLikeServer();
    const call = client({ useWithinMs: 40, maxIdleMs: 60 });
    await call(url);
    await until(() => seen.length === 2);
    await until(() => seen[1]!.closedByClient);
    expect(seen[1]!.requestAt).toBeUndefined();
  });

  it('keeps no more spares once the server closed one that was waiting, as Odoo prefork workers do', async () => {
    const { url, seen } = await odooLikeServer(30);
    const call = client({ useWithinMs: 20, maxIdleMs: 500 });
    await call(url);
    await until(() => seen.length === 2);
    await sleep(100); // the server has closed the waiting spare
    for (let i = 0; i < 3; i++) await call(url);
    await sleep(50);
    // One connection per call, and the single spare the server refused.
    expect(seen).toHaveLength(5);
    expect(seen.filter((c) => c.requestAt === undefined)).toHaveLength(1);
  });

  it('opens no spare when turned off (ODOO_SPARE_CONNECTION_MS=0)', async () => {
    const { url, seen } = await odooLikeServer();
    const call = client({ useWithinMs: 0 });
    for (let i = 0; i < 3; i++) await call(url);
    await sleep(50);
    expect(seen).toHaveLength(3);
    expect(seen.every((c) => c.requestAt !== undefined)).toBe(true);
  });

  it('keeps one spare for each connection that a burst of calls side by side closed, up to maxSpares', async () => {
    const { url, seen } = await odooLikeServer();
    const call = client({ maxSpares: 2 });
    await Promise.all([call(url), call(url), call(url)]);
    await until(() => seen.length === 5);
    await sleep(50);
    expect(seen).toHaveLength(5);
    const asked = performance.now();
    await Promise.all([call(url), call(url)]);
    const last = seen.filter((c) => c.requestAt !== undefined).slice(-2);
    expect(last.every((c) => c.acceptedAt < asked)).toBe(true);
  });
});
