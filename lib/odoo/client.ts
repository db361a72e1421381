import 'server-only';
import pLimit from 'p-limit';
import { OdooCallLog } from './call-log';
import type { OdooConfig } from './config';
import { TimeBudget } from './budget';
import { isRetryable, OdooServerError } from './errors';
import { mayNameRenamedField, withServerFieldNames } from './field-names';
import { InvoicePdfSource, type PdfDownload } from './invoice-pdf';
import {
  Json2Transport,
  JsonRpcTransport,
  protocolFor,
  serverMajorVersion,
  SessionTransport,
  type OrmCall,
  type Transport,
} from './transport';
import { OdooWebSession } from './web-session';

export type Domain = unknown[];
export type OdooRecord = Record<string, unknown> & { id: number };

/**
 * A web_read specification (Odoo 17+): `{}` for a plain field; `{fields: {display_name: {}}}`
 * for a many2one as {id, display_name}; `{fields: {...}, order}` for a one2many's records.
 */
export type WebSpec = Record<string, { fields?: WebSpec; order?: string; limit?: number }>;

export interface SearchReadOptions {
  fields: readonly string[];
  offset?: number;
  limit?: number;
  order?: string;
  context?: Record<string, unknown>;
}

/**
 * Shared per process: the transport (chosen once), the concurrency cap and the web session
 * for PDFs. Cheap per-request views of it are made with `gateway.client(callLog)`.
 */
export class OdooGateway {
  private transport?: Promise<Transport>;
  private major?: Promise<number>;
  /** The seller's company, asked once per process (see OdooClient.sellerCompanyId). */
  company?: Promise<number>;
  readonly limit: ReturnType<typeof pLimit>;
  readonly pdf: InvoicePdfSource;
  /** The integration user's web session, for PDFs and ODOO_PROTOCOL=session: one per process. */
  readonly session: OdooWebSession;

  constructor(readonly config: OdooConfig) {
    this.limit = pLimit(config.maxConcurrency);
    this.session = new OdooWebSession(config);
    this.pdf = new InvoicePdfSource(config, this.session);
  }

  /** The server's major version, asked once per process; a failure (Odoo down) is asked again next time. */
  serverMajor(): Promise<number> {
    this.major ??= serverMajorVersion(this.config);
    this.major.catch(() => (this.major = undefined));
    return this.major;
  }

  getTransport(): Promise<Transport> {
    this.transport ??= (async () => {
      const protocol = this.config.protocol === 'auto' ? protocolFor(await this.serverMajor()) : this.config.protocol;
      if (protocol === 'session') return new SessionTransport(this.config, this.session);
      return protocol === 'json2' ? new Json2Transport(this.config) : new JsonRpcTransport(this.config);
    })();
    // A failed detection (Odoo down at start) is tried again on the next call.
    this.transport.catch(() => (this.transport = undefined));
    return this.transport;
  }

  /**
   * A client for one portal request (a call log given): all its calls share one time budget
   * of ODOO_TIMEOUT_MS (see TimeBudget). Without a call log (scripts, benchmarks, tests'
   * set-up), each call has its own ODOO_TIMEOUT_MS, retries included.
   */
  client(callLog?: OdooCallLog): OdooClient {
    return new OdooClient(this, callLog ?? new OdooCallLog('background'), callLog ? new TimeBudget(this.config.timeoutMs) : undefined);
  }
}

/**
 * The typed calls the portal makes. Reads are retried on transport failures; writes never
 * are. Attempts, retries, waits for a connection slot and the one-time version check all
 * come out of the request's time budget.
 */
export class OdooClient {
  constructor(
    private readonly gateway: OdooGateway,
    readonly callLog: OdooCallLog,
    private readonly requestBudget?: TimeBudget,
    /** Odoo's `context.lang` of every call (a call's own context wins): what Odoo translates, such as product names. */
    readonly lang?: string,
  ) {}

  /** This client, speaking `lang` to Odoo: the same call log and time budget. */
  withLang(lang: string): OdooClient {
    return new OdooClient(this.gateway, this.callLog, this.requestBudget, lang);
  }

  /**
   * This client for one step of a long download (a batch of a CSV export, one PDF of a
   * ZIP): the same call log, and a time budget of its own, ODOO_TIMEOUT_MS.
   */
  withOwnBudget(): OdooClient {
    return new OdooClient(this.gateway, this.callLog, new TimeBudget(this.gateway.config.timeoutMs), this.lang);
  }

  /** Milliseconds left of this request's time for Odoo. */
  remainingMs(): number {
    return this.budget().remainingMs();
  }

  /**
   * Waits for something that itself waits on Odoo (another request's submit of the same
   * form), with the clock of this request's budget running, at most until it is spent.
   */
  waitOn<T>(work: Promise<T>): Promise<T> {
    const budget = this.budget();
    return budget.spend(() => budget.race(work));
  }

  private budget(): TimeBudget {
    return this.requestBudget ?? new TimeBudget(this.gateway.config.timeoutMs);
  }

  searchRead<T extends OdooRecord = OdooRecord>(model: string, domain: Domain, opts: SearchReadOptions): Promise<T[]> {
    const { context, ...params } = opts;
    return this.run({ model, method: 'search_read', params: { domain, ...params }, context }, true) as Promise<T[]>;
  }

  /** Whether the server has web_search_read with a specification (Odoo 17+). */
  async hasWebRead(): Promise<boolean> {
    const budget = this.budget();
    return (await budget.spend(() => budget.race(this.gateway.serverMajor()))) >= 17;
  }

  /**
   * The seller's company: the integration user's current company, the one Odoo puts the
   * orders it creates in (sale.order.company_id defaults to env.company). Asked once per
   * process; a failure is asked again next time.
   */
  sellerCompanyId(): Promise<number> {
    const gateway = this.gateway;
    gateway.company ??= this.searchRead('res.users', [['login', '=', gateway.config.login]], { fields: ['company_id'], limit: 1 }).then(
      ([user]) => {
        const company: unknown = user?.company_id;
        const id: unknown = Array.isArray(company) ? company[0] : undefined;
        if (typeof id !== 'number') throw new OdooServerError('The integration user has no company', 'protocol');
        return id;
      },
    );
    gateway.company.catch(() => (gateway.company = undefined));
    const budget = this.budget();
    const company = gateway.company;
    return budget.spend(() => budget.race(company));
  }

  /**
   * Odoo 17+'s web_search_read: the records with related records nested as the
   * specification asks (a many2one as {id, display_name}, a one2many as its records), so
   * a record and its lines come back in one call; `length` is the count of the whole
   * domain when the limit was reached. Check `hasWebRead()` first.
   */
  async webSearchRead<T extends OdooRecord = OdooRecord>(
    model: string,
    domain: Domain,
    specification: WebSpec,
    opts: Omit<SearchReadOptions, 'fields'> = {},
  ): Promise<{ length: number; records: T[] }> {
    const { context, ...params } = opts;
    const result = (await this.run({ model, method: 'web_search_read', params: { domain, specification, ...params }, context }, true)) as {
      length?: unknown;
      records?: T[];
    };
    if (!Array.isArray(result?.records) || typeof result.length !== 'number')
      throw new OdooServerError('web_search_read returned no records list', 'protocol');
    return { length: result.length, records: result.records };
  }

  searchCount(model: string, domain: Domain, context?: Record<string, unknown>): Promise<number> {
    return this.run({ model, method: 'search_count', params: { domain }, context }, true) as Promise<number>;
  }

  /** Bare read by ids: only for records whose ids came from a tenant-scoped search. */
  read<T extends OdooRecord = OdooRecord>(model: string, ids: number[], fields: readonly string[]): Promise<T[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.run({ model, method: 'read', ids, params: { fields } }, true) as Promise<T[]>;
  }

  /** read_group with lazy=false: one row per combination of `groupby`, `__count` and sums. */
  readGroup(model: string, domain: Domain, fields: readonly string[], groupby: readonly string[]): Promise<Record<string, unknown>[]> {
    return this.run({ model, method: 'read_group', params: { domain, fields, groupby, lazy: false } }, true) as Promise<
      Record<string, unknown>[]
    >;
  }

  async create(model: string, values: Record<string, unknown>, context?: Record<string, unknown>): Promise<number> {
    const result = await this.run({ model, method: 'create', params: { vals_list: [values] }, context }, false);
    const id: unknown = Array.isArray(result) ? result[0] : result;
    if (typeof id !== 'number') throw new OdooServerError(`create on ${model} returned ${JSON.stringify(result)}`, 'protocol');
    return id;
  }

  async write(model: string, ids: number[], values: Record<string, unknown>): Promise<void> {
    await this.run({ model, method: 'write', ids, params: { vals: values } }, false);
  }

  /** A public business method on records, e.g. `sale.order.action_confirm`. Never retried. */
  callMethod(model: string, method: string, ids: number[], params: Record<string, unknown> = {}): Promise<unknown> {
    return this.run({ model, method, ids, params }, false);
  }

  /** A note in the record's chatter (mail.thread.message_post). */
  async messagePost(model: string, id: number, body: string, internal = true): Promise<void> {
    await this.run(
      {
        model,
        method: 'message_post',
        ids: [id],
        params: { body, message_type: 'comment', subtype_xmlid: internal ? 'mail.mt_note' : 'mail.mt_comment' },
      },
      false,
    );
  }

  /** `onchange` on a new record: Odoo computes prices, taxes and totals, nothing is written. */
  onchange(
    model: string,
    values: Record<string, unknown>,
    fieldsSpec: Record<string, unknown>,
  ): Promise<{ value: Record<string, unknown> }> {
    return this.run({ model, method: 'onchange', ids: [], params: { values, field_names: [], fields_spec: fieldsSpec } }, true) as Promise<{
      value: Record<string, unknown>;
    }>;
  }

  /** The invoice's PDF as a stream (never buffered). The caller has checked the tenant. */
  async invoicePdf(invoiceId: number, attachmentId: number | false): Promise<PdfDownload> {
    const started = performance.now();
    const budget = this.budget();
    try {
      const result = await budget.spend(() => {
        const opening = this.gateway.limit(() =>
          this.gateway.pdf.open(invoiceId, attachmentId, (call) => this.rawRun(call, budget), budget),
        );
        // A PDF that opens after the budget is spent is closed at once: nobody will read it.
        return budget.race(opening, (late) => late.body.destroy());
      });
      this.callLog.record('account.move', 'pdf', performance.now() - started, 'ok');
      return result;
    } catch (err) {
      this.callLog.record('account.move', 'pdf', performance.now() - started, errorName(err));
      throw err;
    }
  }

  private run(langlessCall: OrmCall, readOnly: boolean): Promise<unknown> {
    const langCall = this.lang ? { ...langlessCall, context: { lang: this.lang, ...langlessCall.context } } : langlessCall;
    const portalCall = readOnly ? langCall : { ...langCall, writes: true };
    const attempts = readOnly ? this.gateway.config.readRetries + 1 : 1;
    const budget = this.budget();
    return budget.spend(async () => {
      // Odoo 16-18 name a few fields otherwise (field-names.ts); the version is asked once per process.
      const { call, restore } = mayNameRenamedField(portalCall)
        ? withServerFieldNames(portalCall, await budget.race(this.gateway.serverMajor()))
        : { call: portalCall, restore: (result: unknown) => result };
      for (let attempt = 1; ; attempt++) {
        const started = performance.now();
        try {
          const result = restore(await budget.race(this.gateway.limit(() => this.rawRun(call, budget))));
          this.callLog.record(call.model, call.method, performance.now() - started, 'ok');
          return result;
        } catch (err) {
          this.callLog.record(call.model, call.method, performance.now() - started, errorName(err));
          const wait = backoff(attempt);
          // A retry that could not be answered within the budget is not started.
          if (attempt >= attempts || !isRetryable(err) || budget.remainingMs() <= wait) throw err;
          await sleep(wait);
        }
      }
    });
  }

  /** One attempt; a call that waited for a free slot until the budget was spent is not sent at all. */
  private async rawRun(call: OrmCall, budget: TimeBudget): Promise<unknown> {
    budget.nextTimeoutMs();
    const transport = await budget.race(this.gateway.getTransport());
    return transport.execute(call, budget);
  }
}

/** Full jitter: a random wait up to 100 ms, 200 ms, 400 ms... so retries do not stampede. */
export function backoff(attempt: number): number {
  return Math.random() * 100 * 2 ** (attempt - 1);
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : 'error';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
