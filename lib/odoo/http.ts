import 'server-only';
import { PassThrough, type Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import { odooPoolSettings } from './config';
import { OdooUnavailableError } from './errors';
import { spareConnector } from './spare-connection';
import { processSingleton } from '../process-singleton';

/**
 * The one place that speaks HTTP to Odoo, through undici's request() on one keep-alive pool.
 * Not fetch: a JSON call needs none of fetch's Request, Response, Headers and web-stream
 * objects, nor the instrumentation Next.js wraps around the global fetch; skipping them
 * makes a page's Odoo calls cheaper in CPU (the figures: docs/performance.md,
 * `npm run bench:route-cost /orders`). Redirects are not followed:
 * a redirect to /web/login means that the web session expired. Odoo closes every connection
 * after its answer; the pool keeps one open ahead of the next call (spare-connection.ts).
 * The timeout covers the time until the response headers and body are in (for JSON), or
 * until the headers (for streams).
 */
const odooPool = processSingleton('odoo-http-pool', () => {
  const { connectTimeoutMs, spareConnectionMs } = odooPoolSettings();
  return new Agent({
    keepAliveTimeout: 10_000,
    connect: spareConnector({
      useWithinMs: spareConnectionMs,
      // Long enough to see an Odoo prefork worker close it (after 2 s): then no more spares.
      maxIdleMs: 5_000,
      maxSpares: 4,
      timeoutMs: connectTimeoutMs,
    }),
  });
});

/**
 * The pool of calls that may change data: never a spare. A server may close a connection
 * just as a request is written to it, and a create or a confirmation is never sent twice.
 */
const odooWritePool = processSingleton(
  'odoo-http-write-pool',
  () => new Agent({ keepAliveTimeout: 10_000, connect: { timeout: odooPoolSettings().connectTimeoutMs } }),
);

export interface HttpResponse {
  status: number;
  /** A response header's value; repeated headers (Set-Cookie) joined by ", " as fetch's Headers.get does. */
  header(name: string): string | undefined;
}

export interface HttpResult extends HttpResponse {
  text: string;
}

export interface HttpStream extends HttpResponse {
  /** Unread; the caller reads it to the end or destroys it, else the connection stays taken. */
  body: Dispatcher.ResponseData['body'];
}

/** `writes`: the call may change data in Odoo (its own pool, above). */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs: number,
  { writes = false }: { writes?: boolean } = {},
): Promise<HttpResult> {
  return withTimeout(timeoutMs, async (signal) => {
    const res = await request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal,
      dispatcher: writes ? odooWritePool : odooPool,
    });
    return { ...response(res.statusCode, res.headers), text: await res.body.text() };
  });
}

/** GET whose body is handed over unread, for streaming PDFs through the portal. */
export async function getStream(url: string, headers: Record<string, string>, timeoutMs: number): Promise<HttpStream> {
  return withTimeout(timeoutMs, async (signal) => {
    const res = await request(url, { headers, signal, dispatcher: odooPool });
    // Whoever reads the body gets its errors; one never read (its download abandoned) that
    // then fails or is destroyed must not take the process down as an unhandled 'error'.
    res.body.on('error', () => {});
    return { ...response(res.statusCode, res.headers), body: res.body };
  });
}

/**
 * A body that undici never has to pause for, for a response after which the server closes
 * the connection (Odoo's own HTTP server sends every PDF with `Connection: close`).
 *
 * Why: undici 7's HTTP/1 parser pauses while the reader is slower than the socket, and if
 * the server's FIN arrives during such a pause it throws an assertion from the socket's
 * 'end' handler that nothing can catch: the portal process dies (nodejs/undici#5360, fixed
 * in undici 8, which needs Node 22). A browser downloading a PDF slowly did this about one
 * time in three against a real Odoo 19. So the body is read as it arrives into a stream of
 * ours that buffers for the slow reader: at most the one PDF Odoo has already rendered.
 */
export function readWithoutPausing(body: Readable): Readable {
  const out = new PassThrough();
  body.on('data', (chunk: Buffer) => void out.write(chunk));
  body.once('end', () => out.end());
  body.once('error', (err) => out.destroy(err));
  // The reader gave up: give the connection back.
  out.once('close', () => body.readableEnded || body.destroy());
  return out;
}

function response(status: number, headers: Record<string, string | string[] | undefined>): HttpResponse {
  return {
    status,
    header: (name) => {
      const value = headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

async function withTimeout<T>(timeoutMs: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs);
  try {
    return await run(controller.signal);
  } catch (err) {
    if (controller.signal.aborted) {
      throw new OdooUnavailableError(`Odoo did not answer within ${timeoutMs} ms`, 'timeout', { cause: err });
    }
    throw new OdooUnavailableError(`Odoo is not reachable (${describe(err)})`, 'network', { cause: err, code: codeOf(err) });
  } finally {
    // For a stream only the wait for the headers is bounded; the body then flows at the client's pace.
    clearTimeout(timer);
  }
}

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.cause?.code ?? e?.code;
}

function describe(err: unknown): string {
  return codeOf(err) ?? (err instanceof Error ? err.message : String(err));
}

/** A 5xx with an HTML or empty body comes from a proxy or a crashed worker, not from Odoo's RPC layer. */
export function unavailableFromStatus(status: number, text: string): OdooUnavailableError {
  return new OdooUnavailableError(`Odoo answered HTTP ${status}${text ? `: ${text.slice(0, 80)}` : ''}`, 'http', { status });
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
