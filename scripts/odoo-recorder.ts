/**
 * A recording proxy between the portal (or the contract suite) and a real Odoo: every
 * request is passed on unchanged and written, with Odoo's answer, to
 * `<dir>/NNNN_<model>.<method>.json`, scrubbed of the API keys, passwords, session cookies
 * and access tokens it saw, with tracebacks cut to their last line and PDFs kept as their
 * status, type and size. Reads that repeat an earlier one's shape (same endpoint, model,
 * method and parameter names, same fields) are written once; every write and every error
 * is kept, in order, so a replay can follow created records.
 * `tests/contract/version-recordings.test.ts` replays the files against the simulator.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface Recorder {
  url: string;
  written(): number;
  close(): Promise<void>;
}

export interface RecorderOptions {
  /** The real Odoo, e.g. http://127.0.0.1:9069. */
  target: string;
  dir: string;
  /** Values never written: API keys and passwords, replaced by their placeholder. */
  secrets: Record<string, string>;
  port?: number;
}

const READS = new Set([
  'search_read',
  'search',
  'search_count',
  'read',
  'web_search_read',
  'web_read',
  'read_group',
  'onchange',
  'fields_get',
  'version',
  'authenticate',
  'login',
  'version_info',
]);

export async function startRecorder(opts: RecorderOptions): Promise<Recorder> {
  mkdirSync(opts.dir, { recursive: true });
  for (const f of readdirSync(opts.dir)) if (f.endsWith('.json')) rmSync(join(opts.dir, f));
  const seen = new Set<string>();
  let count = 0;
  const scrub = scrubber(opts.secrets);

  const server = http.createServer(
    (req, res) =>
      void (async () => {
        const body = await readBody(req);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers))
          if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)) headers[k] = v;
        const upstream = await fetch(`${opts.target}${req.url}`, {
          method: req.method,
          headers,
          body: req.method === 'POST' ? new Uint8Array(body) : undefined,
          redirect: 'manual',
        });
        const answer = Buffer.from(await upstream.arrayBuffer());
        const outHeaders: Record<string, string | string[]> = {};
        upstream.headers.forEach((v, k) => {
          if (!['content-encoding', 'transfer-encoding', 'connection', 'content-length', 'set-cookie'].includes(k)) outHeaders[k] = v;
        });
        const cookies = upstream.headers.getSetCookie();
        if (cookies.length) outHeaders['set-cookie'] = cookies;
        res.writeHead(upstream.status, outHeaders).end(answer);

        const type = upstream.headers.get('content-type');
        const requestJson = parse(body.toString('utf8'));
        const what = describe(req.url ?? '/', requestJson);
        const isError = upstream.status >= 400 || (type?.includes('json') && /"error"\s*:/.test(answer.toString('utf8', 0, 200)));
        const key = JSON.stringify([req.method, what.path, what.model, what.method, what.shape]);
        if (!isError && READS.has(what.method) && seen.has(key)) return;
        seen.add(key);
        const recording = {
          description: `${req.method} ${what.path}${what.model ? ` ${what.model}.${what.method}` : ''}`,
          request: scrub({
            method: req.method,
            url: req.url,
            headers: pick(headers, ['authorization', 'cookie', 'x-odoo-database', 'content-type']),
            body: requestJson ?? null,
          }),
          response: {
            http_status: upstream.status,
            content_type: type,
            ...(upstream.headers.get('location') ? { location: scrub(upstream.headers.get('location')) } : {}),
            body: type?.startsWith('application/pdf')
              ? null
              : scrub(trimTracebacks(parse(answer.toString('utf8')) ?? answer.toString('utf8').slice(0, 400))),
            ...(type?.startsWith('application/pdf') ? { size: answer.length, starts_with: answer.subarray(0, 5).toString('latin1') } : {}),
          },
        };
        count++;
        const name = `${String(count).padStart(4, '0')}_${(what.model
          ? `${what.model}.${what.method}`
          : what.path
              .replace(/\/\d+.*$/, '')
              .replace(/[^a-z0-9]+/gi, '-')
              .replace(/^-|-$/g, '')
        ).slice(0, 60)}.json`;
        writeFileSync(join(opts.dir, name), `${JSON.stringify(recording, null, 2)}\n`);
      })().catch((err) => {
        if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' }).end(String(err));
      }),
  );
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    written: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Endpoint, model, method and the request's shape: its parameter names and the fields it asks for. */
function describe(url: string, body: unknown): { path: string; model?: string; method: string; shape: unknown } {
  const path = new URL(url, 'http://odoo').pathname;
  const json2 = /^\/json\/2\/([^/]+)\/([^/]+)$/.exec(path);
  const b = (body ?? {}) as Record<string, unknown>;
  if (json2) return { path: '/json/2', model: json2[1], method: json2[2]!, shape: shapeOf(b) };
  const params = (b.params ?? {}) as Record<string, unknown>;
  if (path === '/jsonrpc' && params.method === 'execute_kw' && Array.isArray(params.args)) {
    const [, , , model, method, args, kwargs] = params.args as [
      unknown,
      unknown,
      unknown,
      string,
      string,
      unknown[],
      Record<string, unknown>,
    ];
    return {
      path,
      model,
      method,
      shape: [Array.isArray(args) ? args.map((a) => (Array.isArray(a) ? 'list' : typeof a)) : null, shapeOf(kwargs ?? {})],
    };
  }
  if (path === '/jsonrpc') return { path, method: String(params.method), shape: params.service };
  if (path.startsWith('/web/dataset/call_kw/'))
    return {
      path: '/web/dataset/call_kw',
      model: String(params.model),
      method: String(params.method),
      shape: shapeOf((params.kwargs ?? {}) as Record<string, unknown>),
    };
  return { path: path.replace(/\/\d+/g, '/<id>'), method: path.split('/').pop() ?? '', shape: null };
}

function shapeOf(params: Record<string, unknown>): unknown {
  return Object.keys(params)
    .sort()
    .map((k) => (k === 'fields' || k === 'specification' || k === 'fields_spec' || k === 'groupby' ? [k, params[k]] : k));
}

/** Replaces secrets, session ids and access tokens wherever they appear. */
function scrubber(secrets: Record<string, string>) {
  const pairs = Object.entries(secrets)
    .filter(([, v]) => v.length >= 4)
    .sort((a, b) => b[1].length - a[1].length);
  const text = (s: string) => {
    let out = s;
    for (const [placeholder, value] of pairs) out = out.split(value).join(placeholder);
    return out.replace(/session_id=[^;\s"]+/g, 'session_id=<session>').replace(/access_token=[0-9a-f-]+/g, 'access_token=<token>');
  };
  return function scrub<T>(value: T): T {
    return JSON.parse(text(JSON.stringify(value))) as T;
  };
}

/** Odoo's `debug` holds the whole traceback with the server's paths: keep its last line. */
function trimTracebacks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(trimTracebacks);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === 'debug' && typeof v === 'string' ? `<traceback trimmed>\n${v.trim().split('\n').pop()}` : trimTracebacks(v),
      ]),
    );
  }
  return value;
}

function pick(headers: Record<string, string>, names: string[]): Record<string, string> | undefined {
  const out = Object.fromEntries(names.filter((n) => headers[n]).map((n) => [n, headers[n]!]));
  return Object.keys(out).length ? out : undefined;
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
