import { spawn, type ChildProcess } from 'node:child_process';
import diagnostics from 'node:diagnostics_channel';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { postJson } from '../../lib/odoo/http';
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
  endedAt?: number;
}

const servers: Server[] = [];
const agents: Agent[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.destroy()));
  for (const s of servers.splice(0)) s.close();
  for (const c of children.splice(0)) c.kill();
});

/** `answerTogether`: requests are held until this many came, then answered at once (a page's calls side by side). */
async function odooLikeServer(idleTimeoutMs?: number, answerTogether = 1) {
  const seen: Seen[] = [];
  const held: Socket[] = [];
  const server = createServer((socket: Socket) => {
    const conn: Seen = { acceptedAt: performance.now(), closedByClient: false };
    seen.push(conn);
    if (idleTimeoutMs) socket.setTimeout(idleTimeoutMs, () => socket.end());
    socket.once('end', () => {
      conn.endedAt = performance.now();
      conn.closedByClient = conn.requestAt === undefined;
    });
    socket.once('data', () => {
      conn.requestAt = performance.now();
      socket.setTimeout(0);
      held.push(socket);
      if (held.length < answerTogether) return;
      for (const s of held.splice(0))
        s.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}');
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

  it('keeps a spare nobody used, as the probe, until maxIdleMs, then closes it', async () => {
    const { url, seen } = await odooLikeServer();
    const call = client({ useWithinMs: 40, maxIdleMs: 120 });
    await call(url);
    await until(() => seen.length === 2);
    await until(() => seen[1]!.closedByClient);
    expect(seen[1]!.requestAt).toBeUndefined();
    // Open past its use (40 ms) until maxIdleMs (120 ms from its connect, which came before the server accepted it).
    expect(seen[1]!.endedAt! - seen[1]!.acceptedAt).toBeGreaterThan(80);
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

  it('keeps spares coming for pages more than useWithinMs apart: spares too old to use do not count', async () => {
    const { url, seen } = await odooLikeServer();
    const call = client({ useWithinMs: 100, maxIdleMs: 2_000 });
    const page = () => Promise.all([call(url), call(url), call(url), call(url)]);
    await page();
    await sleep(200); // its four spares are too old to use now
    await page();
    await sleep(30);
    const asked = performance.now();
    await page();
    const last = seen.filter((c) => c.requestAt !== undefined && c.requestAt >= asked);
    expect(last).toHaveLength(4);
    expect(last.every((c) => c.acceptedAt < asked)).toBe(true);
    // Of the first page's four spares one stayed as the probe; the other three were closed.
    expect(seen.filter((c) => c.requestAt === undefined && c.closedByClient).length).toBeGreaterThanOrEqual(3);
  });

  it('opens no more than maxSpares for a burst of calls answered together', async () => {
    const { url, seen } = await odooLikeServer(undefined, 16);
    const call = client({ maxSpares: 4 });
    await Promise.all(Array.from({ length: 16 }, () => call(url)));
    await sleep(100);
    expect(seen.filter((c) => c.requestAt === undefined).length).toBeLessThanOrEqual(4);
  });

  it('counts a spare’s age from its connect, not from when a busy process hears of it', async () => {
    // A server in its own process keeps time while this one is blocked, and closes an idle connection 2 s after accepting it, as Odoo's prefork workers do.
    const child = spawn(process.execPath, ['tests/helpers/prefork-like-server.mjs'], {
      env: { ...process.env, IDLE_MS: '2000' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    const lines = createInterface({ input: child.stdout });
    const port = await new Promise<number>((resolve) => lines.on('line', (l) => JSON.parse(l).port && resolve(JSON.parse(l).port)));
    const url = `http://127.0.0.1:${port}`;
    const call = client({ useWithinMs: 1_000 });
    const busy = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    // When the first call's connection closes, the spare's connect is issued; then the process is busy for 1.3 s (a long render or a pause).
    let second: Promise<void> | undefined;
    let stalled!: () => void;
    const done = new Promise<void>((resolve) => (stalled = resolve));
    const stall = () =>
      process.nextTick(() => {
        const issued = performance.now();
        busy(1_300);
        const later = () => {
          if (performance.now() - issued < 1_950) return void setTimeout(later, 5);
          busy(150); // meanwhile the server closes the spare, 2 s after accepting it
          second = call(url); // its age read from the connect is over 2 s: not handed out
          stalled();
        };
        setTimeout(later, 5);
      });
    const onConnected = ({ socket }: { socket: Socket }) => socket.once('close', stall);
    diagnostics.subscribe('undici:client:connected', onConnected as never);
    try {
      await call(url);
    } finally {
      diagnostics.unsubscribe('undici:client:connected', onConnected as never);
    }
    await done;
    await expect(second).resolves.toBeUndefined();
  });

  it('never sends a call that changes data on a spare: those have a pool of their own', async () => {
    const { url, seen } = await odooLikeServer();
    await postJson(`${url}/json/2/res.partner/search_read`, {}, {}, 2_000);
    await until(() => seen.length === 2); // the read's connection closed: a spare waits
    const asked = performance.now();
    await postJson(`${url}/json/2/sale.order/create`, {}, {}, 2_000, { writes: true });
    const answered = seen.filter((c) => c.requestAt !== undefined);
    expect(answered).toHaveLength(2);
    expect(answered[1]!.acceptedAt).toBeGreaterThanOrEqual(asked);
    expect(seen[1]!.requestAt).toBeUndefined();
  });
});
