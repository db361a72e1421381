import 'server-only';
import type { Socket } from 'node:net';
import { buildConnector } from 'undici';
import { log } from '../log';

/**
 * An undici connector that keeps a connection to Odoo open ahead of the next call.
 *
 * Why: Odoo's own HTTP server answers every request with `Connection: close`, so each call
 * reached without a reverse proxy opens a new connection. On a busy page the connect
 * completes at once in the kernel, but Node hears of it only when React's render yields the
 * event loop: the request leaves 4-12 ms late (docs/performance.md). A connection opened
 * when the previous one closed is ready by then, and the request is written at once.
 *
 * A waiting connection holds something of Odoo's: a thread of the threaded server, or a
 * whole prefork worker, which closes an idle connection after ODOO_HTTP_SOCKET_TIMEOUT (2 s)
 * for that reason. So:
 * - a spare is opened only when a connection in use has closed after its answer (never
 *   while Odoo works on that call, nor after an abort, a timeout or a reset);
 * - it is handed out only within `useWithinMs` of its connect (at most 1 s: well before a
 *   server's idle timeout could close it under a request), with nothing unread on it;
 * - past that, one spare per origin stays until `maxIdleMs` as the probe: if the server
 *   closes it, that server does not want idle connections (Odoo's prefork workers), and the
 *   process keeps no spares to it for REFUSED_FOR_MS; the others are closed at once.
 * Calls that change data never take a spare (http.ts gives them a pool of their own).
 * Behind a proxy that keeps connections alive, undici reuses them and this connector is
 * rarely asked.
 */
export interface SpareConnectorOptions {
  /** How long after its connect a spare may still be handed out (at most 1 s). 0: no spares. */
  useWithinMs: number;
  /** How long the probe waits, to see whether the server closes a waiting connection. */
  maxIdleMs: number;
  /** At most this many usable spares at once (a page's calls side by side each take one). */
  maxSpares: number;
  /** undici's connect timeout. */
  timeoutMs: number;
}

/** A spare is never older than this when a request is written to it. */
export const MAX_USE_WITHIN_MS = 1_000;
/** How long the process keeps no spares to a server that closed a waiting one. */
const REFUSED_FOR_MS = 10 * 60_000;

type Connector = buildConnector.connector;
type ConnectOptions = buildConnector.Options;

interface Spare {
  socket: Socket;
  openedAt: number;
  timer: NodeJS.Timeout;
  /** Stops watching the spare and takes it off the list, to be handed out. */
  unwatch: () => void;
}

export function spareConnector({ useWithinMs: asked, maxIdleMs, maxSpares, timeoutMs }: SpareConnectorOptions): Connector {
  const connect = buildConnector({ timeout: timeoutMs });
  const useWithinMs = Math.min(asked, MAX_USE_WITHIN_MS);
  if (useWithinMs <= 0 || maxSpares <= 0) return connect;
  const spares = new Map<string, Spare[]>();
  /** Spares being connected, by origin: they count toward maxSpares. */
  const connecting = new Map<string, number>();
  /** Origins with a probe waiting past its use. */
  const probing = new Set<string>();
  /** Origins whose server closed a waiting spare, and until when no spares go there. */
  const refusedUntil = new Map<string, number>();
  const keyOf = (o: ConnectOptions) => `${o.protocol}//${o.hostname}:${o.port}`;
  const waiting = (key: string) => spares.get(key) ?? [];
  const refused = (key: string) => (refusedUntil.get(key) ?? 0) > performance.now();
  const usableNow = (s: Spare, now: number) => now - s.openedAt < useWithinMs;
  /** Spares that may still be handed out, and those connecting: what maxSpares bounds. */
  const usable = (key: string, now = performance.now()) =>
    waiting(key).filter((s) => usableNow(s, now)).length + (connecting.get(key) ?? 0);

  function remove(key: string, spare: Spare) {
    const left = waiting(key).filter((s) => s !== spare);
    if (left.length) spares.set(key, left);
    else spares.delete(key);
  }

  /** Opens a spare once `socket`, a connection in use, has closed after its answer. */
  function replaceWhenClosed(options: ConnectOptions, socket: Socket) {
    socket.once('close', () => {
      // undici closes after an answer with an informational reason; an abort, a timeout or a
      // reset may mean Odoo is overloaded or down: no spare then.
      const why = (socket.errored as { code?: string } | null)?.code;
      if (why !== undefined && why !== 'UND_ERR_INFO') return;
      const key = keyOf(options);
      if (refused(key) || usable(key) >= maxSpares) return;
      // The spare's age counts from the connect, not from when Node hears of it (after a render).
      const openedAt = performance.now();
      connecting.set(key, (connecting.get(key) ?? 0) + 1);
      connect(options, (err, spareSocket) => {
        connecting.set(key, connecting.get(key)! - 1);
        if (err || !spareSocket) return;
        if (refused(key) || usable(key) >= maxSpares) return void spareSocket.destroy();
        keep(key, spareSocket, openedAt);
      });
    });
  }

  function keep(key: string, socket: Socket, openedAt: number) {
    let probe = false;
    const closedByServer = () => {
      if (!refused(key)) log.info({ origin: key }, 'Odoo closed a waiting connection: no connections kept ahead of calls for 10 minutes');
      refusedUntil.set(key, performance.now() + REFUSED_FOR_MS);
      drop();
    };
    const unwatch = () => {
      clearTimeout(spare.timer);
      if (probe) probing.delete(key);
      socket.off('end', closedByServer).off('close', drop).off('error', drop);
      remove(key, spare);
    };
    const drop = () => {
      unwatch();
      socket.destroy();
    };
    // Past its use: the first one stays as the origin's probe, any other is closed.
    const expire = () => {
      if (probing.has(key)) return drop();
      probing.add(key);
      probe = true;
      spare.timer = setTimeout(drop, Math.max(0, maxIdleMs - useWithinMs)).unref();
    };
    const spare: Spare = {
      socket,
      openedAt,
      timer: setTimeout(expire, Math.max(0, openedAt + useWithinMs - performance.now())).unref(),
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
      (s) =>
        usableNow(s, now) &&
        !s.socket.destroyed &&
        s.socket.readyState === 'open' &&
        // Nothing unasked-for arrived (it would be read as the answer to the request written next).
        s.socket.readableLength === 0 &&
        !s.socket.readableEnded,
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
