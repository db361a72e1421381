import 'server-only';
import type { Socket } from 'node:net';
import { buildConnector } from 'undici';

/**
 * An undici connector that keeps one connection to Odoo open ahead of the next call.
 *
 * Why: Odoo's own HTTP server answers every request with `Connection: close`, so each call
 * reached without a reverse proxy opens a new connection. On a busy page the connect
 * completes at once in the kernel, but Node hears of it only when React's render yields the
 * event loop: the request leaves 4-12 ms late (docs/performance.md). A connection opened
 * right after the previous one was taken is ready by then, and the request is written at
 * once.
 *
 * A waiting connection holds something of Odoo's: a thread of the threaded server, or a
 * whole prefork worker, which closes an idle connection after ODOO_HTTP_SOCKET_TIMEOUT (2 s)
 * for that reason. So a spare is opened only when a connection in use has closed (never
 * while Odoo works on that call), is handed out only within `useWithinMs` of opening (well
 * before a server's idle timeout could close it under a request), and is closed after
 * `maxIdleMs`. Once the server closes a spare that was waiting, this process keeps no more
 * spares to it: that server does not want idle connections (Odoo's prefork workers). Behind
 * a proxy that keeps connections alive, undici reuses them and this connector is rarely
 * asked.
 */
export interface SpareConnectorOptions {
  /** How long after opening a spare may still be handed out. 0: no spares. */
  useWithinMs: number;
  /** How long a spare waits before it is closed (watching whether the server closes it first). */
  maxIdleMs: number;
  /** At most this many spares wait at once (a page's calls side by side each take one). */
  maxSpares: number;
  /** undici's connect timeout. */
  timeoutMs: number;
}

type Connector = buildConnector.connector;
type ConnectOptions = buildConnector.Options;

interface Spare {
  socket: Socket;
  openedAt: number;
  timer: NodeJS.Timeout;
  /** Stops watching the spare and takes it off the list, to be handed out. */
  unwatch: () => void;
}

export function spareConnector({ useWithinMs, maxIdleMs, maxSpares, timeoutMs }: SpareConnectorOptions): Connector {
  const connect = buildConnector({ timeout: timeoutMs });
  if (useWithinMs <= 0 || maxSpares <= 0) return connect;
  const spares = new Map<string, Spare[]>();
  /** Origins whose server closed a waiting spare: no more spares there. */
  const refused = new Set<string>();
  const keyOf = (o: ConnectOptions) => `${o.protocol}//${o.hostname}:${o.port}`;
  const waiting = (key: string) => spares.get(key) ?? [];

  function remove(key: string, spare: Spare) {
    const left = waiting(key).filter((s) => s !== spare);
    if (left.length) spares.set(key, left);
    else spares.delete(key);
  }

  /** Opens a spare once `socket`, a connection in use, has closed (Odoo closes it after its answer). */
  function replaceWhenClosed(options: ConnectOptions, socket: Socket) {
    socket.once('close', () => {
      const key = keyOf(options);
      if (refused.has(key) || waiting(key).length >= maxSpares) return;
      connect(options, (err, spareSocket) => {
        if (err || !spareSocket) return;
        if (refused.has(key) || waiting(key).length >= maxSpares) return void spareSocket.destroy();
        keep(key, spareSocket);
      });
    });
  }

  function keep(key: string, socket: Socket) {
    const closedByServer = () => {
      refused.add(key);
      drop();
    };
    const unwatch = () => {
      clearTimeout(spare.timer);
      socket.off('end', closedByServer).off('close', drop).off('error', drop);
      remove(key, spare);
    };
    const drop = () => {
      unwatch();
      socket.destroy();
    };
    const spare: Spare = {
      socket,
      openedAt: performance.now(),
      timer: setTimeout(drop, Math.max(maxIdleMs, useWithinMs)).unref(),
      unwatch,
    };
    socket.once('end', closedByServer).once('close', drop).once('error', drop);
    // A waiting spare must not keep the process alive.
    socket.unref();
    spares.set(key, [...waiting(key), spare]);
  }

  return (options, callback) => {
    const now = performance.now();
    const spare = waiting(keyOf(options)).find(
      (s) => now - s.openedAt < useWithinMs && !s.socket.destroyed && s.socket.readyState === 'open',
    );
    if (spare) {
      spare.unwatch();
      spare.socket.ref();
      replaceWhenClosed(options, spare.socket);
      // Never from within undici's own call: its client finishes setting up after asking.
      queueMicrotask(() => callback(null, spare.socket));
      return;
    }
    connect(options, (...result) => {
      if (result[1]) replaceWhenClosed(options, result[1]);
      callback(...result);
    });
  };
}
