import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { accessDenied, accessError, httpException, OdooSimError } from './errors';
import { renderInvoicePdf } from './invoice-pdf';
import { callKw, type Protocol } from './methods';
import { Orm } from './orm';
import { INTEGRATION, seed, type SeedOptions } from './seed';
import { Store, type Rec } from './store';
import { SimWebhooks } from './webhooks';

/** Odoo's answer to a request for a database it does not have (werkzeug NotFound of the server-wide routes), as Odoo 19 sends it. */
const NO_DATABASE_PAGE =
  '<!DOCTYPE html>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>No database is selected and the requested URL was not found in the server-wide controllers.</p>\n<p>Please verify the hostname, <a href=/web/login>login</a> and try again.</p>\n\n<!-- Alternatively, use the X-Odoo-Database header. -->\n';

/**
 * An Odoo server in one process: JSON-RPC (`/jsonrpc`, Odoo 8-21), JSON-2
 * (`/json/2/<model>/<method>`, Odoo 19+), web sessions, the invoice report and the portal
 * access-token URL, answering with the envelopes, shapes and errors of the recordings in
 * tests/contract/odoo-19-recordings. See odoo-sim/README.md for what each part was taken from.
 */
export interface SimulatorOptions extends SeedOptions {
  database?: string;
  /** Where to post Odoo's change webhooks (odoo-sim/webhooks.ts); none when unset. */
  webhookUrl?: string;
  /** Major version the server claims: 19 (default) serves JSON-2; 16-18 answer JSON-2 with 404. */
  version?: number;
}

export interface Faults {
  /** Added to every Odoo request, in ms. */
  latencyMs: number;
  /** Share of requests (0..1) answered 503 by the "proxy in front of Odoo". */
  errorRate: number;
  /** Connections are dropped at once, like a server that is down. */
  outage: boolean;
  /** Extra delay for one method only, e.g. { create: 500 }: a slow write after fast reads. */
  methodLatencyMs: Record<string, number>;
  /** Share of one method's calls (0..1) answered 503 before they run, e.g. { action_confirm: 1 }. */
  methodErrorRate: Record<string, number>;
  /**
   * One method's calls run, then their answer is lost: held back this many ms (a client with
   * a shorter timeout gives up first) or, with 0, the connection is dropped at once. E.g.
   * { create: 0 }: the order exists in Odoo, the caller never learns its id.
   */
  answerLost: Record<string, number>;
  /** Extra delay before a PDF starts, in ms (wkhtmltopdf takes ~1.5 s on a real server). */
  pdfDelayMs: number;
  /** Web sessions expire this long after login (0 = never). */
  sessionTtlMs: number;
}

const NO_FAULTS: Faults = {
  latencyMs: 0,
  methodLatencyMs: {},
  methodErrorRate: {},
  answerLost: {},
  errorRate: 0,
  outage: false,
  pdfDelayMs: 0,
  sessionTtlMs: 0,
};

interface SimUser {
  uid: number;
  password: string;
  apiKeys: string[];
}

export class OdooSimulator {
  readonly store = new Store();
  readonly orm = new Orm(this.store);
  readonly webhooks = new SimWebhooks(this.store);
  readonly database: string;
  readonly version: number;
  readonly today: string;
  faults: Faults = { ...NO_FAULTS };
  /** Counts per endpoint, for tests that assert how many calls the portal made. */
  readonly stats = { requests: 0, connections: 0, inFlight: 0, maxInFlight: 0, byRoute: new Map<string, number>() };
  private readonly credentials = new Map<string, SimUser>();
  private readonly sessions = new Map<string, { uid: number; expires: number }>();
  /** Invoice id → extra PDF bytes, for memory benchmarks with large documents. */
  readonly pdfPadding = new Map<number, number>();
  private server?: http.Server;

  constructor(opts: SimulatorOptions = {}) {
    this.database = opts.database ?? 'portal_demo';
    this.version = opts.version ?? 19;
    this.orm.version = this.version;
    this.today = seed(this.orm, opts).today;
    this.webhooks.url = opts.webhookUrl ?? null;
    this.credentials.set('admin', { uid: 2, password: 'admin', apiKeys: ['admin-api-key'] });
    this.credentials.set(INTEGRATION.login, { uid: 3, password: INTEGRATION.password, apiKeys: [INTEGRATION.apiKey] });
  }

  async listen(port = 8069, host = '127.0.0.1'): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 65_000;
    this.server.on('connection', () => this.stats.connections++);
    await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
    const addr = this.server.address() as AddressInfo;
    return `http://${host}:${addr.port}`;
  }

  async close() {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  setFaults(patch: Partial<Faults>) {
    this.faults = { ...this.faults, ...patch };
  }

  resetFaults() {
    this.faults = { ...NO_FAULTS };
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://sim');
    if (url.pathname.startsWith('/__sim/')) return this.control(req, res, url);
    this.stats.requests++;
    this.stats.inFlight++;
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.stats.inFlight);
    res.on('close', () => this.stats.inFlight--);
    const routeKey = url.pathname.replace(/\d+/g, ':id');
    this.stats.byRoute.set(routeKey, (this.stats.byRoute.get(routeKey) ?? 0) + 1);
    if (this.faults.outage) return void req.socket.destroy();
    const body = req.method === 'POST' ? await bufferBody(req).catch(() => '') : '';
    const method = ormMethodOf(url.pathname, body);
    if (this.faults.latencyMs) await sleep(this.faults.latencyMs);
    const slowMethod = this.faults.methodLatencyMs[method];
    if (slowMethod) await sleep(slowMethod);
    const errorRate = Math.max(this.faults.errorRate, this.faults.methodErrorRate[method] ?? 0);
    if (errorRate && Math.random() < errorRate) {
      res.writeHead(503, { 'Content-Type': 'text/html' }).end('<h1>503 Service Unavailable</h1>');
      return;
    }
    const lostAfterMs = this.faults.answerLost[method];
    if (lostAfterMs !== undefined) loseAnswer(req, res, lostAfterMs);
    try {
      if (req.method === 'POST' && url.pathname === '/jsonrpc') return await this.jsonRpc(req, res);
      const json2 = url.pathname.match(/^\/json\/2\/([^/]+)\/([^/]+)$/);
      if (json2 && this.version >= 19) return await this.json2(req, res, json2[1]!, json2[2]!);
      if (url.pathname === '/web/session/authenticate') return await this.sessionAuthenticate(req, res);
      if (url.pathname === '/web/webclient/version_info') return await this.rpcReply(req, res, async () => this.versionInfo());
      const callKwPath = url.pathname.match(/^\/web\/dataset\/call_kw\/([^/]+)\/([^/]+)$/);
      if (callKwPath) return await this.sessionCallKw(req, res);
      const report = url.pathname.match(/^\/report\/pdf\/account\.report_invoice\/(\d+)$/);
      if (report) return await this.reportPdf(req, res, url, Number(report[1]));
      const content = url.pathname.match(/^\/web\/content\/(\d+)$/);
      if (content) return await this.webContent(req, res, url, Number(content[1]));
      const portal = url.pathname.match(/^\/my\/invoices\/(\d+)$/);
      if (portal) return await this.portalInvoice(res, url, Number(portal[1]));
      res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not Found</h1>');
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(err));
    }
  }

  versionInfo() {
    return {
      server_version: `${this.version}.0`,
      server_version_info: [this.version, 0, 0, 'final', 0, ''],
      server_serie: `${this.version}.0`,
      protocol_version: 1,
    };
  }

  // JSON-RPC: odoo/http.py JsonRPCDispatcher + odoo/service/{common,model}.py
  private async jsonRpc(req: IncomingMessage, res: ServerResponse) {
    await this.rpcReply(req, res, async (params) => {
      const { service, method, args = [] } = params as { service: string; method: string; args: unknown[] };
      if (service === 'common') {
        if (method === 'version') return this.versionInfo();
        if (method === 'authenticate' || method === 'login') {
          const [db, login, password] = args as [string, string, string];
          this.checkDb(db);
          return this.login(login, password, true) ?? false;
        }
      }
      if (service === 'object' && (method === 'execute_kw' || method === 'execute')) {
        const [db, uid, password, model, modelMethod, methodArgs = [], kwargs = {}] = args as [
          string,
          number,
          string,
          string,
          string,
          unknown[],
          Record<string, unknown>,
        ];
        this.checkDb(db);
        if (!this.checkUid(uid, password)) throw accessDenied();
        return this.call('jsonrpc', uid, model, modelMethod, undefined, methodArgs, kwargs);
      }
      throw new OdooSimError('builtins.NameError', `${service}.${method} is not a known service method`, 500);
    });
  }

  // JSON-2: addons/web/controllers/json2.py (19.0)
  private async json2(req: IncomingMessage, res: ServerResponse, model: string, method: string) {
    const reply = (status: number, body: unknown) =>
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    try {
      if (req.method !== 'POST') throw httpException(405, 'The method is not allowed for the requested URL.');
      const auth = String(req.headers.authorization ?? '');
      const key = auth.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : '';
      // Odoo picks the database before any route or key check: an unknown one is the server-wide 404 page (recorded 08a3).
      const dbHeader = req.headers['x-odoo-database'];
      if (dbHeader && dbHeader !== this.database)
        return void res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' }).end(NO_DATABASE_PAGE);
      const uid = this.uidForApiKey(key);
      if (!uid) throw httpException(401, 'Invalid apikey');
      const body = (await readJson(req)) as Record<string, unknown>;
      const { ids, context, args, kwargs, ...named } = body ?? {};
      const result = this.call(
        'json2',
        uid,
        model,
        method,
        Array.isArray(ids) ? ids.map(Number) : undefined,
        Array.isArray(args) ? args : [],
        { ...(kwargs as object), ...named, ...(context ? { context } : {}) },
      );
      reply(200, result);
    } catch (err) {
      const e = err instanceof OdooSimError ? err : new OdooSimError('builtins.Exception', String(err), 500);
      reply(e.httpStatus, e.toPayload());
    }
  }

  private call(
    protocol: Protocol,
    uid: number,
    model: string,
    method: string,
    ids: number[] | undefined,
    args: unknown[],
    kwargs: Record<string, unknown>,
  ) {
    return this.webhooks.around(() => callKw({ orm: this.orm, uid, protocol, version: this.version }, model, method, ids, args, kwargs));
  }

  // Web session: addons/web/controllers/session.py authenticate
  private async sessionAuthenticate(req: IncomingMessage, res: ServerResponse) {
    let cookie: string | undefined;
    await this.rpcReply(
      req,
      res,
      async (params) => {
        const { db = '', login = '', password = '' } = params as Record<string, string | undefined>;
        // Odoo's web/controllers/session.py checks the name before any connection (recorded 07h), unlike JSON-RPC.
        if (db !== this.database) throw accessError('Database not found.');
        // Odoo 19 refuses API keys here: only the password opens a web session.
        const uid = this.login(login, password, false);
        if (!uid) throw accessDenied();
        const sid = randomBytes(20).toString('hex');
        this.sessions.set(sid, { uid, expires: this.faults.sessionTtlMs ? Date.now() + this.faults.sessionTtlMs : Infinity });
        cookie = `session_id=${sid}; HttpOnly; Path=/; SameSite=Lax`;
        const user = this.store.get('res.users', uid)!;
        return {
          uid,
          is_system: uid === 2,
          is_admin: uid === 2,
          // Odoo 17's session info has no is_public (recorded); 18 added it.
          ...(this.version >= 18 ? { is_public: false } : {}),
          is_internal_user: true,
          user_context: { lang: 'en_US', tz: 'UTC', uid },
          db: this.database,
          server_version: `${this.version}.0`,
          server_version_info: this.versionInfo().server_version_info,
          name: user.name,
          username: user.login,
          partner_id: user.partner_id,
        };
      },
      (): Record<string, string> => (cookie ? { 'Set-Cookie': cookie } : {}),
    );
  }

  private async sessionCallKw(req: IncomingMessage, res: ServerResponse) {
    await this.rpcReply(req, res, async (params) => {
      const uid = this.sessionUid(req);
      if (!uid) throw sessionExpired();
      const {
        model,
        method,
        args = [],
        kwargs = {},
      } = params as { model: string; method: string; args: unknown[]; kwargs: Record<string, unknown> };
      return this.call('jsonrpc', uid, model, method, undefined, args, kwargs);
    });
  }

  // addons/web/controllers/report.py report_routes: no session → 303 to /web/login
  private async reportPdf(req: IncomingMessage, res: ServerResponse, url: URL, id: number) {
    if (!this.sessionUid(req)) return redirectToLogin(res, url);
    const move = this.store.get('account.move', id);
    if (!move || move.state !== 'posted') {
      res
        .writeHead(500, { 'Content-Type': 'text/html' })
        .end('<h1>Internal Server Error</h1><p>MissingError: Record does not exist or has been deleted.</p>');
      return;
    }
    await this.sendPdf(res, move, 'inline');
  }

  private async webContent(req: IncomingMessage, res: ServerResponse, url: URL, attachmentId: number) {
    if (!this.sessionUid(req)) return redirectToLogin(res, url);
    const att = this.store.get('ir.attachment', attachmentId);
    const move = att?.res_model === 'account.move' ? this.store.get('account.move', att.res_id as number) : undefined;
    if (!att || !move) {
      res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not Found</h1>');
      return;
    }
    await this.sendPdf(res, move, url.searchParams.get('download') ? 'attachment' : 'inline', String(att.name));
  }

  // addons/account/controllers/portal.py portal_my_invoice_detail with report_type=pdf
  private async portalInvoice(res: ServerResponse, url: URL, id: number) {
    const move = this.store.get('account.move', id);
    const token = url.searchParams.get('access_token');
    if (!move || !move.access_token || token !== move.access_token || move.state !== 'posted') {
      res.writeHead(303, { Location: '/my' }).end();
      return;
    }
    await this.sendPdf(res, move, url.searchParams.get('download') ? 'attachment' : 'inline');
  }

  private async sendPdf(res: ServerResponse, move: Rec, disposition: 'inline' | 'attachment', fileName?: string) {
    if (this.faults.pdfDelayMs) await sleep(this.faults.pdfDelayMs);
    const name = fileName ?? `${String(move.name).replace(/\//g, '_')}.pdf`;
    res.writeHead(200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
    const stream = renderInvoicePdf(this.orm, move, this.pdfPadding.get(move.id) ?? 0);
    stream.pipe(res);
    await new Promise((resolve) => res.on('close', resolve));
  }

  /** One JSON-RPC request/response with Odoo's envelope and error format (code 0 on 19, 200 before). */
  private async rpcReply(
    req: IncomingMessage,
    res: ServerResponse,
    handler: (params: Record<string, unknown>) => Promise<unknown>,
    headers: () => Record<string, string> = () => ({}),
  ) {
    let id: unknown = null;
    let body: Record<string, unknown>;
    try {
      const parsed = (await readJson(req)) as Record<string, unknown>;
      id = parsed?.id ?? null;
      const result = await handler((parsed?.params as Record<string, unknown>) ?? {});
      body = { jsonrpc: '2.0', id, result };
    } catch (err) {
      const e = err instanceof OdooSimError ? err : new OdooSimError('builtins.Exception', String(err), 500);
      const code = e.odooName === 'odoo.http.SessionExpiredException' ? 100 : this.version >= 19 ? 0 : 200;
      const message = code === 100 ? 'Odoo Session Expired' : 'Odoo Server Error';
      body = { jsonrpc: '2.0', id, error: { code, message, data: e.toPayload() } };
    }
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ...headers() }).end(JSON.stringify(body));
  }

  private checkDb(db: string) {
    if (db !== this.database) {
      const msg = `connection to server at "127.0.0.1", port 5432 failed: FATAL:  database "${db}" does not exist\n`;
      throw new OdooSimError('psycopg2.OperationalError', msg, 500, `psycopg2.OperationalError: ${msg.trimEnd()}`);
    }
  }

  private login(login: string, secret: string, allowApiKey: boolean): number | undefined {
    const user = this.credentials.get(login);
    if (!user) return undefined;
    if (user.password === secret || (allowApiKey && user.apiKeys.includes(secret))) return user.uid;
    return undefined;
  }

  private checkUid(uid: number, secret: string): boolean {
    return [...this.credentials.values()].some((u) => u.uid === uid && (u.password === secret || u.apiKeys.includes(secret)));
  }

  private uidForApiKey(key: string): number | undefined {
    return [...this.credentials.values()].find((u) => key && u.apiKeys.includes(key))?.uid;
  }

  private sessionUid(req: IncomingMessage): number | undefined {
    const sid = /(?:^|;\s*)session_id=([^;]+)/.exec(String(req.headers.cookie ?? ''))?.[1];
    const session = sid ? this.sessions.get(sid) : undefined;
    if (!session) return undefined;
    if (session.expires < Date.now()) {
      this.sessions.delete(sid!);
      return undefined;
    }
    return session.uid;
  }

  /** Adds a login (e.g. a portal user for record-rule checks) to the simulator. */
  addCredentials(login: string, uid: number, password: string, apiKeys: string[] = []) {
    this.credentials.set(login, { uid, password, apiKeys });
  }

  /** Test and bench control: GET/POST /__sim/faults, POST /__sim/pdf-size, POST /__sim/webhook, GET /__sim/stats. */
  private async control(req: IncomingMessage, res: ServerResponse, url: URL) {
    const reply = (body: unknown) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/__sim/faults') {
      if (req.method === 'POST') {
        const patch = (await readJson(req)) as Partial<Faults> & { reset?: boolean };
        if (patch.reset) this.resetFaults();
        const { reset: _reset, ...rest } = patch;
        this.setFaults(rest);
      }
      return reply(this.faults);
    }
    if (url.pathname === '/__sim/pdf-size' && req.method === 'POST') {
      const { invoiceId, bytes } = (await readJson(req)) as { invoiceId: number; bytes: number };
      this.pdfPadding.set(invoiceId, bytes);
      return reply({ ok: true });
    }
    if (url.pathname === '/__sim/webhook' && req.method === 'POST') {
      const { url: target } = (await readJson(req)) as { url?: string | null };
      this.webhooks.url = target || null;
      return reply({ url: this.webhooks.url });
    }
    if (url.pathname === '/__sim/stats') {
      return reply({ requests: this.stats.requests, maxInFlight: this.stats.maxInFlight, byRoute: Object.fromEntries(this.stats.byRoute) });
    }
    res.writeHead(404).end();
  }
}

/** The ORM method a request calls: from the JSON-2 path, or from an execute_kw body. */
function ormMethodOf(pathname: string, body: string): string {
  const json2 = pathname.match(/^\/json\/2\/[^/]+\/([^/]+)$/)?.[1];
  if (json2) return json2;
  if (pathname !== '/jsonrpc' || !body.includes('execute_kw')) return '';
  try {
    const args = (JSON.parse(body) as { params?: { args?: unknown[] } }).params?.args;
    return typeof args?.[4] === 'string' ? args[4] : '';
  } catch {
    return '';
  }
}

/**
 * The request runs as usual, but its answer never arrives: the connection is dropped when
 * the answer is written, at once or after `afterMs` (a network or proxy failing on the way back).
 */
function loseAnswer(req: IncomingMessage, res: ServerResponse, afterMs: number) {
  const drop = () => {
    if (afterMs) setTimeout(() => req.socket.destroy(), afterMs);
    else req.socket.destroy();
    return res;
  };
  res.writeHead = () => res;
  res.end = drop;
}

function sessionExpired() {
  return new OdooSimError(
    'odoo.http.SessionExpiredException',
    'Session expired',
    403,
    'odoo.http.SessionExpiredException: Session expired',
  );
}

function redirectToLogin(res: ServerResponse, url: URL) {
  const target = `/web/login?redirect=${encodeURIComponent(url.pathname + url.search)}`;
  res
    .writeHead(303, { Location: target, 'Content-Type': 'text/html; charset=utf-8' })
    .end(
      `<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href="${target}">${target}</a>. If not, click the link.\n`,
    );
}

/** Request bodies read as they arrive, like Odoo's WSGI server: a client that gives up later does not undo the request. */
const bodies = new WeakMap<IncomingMessage, Promise<string>>();

function bufferBody(req: IncomingMessage): Promise<string> {
  let body = bodies.get(req);
  if (!body) {
    body = (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    })();
    bodies.set(req, body);
  }
  return body;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await bufferBody(req);
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new OdooSimError('werkzeug.exceptions.BadRequest', 'could not parse the body as json', 400, undefined, [400]);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
