import 'server-only';
import type { OdooConfig } from './config';
import type { TimeBudget } from './budget';
import { fromOdooPayload, OdooAuthError, OdooServerError } from './errors';
import { parseJson, postJson, unavailableFromStatus } from './http';
import { isRefusal, RefusedSignIn } from './refused-sign-in';
import { isSessionEnded, type OdooWebSession } from './web-session';

/**
 * One ORM call, independent of the wire: the method's parameters by name (as JSON-2 wants
 * them, and as Python binds kwargs), the record ids for record methods.
 */
export interface OrmCall {
  model: string;
  method: string;
  ids?: number[];
  params?: Record<string, unknown>;
  context?: Record<string, unknown>;
  /** The call may change data in Odoo: it goes out on a connection of its own (http.ts). */
  writes?: boolean;
}

export interface Transport {
  readonly protocol: 'json2' | 'jsonrpc' | 'session';
  /** One call, its HTTP request sent with the time left of the request it belongs to. */
  execute(call: OrmCall, budget: TimeBudget): Promise<unknown>;
}

/**
 * Odoo 19+: POST /json/2/<model>/<method>, bearer API key, plain JSON result. Odoo checks the
 * key on every call: a key it refuses is held (refused-sign-in.ts) instead of being sent again
 * with each request.
 */
export class Json2Transport implements Transport {
  readonly protocol = 'json2';
  private readonly refused = new RefusedSignIn();
  constructor(private readonly config: OdooConfig) {}

  execute(call: OrmCall, budget: TimeBudget): Promise<unknown> {
    return this.refused.attempt(() => this.send(call, budget));
  }

  private async send({ model, method, ids, params, context, writes }: OrmCall, budget: TimeBudget): Promise<unknown> {
    const body = { ...(ids ? { ids } : {}), ...params, ...(context ? { context } : {}) };
    const res = await postJson(
      `${this.config.url}/json/2/${model}/${method}`,
      body,
      {
        Authorization: `bearer ${this.config.apiKey}`,
        'X-Odoo-Database': this.config.db,
      },
      budget.nextTimeoutMs(),
      { writes },
    );
    const json = parseJson(res.text);
    if (res.status === 200) return json;
    if (json && typeof json === 'object' && 'name' in json) {
      throw fromOdooPayload(json, `HTTP ${res.status}`);
    }
    if (res.status >= 500) throw unavailableFromStatus(res.status, res.text);
    // Odoo's page for a database it does not have: a wrong ODOO_DB, not a bug (recorded 08a3).
    if (res.status === 404 && res.text.includes('No database is selected')) {
      throw new OdooAuthError(`Odoo has no database named "${this.config.db}"`, 'http.404');
    }
    throw new OdooServerError(`Odoo answered HTTP ${res.status}`, `http.${res.status}`);
  }
}

/**
 * Parameters that Odoo's `call_kw` needs positionally over JSON-RPC. `create` shapes its
 * result from `args[0]`: a keyword `vals_list` raises IndexError on real Odoo 17, 18 and 19
 * and creates nothing. Odoo 17/18's `sale.order.write` refuses `vals=` (TypeError). Every
 * other method the portal sends binds its parameters by name on 17, 18 and 19.
 */
const JSONRPC_POSITIONAL: Readonly<Record<string, readonly string[]>> = {
  create: ['vals_list'],
  write: ['vals'],
};

/**
 * Odoo 16-21: POST /jsonrpc, common.authenticate once for the uid, then object.execute_kw
 * with the API key as password. Record methods get the ids as their first positional
 * argument; the parameters in JSONRPC_POSITIONAL follow positionally, the rest go as kwargs.
 */
export class JsonRpcTransport implements Transport {
  readonly protocol = 'jsonrpc';
  private uid?: Promise<number>;
  private readonly refused = new RefusedSignIn();
  private nextId = 1;
  constructor(private readonly config: OdooConfig) {}

  async execute(call: OrmCall, budget: TimeBudget): Promise<unknown> {
    const looked = this.authenticate();
    const uid = await budget.race(looked);
    const { args, kwargs } = executeKwArguments(call);
    try {
      return await this.rpc(
        'object',
        'execute_kw',
        [this.config.db, uid, this.config.apiKey, call.model, call.method, args, kwargs],
        budget.nextTimeoutMs(),
        call.writes,
      );
    } catch (err) {
      // Odoo checks the key on every call: a key revoked since the login is refused here, and
      // counts towards Odoo's lock-out like a refused login, so it is held the same way.
      if (isRefusal(err)) {
        this.refused.note(err);
        if (this.uid === looked) this.uid = undefined;
      }
      throw err;
    }
  }

  /**
   * The uid is looked up once per process (a login costs ~0.85 s on a real server), shared
   * by every request, so it has ODOO_TIMEOUT_MS of its own; each request waits for it
   * only as long as its own time budget lasts. A refused login is not tried again for a while
   * (refused-sign-in.ts).
   */
  private authenticate(): Promise<number> {
    this.uid ??= this.refused.attempt(() =>
      this.rpc('common', 'authenticate', [this.config.db, this.config.login, this.config.apiKey, {}], this.config.timeoutMs).then((uid) => {
        if (typeof uid !== 'number') throw new OdooAuthError('Odoo refused the integration user (login or API key)', 'authenticate');
        return uid;
      }),
    );
    this.uid.catch(() => (this.uid = undefined));
    return this.uid;
  }

  private async rpc(service: string, method: string, args: unknown[], timeoutMs: number, writes?: boolean): Promise<unknown> {
    const res = await postJson(
      `${this.config.url}/jsonrpc`,
      {
        jsonrpc: '2.0',
        method: 'call',
        id: this.nextId++,
        params: { service, method, args },
      },
      {},
      timeoutMs,
      { writes },
    );
    return jsonRpcResult(res);
  }
}

/**
 * Opt-in (ODOO_PROTOCOL=session, with ODOO_PASSWORD), Odoo 16+: the integration user signs
 * in once per process and calls POST /web/dataset/call_kw/<model>/<method> with its session
 * cookie, as Odoo's own web client does, with execute_kw's arguments. Odoo checks a session
 * cookie in less time than an API key (its hash check and queries on every call), which is
 * what a cache miss waits for. A session Odoo has ended is opened again once per call: Odoo
 * refuses such a call before the method runs, so a write is never sent twice.
 */
export class SessionTransport implements Transport {
  readonly protocol = 'session';
  private nextId = 1;
  constructor(
    private readonly config: OdooConfig,
    private readonly session: OdooWebSession,
  ) {}

  async execute(call: OrmCall, budget: TimeBudget): Promise<unknown> {
    const cookie = await budget.race(this.session.cookie());
    try {
      return await this.callKw(call, cookie, budget);
    } catch (err) {
      if (!isSessionEnded(err)) throw err;
      this.session.ended(cookie);
      return this.callKw(call, await budget.race(this.session.cookie()), budget);
    }
  }

  private async callKw(call: OrmCall, cookie: string, budget: TimeBudget): Promise<unknown> {
    const { args, kwargs } = executeKwArguments(call);
    const res = await postJson(
      `${this.config.url}/web/dataset/call_kw/${call.model}/${call.method}`,
      { jsonrpc: '2.0', method: 'call', id: this.nextId++, params: { model: call.model, method: call.method, args, kwargs } },
      { Cookie: cookie },
      budget.nextTimeoutMs(),
      { writes: call.writes },
    );
    return jsonRpcResult(res);
  }
}

/** A JSON-RPC 2.0 answer's result, or its error as a typed OdooError. */
function jsonRpcResult(res: { status: number; text: string }): unknown {
  if (res.status !== 200) throw unavailableFromStatus(res.status, res.text);
  const json = parseJson(res.text) as
    { result?: unknown; error?: { message?: string; data?: { name: string; message: string } } } | undefined;
  if (!json) throw unavailableFromStatus(res.status, res.text);
  if (json.error) throw fromOdooPayload(json.error.data, json.error.message ?? 'Odoo Server Error');
  return json.result;
}

/** The server's major version, from /web/webclient/version_info (public, no login). */
export async function serverMajorVersion(config: OdooConfig): Promise<number> {
  const res = await postJson(
    `${config.url}/web/webclient/version_info`,
    { jsonrpc: '2.0', method: 'call', id: 0, params: {} },
    {},
    config.timeoutMs,
  );
  if (res.status !== 200) throw unavailableFromStatus(res.status, res.text);
  const major = (parseJson(res.text) as { result?: { server_version_info?: unknown[] } })?.result?.server_version_info?.[0];
  if (typeof major !== 'number') throw new OdooServerError('Odoo did not say its version', 'protocol');
  return major;
}

/** Which protocol a server of this version speaks best: JSON-2 from Odoo 19 on. */
export function protocolFor(major: number): 'json2' | 'jsonrpc' {
  return major >= 19 ? 'json2' : 'jsonrpc';
}

/** The positional `args` and the `kwargs` of an execute_kw call, in the shape every Odoo 16-21 binds. */
export function executeKwArguments({ method, ids, params = {}, context }: OrmCall): { args: unknown[]; kwargs: Record<string, unknown> } {
  const positionalNames = JSONRPC_POSITIONAL[method] ?? [];
  const kwargs: Record<string, unknown> = { ...params };
  const positional: unknown[] = [];
  for (const name of positionalNames) {
    if (!(name in kwargs)) break; // a later parameter cannot stand in an earlier one's place
    positional.push(kwargs[name]);
    delete kwargs[name];
  }
  if (context) kwargs.context = context;
  return { args: ids ? [ids, ...positional] : positional, kwargs };
}
