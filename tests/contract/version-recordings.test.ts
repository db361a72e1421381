import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getModel } from '../../odoo-sim/schema';
import { SEED_IDS } from '../../odoo-sim/seed';
import { OdooSimulator } from '../../odoo-sim/server';
import { TEST_TODAY } from '../helpers/odoo-sim';
import { sameShape } from '../helpers/same-shape';

/**
 * Replays, in file order, every request scripts/odoo-recorder.ts recorded from a real Odoo
 * (tests/contract/recordings/<major>/, one folder per server version; every folder present
 * is replayed) against a simulator claiming that version, and holds the simulator to what
 * real Odoo answered where the answer does not depend on the recorded database's data:
 * - the envelope: HTTP status and content type; for JSON-RPC its keys, `jsonrpc`, `id`,
 *   result or error, the error's keys, `code` (200 on 16-18, 0 on 19), `message` and
 *   `data.name`; for JSON-2 the error body's `name`;
 * - the argument rules: a request real Odoo accepted is accepted (no TypeError, IndexError
 *   or unexpected keyword), one it refused is refused with the same exception and message;
 * - error messages, `arguments` and the traceback's last line, exactly, except where they
 *   name data (DATA_IN_MESSAGE);
 * - the answer's kind (list, number, object...) and, where both answers are non-empty, its
 *   shape: keys and value types of records, many2one pairs, x2many commands,
 *   web_search_read and read_group structures (tests/helpers/same-shape.ts: an empty value,
 *   `false` or `null`, on either side matches any type; lists compare their first entries);
 * - the version a server states (major, minor, series), the uid and database a sign-in
 *   answers, and the route and parameters of a URL get_portal_url answers.
 *
 * The recorded database is not the simulator's seed: its ids, names and counts differ. Ids
 * in requests are translated (IdMap): a recorded id becomes the id of the simulator record
 * that played the same part in an earlier answer, and records the replay creates are
 * followed. The recorded integration user keeps its uid and login (the simulator gets a user
 * with them), and the seed's customer A is named as the recorded customer, so the portal's
 * lookup of its customer by name finds it.
 *
 * Not compared, and why:
 * - values (ids, names, amounts, dates, counts): they are the recorded database's;
 * - messages that name records, uids or people: DATA_IN_MESSAGE;
 * - the answers of ENVELOPE_ONLY: one side had no records for a reason of data;
 * - answers empty on both sides: nothing in them but their kind, which is compared;
 * - PDFs: their size and bytes are the recorded invoice's; their type and `%PDF-` are compared;
 * - a redirect's query string (it carries the recorded ids): its path is compared;
 * - an HTML page's text (an unknown route): its status and content type are compared;
 * - the web session's info beyond the keys the simulator serves (SESSION_INFO_USED);
 * - a server's patch level and build (`server_version_info` past the minor): a build's, not
 *   the protocol's.
 */
const ROOT = join(__dirname, 'recordings');

/** The recorded database's customer company (scripts/test-real-odoo.ts REAL_ODOO_CUSTOMER, Odoo's demo data); the seed's customer A plays it. */
const RECORDED_CUSTOMER = 'Gemini Furniture';

/**
 * Messages that name data of the recorded database are compared with their numbers
 * masked (record ids and uids) or, where they name people, by exception name only.
 */
const DATA_IN_MESSAGE: Record<string, 'numbers' | 'name-only'> = {
  // "Record does not exist or has been deleted.\n(Record: sale.order(99999999,), User: 8)"
  'odoo.exceptions.MissingError': 'numbers',
  // "Sorry, <user name> (id=7) doesn't have 'read' access to: ..." and the groups of the server.
  'odoo.exceptions.AccessError': 'name-only',
};

/**
 * Files whose answer is compared by envelope only (status, content type, result or error),
 * because one side's answer is empty for a reason of data: there is no shape to compare it
 * with. Keyed by `<major>/<file>`. Any other one-sided empty answer fails the test, so a new
 * recording either maps its ids or is listed here with its reason.
 */
const ENVELOPE_ONLY: Record<string, string> = {
  '19/0128_account.move.read_group.json':
    "overdue invoices of the customer per currency and type: the recorded customer had none overdue (real Odoo answered []), the seed's customer A has some",
  '17/0022_res.partner.web_search_read.json':
    'the second customer (Azure Interior, 14 there) by id: no answer of the replay so far names it, so its id has no seed counterpart',
  '18/0022_res.partner.web_search_read.json':
    'the second customer (Azure Interior, 15 there) by id: no answer of the replay so far names it, so its id has no seed counterpart',
  '17/0059_mail.message.search_read.json':
    "the chatter note read back by its text on the recorded customer's id (11 there), which no earlier answer pairs with a seed partner",
  '18/0059_mail.message.search_read.json':
    "the chatter note read back by its text on the recorded customer's id (11 there), which no earlier answer pairs with a seed partner",
  '17/0099_stock.picking.search_read.json':
    "backorders of the recorded S00021's delivery: the recorded delivery had none, the seed's paired delivery has one",
  '18/0086_stock.picking.search_read.json':
    'deliveries of the recorded S00021 (sale_id 21, customer 11 there): the seed records paired with those two ids are not one order of one customer, so the simulator finds none',
  '18/0101_stock.move.search_read.json':
    'moves of a recorded delivery (13 there) read with its customer (11 there): the seed records paired with those ids do not belong together, so the simulator finds none',
};

/**
 * The web session's info is mostly web-client settings (menus, discuss, companies, the
 * store of the chat) that the simulator leaves out: its keys must be a subset of the
 * recorded ones, of the same types, and the ones the portal reads must be there.
 */
const SESSION_INFO_USED = ['uid', 'db', 'server_version', 'server_version_info', 'name', 'username', 'partner_id'];

interface Recording {
  description: string;
  request: { method: string; url: string; headers?: Record<string, string>; body: unknown };
  response: {
    http_status: number;
    content_type?: string | null;
    body: unknown;
    size?: number;
    starts_with?: string;
    location?: string;
  };
}

type Json = Record<string, unknown>;

const majors = readdirSync(ROOT)
  .filter((d) => /^\d+$/.test(d) && statSync(join(ROOT, d)).isDirectory())
  .map(Number)
  .sort((a, b) => a - b);

function load(major: number): [string, Recording][] {
  const dir = join(ROOT, String(major));
  return readdirSync(dir)
    .filter((f) => /^\d{4}_.*\.json$/.test(f))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Recording]);
}

/** What a recorded request calls: its protocol, and the model and method (or the route) it names. */
interface Call {
  kind: 'json2' | 'jsonrpc' | 'session' | 'http';
  model?: string;
  method?: string;
}

function callOf(rec: Recording): Call {
  const path = rec.request.url.split('?')[0]!;
  const json2 = /^\/json\/2\/([^/]+)\/([^/]+)$/.exec(path);
  if (json2) return { kind: 'json2', model: json2[1], method: json2[2] };
  if (path === '/jsonrpc') {
    const params = ((rec.request.body as Json)?.params ?? {}) as Json;
    const args = (params.args ?? []) as unknown[];
    if (params.method === 'execute_kw') return { kind: 'jsonrpc', model: String(args[3]), method: String(args[4]) };
    return { kind: 'jsonrpc', method: `${String(params.service)}.${String(params.method)}` };
  }
  if (path.startsWith('/web/')) return { kind: 'session', method: path };
  return { kind: 'http', method: path };
}

/** The database, login and uid the recordings were made with. */
function recordedIdentity(recs: Recording[]): { db: string; login: string; uid: number } {
  let db = '';
  let login = '';
  let uid = 0;
  for (const rec of recs) {
    const body = (rec.request.body ?? {}) as Json;
    const params = (body.params ?? {}) as Json;
    const args = (params.args ?? []) as unknown[];
    db ||= rec.request.headers?.['x-odoo-database'] ?? '';
    if (params.method === 'execute_kw') {
      db ||= String(args[0]);
      uid ||= Number(args[1]);
    }
    if (params.method === 'authenticate' || params.method === 'login') {
      db ||= String(args[0]);
      login ||= String(args[1]);
      const result = (rec.response.body as Json)?.result;
      if (typeof result === 'number') uid ||= result;
    }
    if (rec.request.url === '/web/session/authenticate') {
      db ||= String(params.db);
      login ||= String(params.login);
      uid ||= Number(((rec.response.body as Json)?.result as Json | undefined)?.uid ?? 0);
    }
  }
  return { db, login: login || 'portal-bot', uid };
}

/**
 * Recorded ids → simulator ids, per model. An id is learnt from the first pair of answers
 * that show it: a record of a recorded answer is the record of the simulator's answer to the
 * same request with the same `name` (a strong pair) or else at the same position (a weak
 * pair: "the first order of the customer", read again by id, is the same order on both
 * sides); many2one and x2many values of paired records pair by position; a create pairs the
 * ids it returned. A strong pair replaces a weak one (a country first seen as "any country"
 * is paired again when it is asked for by its name). An id never learnt (99999999, or one the
 * seed happens to share) stays as it is. The map is one-to-one per model.
 */
class IdMap {
  private readonly byModel = new Map<string, Map<number, { id: number; strong: boolean }>>();
  private readonly players = new Map<string, Map<number, number>>();

  sim(model: string | undefined, id: unknown): unknown {
    if (!model || typeof id !== 'number' || !Number.isInteger(id)) return id;
    if (!this.byModel.get(model)?.has(id)) this.pair(model, id, id);
    return this.byModel.get(model)?.get(id)?.id ?? id;
  }

  pair(model: string, recorded: unknown, actual: unknown, strong = false) {
    if (typeof recorded !== 'number' || typeof actual !== 'number') return;
    const map = this.byModel.get(model) ?? new Map<number, { id: number; strong: boolean }>();
    const players = this.players.get(model) ?? new Map<number, number>();
    this.byModel.set(model, map);
    this.players.set(model, players);
    const known = map.get(recorded);
    const player = players.get(actual);
    if (known && (known.strong || !strong)) return;
    if (player !== undefined && (map.get(player)!.strong || !strong)) return;
    if (known) players.delete(known.id);
    if (player !== undefined) map.delete(player);
    map.set(recorded, { id: actual, strong });
    players.set(actual, recorded);
  }
}

const relationOf = (model: string | undefined, field: string) => (model ? getModel(model)?.fields[field] : undefined);

/** The model a domain path ends on, when the path names records (`id`, a relational field, dotted). */
function pathModel(model: string, path: string): string | undefined {
  let current: string | undefined = model;
  for (const name of path.split('.')) {
    if (!current) return undefined;
    if (name === 'id') return current;
    current = relationOf(current, name)?.relation;
  }
  return current;
}

const ID_OPERATORS = new Set(['=', '!=', 'in', 'not in', 'child_of', 'parent_of']);

function mapDomain(ids: IdMap, model: string, domain: unknown): unknown {
  if (!Array.isArray(domain)) return domain;
  return domain.map((term) => {
    if (!Array.isArray(term) || typeof term[0] !== 'string' || !ID_OPERATORS.has(String(term[1]))) return term;
    const target = pathModel(model, term[0]);
    const value: unknown = term[2];
    return [term[0], term[1], Array.isArray(value) ? value.map((v) => ids.sim(target, v)) : ids.sim(target, value)];
  });
}

/** Create/write/onchange values: many2one ids and x2many commands on their related model. */
function mapValues(ids: IdMap, model: string, values: unknown): unknown {
  if (!values || typeof values !== 'object' || Array.isArray(values)) return values;
  return Object.fromEntries(
    Object.entries(values as Json).map(([name, value]) => {
      const field = relationOf(model, name);
      const target = field?.relation;
      if (!field || !target) return [name, value];
      if (field.type === 'many2one') return [name, ids.sim(target, value)];
      if (!Array.isArray(value)) return [name, value];
      return [
        name,
        value.map((command: unknown) => {
          if (!Array.isArray(command)) return ids.sim(target, command);
          const [code, id, rest] = command as [number, unknown, unknown];
          if (code === 0) return [code, id, mapValues(ids, target, rest)];
          if (code === 1) return [code, ids.sim(target, id), mapValues(ids, target, rest)];
          if (code === 6) return [code, id, Array.isArray(rest) ? rest.map((v) => ids.sim(target, v)) : rest];
          return [code, ids.sim(target, id), ...command.slice(2)];
        }),
      ];
    }),
  );
}

/** Named parameters of a model method, ids translated. */
function mapParams(ids: IdMap, model: string, params: Json): Json {
  const out: Json = { ...params };
  if (Array.isArray(out.ids)) out.ids = out.ids.map((id) => ids.sim(model, id));
  if ('domain' in out) out.domain = mapDomain(ids, model, out.domain);
  if ('vals' in out) out.vals = mapValues(ids, model, out.vals);
  if ('values' in out) out.values = mapValues(ids, model, out.values);
  if ('vals_list' in out)
    out.vals_list = Array.isArray(out.vals_list)
      ? out.vals_list.map((v) => mapValues(ids, model, v))
      : mapValues(ids, model, out.vals_list);
  if (Array.isArray(out.partner_ids)) out.partner_ids = out.partner_ids.map((id) => ids.sim('res.partner', id));
  if ('author_id' in out) out.author_id = ids.sim('res.partner', out.author_id);
  return out;
}

/**
 * execute_kw's positional arguments as lib/odoo/transport.ts sends them: on a method of the
 * model, its leading parameters; on any other (a method of records), the ids first, then
 * the leading parameters below.
 */
const MODEL_METHODS: Record<string, string[]> = {
  search_read: ['domain'],
  search: ['domain'],
  search_count: ['domain'],
  web_search_read: ['domain'],
  read_group: ['domain'],
  create: ['vals_list'],
  fields_get: [],
  name_search: [],
  default_get: [],
};
const RECORD_METHODS: Record<string, string[]> = { write: ['vals'], onchange: ['values'] };

function mapPositional(ids: IdMap, model: string, method: string, args: unknown[]): unknown[] {
  const names = MODEL_METHODS[method] ?? ['ids', ...(RECORD_METHODS[method] ?? [])];
  const named = Object.fromEntries(args.map((value, i) => [names[i] ?? `#${i}`, value]));
  if (names[0] === 'ids' && !Array.isArray(named.ids)) named.ids = [named.ids];
  const mapped = mapParams(ids, model, named);
  return args.map((value, i) => {
    const name = names[i];
    if (!name) return value;
    return name === 'ids' && !Array.isArray(value) ? (mapped.ids as unknown[])[0] : mapped[name];
  });
}

/** URL paths that name a record. */
const PATH_MODELS: [RegExp, string][] = [
  [/^(\/report\/pdf\/account\.report_invoice\/)(\d+)/, 'account.move'],
  [/^(\/my\/invoices\/)(\d+)/, 'account.move'],
  [/^(\/my\/orders\/)(\d+)/, 'sale.order'],
  [/^(\/web\/content\/)(\d+)/, 'ir.attachment'],
];

/** Learns ids from a pair of answers to the same call: records by position, their relational values alike. */
function learn(ids: IdMap, model: string | undefined, method: string | undefined, recorded: unknown, actual: unknown) {
  if (!model || !method) return;
  if (method === 'create' || method === 'search') pairIds(ids, model, recorded, actual);
  else if (method === 'message_post') pairIds(ids, 'mail.message', recorded, actual);
  else if (method === 'web_search_read') pairRecords(ids, model, (recorded as Json)?.records, (actual as Json)?.records);
  else if (method === 'search_read' || method === 'read') pairRecords(ids, model, recorded, actual);
}

function pairIds(ids: IdMap, model: string, recorded: unknown, actual: unknown) {
  const r = Array.isArray(recorded) ? recorded : [recorded];
  const a = Array.isArray(actual) ? actual : [actual];
  r.forEach((id, i) => ids.pair(model, id, a[i]));
}

function pairRecords(ids: IdMap, model: string, recorded: unknown, actual: unknown) {
  if (!Array.isArray(recorded) || !Array.isArray(actual)) return;
  const records = (list: unknown[]) => list.filter((r): r is Json => !!r && typeof r === 'object' && !Array.isArray(r));
  const [rec, act] = [records(recorded), records(actual)];
  const byName = new Map(act.filter((a) => typeof a.name === 'string').map((a) => [a.name, a]));
  const pairs: [Json, Json, boolean][] = [];
  rec.forEach((r, i) => {
    const named = typeof r.name === 'string' ? byName.get(r.name) : undefined;
    if (named) pairs.unshift([r, named, true]);
    else if (act[i]) pairs.push([r, act[i], false]);
  });
  for (const [r, a, strong] of pairs) {
    ids.pair(model, r.id, a.id, strong);
    for (const [name, value] of Object.entries(r)) {
      const target = relationOf(model, name)?.relation;
      if (target && name in a) pairValue(ids, target, value, a[name]);
    }
  }
}

function pairValue(ids: IdMap, model: string, recorded: unknown, actual: unknown) {
  if (typeof recorded === 'number') return ids.pair(model, recorded, actual);
  if (Array.isArray(recorded) && recorded.length === 2 && typeof recorded[1] === 'string' && Array.isArray(actual))
    return ids.pair(model, recorded[0], actual[0]);
  if (Array.isArray(recorded) && Array.isArray(actual)) {
    if (recorded.every((v) => typeof v === 'number')) return pairIds(ids, model, recorded, actual);
    return pairRecords(ids, model, recorded, actual);
  }
  if (recorded && typeof recorded === 'object' && actual && typeof actual === 'object') pairRecords(ids, model, [recorded], [actual]);
}

function mediaType(contentType: string | null | undefined) {
  return (contentType ?? '').split(';')[0]!.trim();
}

function comparableMessage(name: string, message: unknown) {
  const rule = DATA_IN_MESSAGE[name];
  if (rule === 'name-only') return '(not compared: names data)';
  return rule === 'numbers' ? String(message).replace(/\d+/g, '<n>') : message;
}

/** An answer with nothing in it: what real Odoo or the simulator answers when no record matches (web_search_read: no records). */
const isEmpty = (v: unknown): boolean =>
  v === false ||
  v === null ||
  v === undefined ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).join() === 'length,records' && isEmpty((v as Json).records));

for (const major of majors) {
  const files = load(major);
  const identity = recordedIdentity(files.map(([, rec]) => rec));

  describe(`the simulator claiming Odoo ${major} answers the requests recorded from a real Odoo ${major} alike`, () => {
    let sim: OdooSimulator;
    let base: string;
    let sessionCookie = '';
    const ids = new IdMap();
    const secrets = { '<api-key>': `replay-key-${major}`, '<password>': `replay-password-${major}` };

    beforeAll(async () => {
      sim = new OdooSimulator({ seed: 42, today: TEST_TODAY, database: identity.db, version: major });
      base = await sim.listen(0);
      // The recorded integration user keeps its uid (execute_kw carries it, sign-ins and
      // MissingError name it): a copy of the seed's integration user under that id and login.
      // A uid the seed already has (an internal user too) is used as it is.
      const uid = identity.uid || SEED_IDS.users.integration;
      const seedUser = sim.store.get('res.users', SEED_IDS.users.integration)!;
      if (!sim.store.get('res.users', uid)) {
        sim.store.update('res.users', seedUser.id, { login: `${String(seedUser.login)}-seed` });
        const { id: _id, ...values } = seedUser;
        sim.store.insert('res.users', { ...values, login: identity.login }, uid);
      }
      sim.addCredentials(identity.login, uid, secrets['<password>'], [secrets['<api-key>']]);
      sim.store.update('res.partner', SEED_IDS.customers.A, { name: RECORDED_CUSTOMER });
    });
    afterAll(() => sim.close());

    function unscrub(text: string): string {
      return text.split('<api-key>').join(secrets['<api-key>']).split('<password>').join(secrets['<password>']);
    }

    /** The recorded request with credentials the simulator accepts and ids it has. */
    function requestFor(rec: Recording, call: Call): { url: string; init: RequestInit } {
      let [path, query = ''] = rec.request.url.split('?') as [string, string?];
      let record: { model: string; id: number } | undefined;
      for (const [pattern, model] of PATH_MODELS) {
        path = path.replace(pattern, (_m, prefix: string, id: string) => {
          record = { model, id: Number(ids.sim(model, Number(id))) };
          return `${prefix}${record.id}`;
        });
      }
      if (query.includes('<token>')) {
        // The access token the simulator gave the record (get_portal_url came first, as on the real server).
        const token = record ? sim.store.get(record.model, record.id)?.access_token : undefined;
        query = query.replace('<token>', typeof token === 'string' ? token : 'no-token');
      }
      const headers: Record<string, string> = JSON.parse(unscrub(JSON.stringify(rec.request.headers ?? {})));
      for (const [k, v] of Object.entries(headers)) if (v.includes('session_id=<session>')) headers[k] = sessionCookie || v;
      let body = rec.request.body === null ? null : (JSON.parse(unscrub(JSON.stringify(rec.request.body))) as Json);
      if (body && call.kind === 'json2') body = mapParams(ids, call.model!, body);
      if (body && call.kind === 'jsonrpc' && call.model) {
        const params = body.params as Json;
        const args = [...(params.args as unknown[])];
        if (Array.isArray(args[5])) args[5] = mapPositional(ids, call.model, call.method!, args[5]);
        if (args[6] && typeof args[6] === 'object') args[6] = mapParams(ids, call.model, args[6] as Json);
        body = { ...body, params: { ...params, args } };
      }
      return {
        url: `${base}${path}${query ? `?${query}` : ''}`,
        init: {
          method: rec.request.method,
          headers,
          body: rec.request.method === 'POST' && body !== null ? JSON.stringify(body) : undefined,
          redirect: 'manual',
        },
      };
    }

    for (const [file, rec] of files) {
      it(file, async () => {
        const call = callOf(rec);
        const key = `${major}/${file}`;
        const { url, init } = requestFor(rec, call);
        const res = await fetch(url, init);
        const what = `${key} (${rec.description})`;
        const cookie = /session_id=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
        if (cookie) sessionCookie = cookie;
        const type = mediaType(res.headers.get('content-type'));
        const text = type === 'application/pdf' ? '' : await res.text();

        expect(res.status, `${what}: HTTP status, the simulator answered ${text.slice(0, 300)}`).toBe(rec.response.http_status);
        expect(res.headers.get('content-type'), `${what}: content type`).toBe(rec.response.content_type);

        if (type === 'application/pdf') {
          // The PDF's size and content are the recorded invoice's: only its kind is compared.
          const head = Buffer.from(await res.arrayBuffer())
            .subarray(0, 5)
            .toString('latin1');
          expect(head, what).toBe(rec.response.starts_with ?? '%PDF-');
          return;
        }
        if (rec.response.http_status >= 300 && rec.response.http_status < 400) {
          expect(res.headers.get('location')?.split('?')[0], `${what}: redirect`).toBe(rec.response.location?.split('?')[0]);
          return;
        }
        // An HTML page (an unknown route): its status and content type are all there is to compare.
        if (!mediaType(rec.response.content_type).endsWith('json')) return;
        const body = JSON.parse(text);
        const expected = rec.response.body as Json;

        if (call.kind === 'json2') {
          if (rec.response.http_status >= 400) return compareError(what, expected, body);
          learn(ids, call.model, call.method, expected, body);
          return compareResult(key, what, expected, body);
        }

        // JSON-RPC envelope (/jsonrpc and the web routes).
        expect(Object.keys(body).sort(), `${what}: envelope`).toEqual(Object.keys(expected).sort());
        expect(body.jsonrpc, `${what}: jsonrpc`).toBe(expected.jsonrpc);
        expect(body.id, `${what}: id`).toEqual(expected.id);
        const recordedError = expected.error as Json | undefined;
        if (recordedError) {
          expect(body.error, `${what}: real Odoo answered an error, the simulator ${JSON.stringify(body.result)}`).toBeDefined();
          expect(Object.keys(body.error).sort(), `${what}: error envelope`).toEqual(Object.keys(recordedError).sort());
          expect(body.error.code, `${what}: error code`).toBe(recordedError.code);
          expect(body.error.message, `${what}: error message`).toBe(recordedError.message);
          return compareError(what, recordedError.data as Json, body.error.data);
        }
        expect(
          body.error,
          `${what}: real Odoo accepted the request, the simulator refused it: ${body.error?.data?.name}: ${body.error?.data?.message}`,
        ).toBeUndefined();
        const result = expected.result as Json;
        if (rec.request.url === '/web/session/authenticate') return compareSessionInfo(what, result, body.result);
        if (call.method === '/web/webclient/version_info' || call.method === 'common.version') compareVersion(what, result, body.result);
        // The replay authenticates as the recorded user: the same uid.
        if (call.method === 'common.authenticate' || call.method === 'common.login') expect(body.result, what).toBe(result);
        learn(ids, call.model, call.method, result, body.result);
        return compareResult(key, what, result, body.result);
      });
    }
  });
}

function compareError(what: string, expected: Json, actual: Json) {
  expect(actual?.name, `${what}: exception (message ${JSON.stringify(actual?.message)})`).toBe(expected.name);
  const name = String(expected.name);
  expect(comparableMessage(name, actual.message), `${what}: message`).toBe(comparableMessage(name, expected.message));
  // The recorder keeps the traceback's last line only: the simulator's is cut alike.
  const lastLine = (debug: unknown) => comparableMessage(name, String(debug).trim().split('\n').pop());
  expect(lastLine(actual.debug), `${what}: last line of the traceback`).toBe(lastLine(expected.debug));
  expect(comparableMessage(name, JSON.stringify(actual.arguments)), `${what}: arguments`).toBe(
    comparableMessage(name, JSON.stringify(expected.arguments)),
  );
  expect(sameShape(expected, actual), `${what}: error payload`).toEqual([]);
}

function compareResult(key: string, what: string, expected: unknown, actual: unknown) {
  if (ENVELOPE_ONLY[key]) return;
  if (expected !== false && expected !== null) expect(kind(actual), `${what}: kind of result`).toBe(kind(expected));
  if (isEmpty(expected) !== isEmpty(actual)) {
    expect.fail(
      `${what}: ${isEmpty(expected) ? 'real Odoo' : 'the simulator'} answered nothing, the other ${JSON.stringify(isEmpty(expected) ? actual : expected).slice(0, 200)}: map the ids, or list the file in ENVELOPE_ONLY with its reason`,
    );
  }
  expect(sameShape(expected, actual), `${what}: shape`).toEqual([]);
  if (typeof expected === 'string' && expected.startsWith('/')) {
    // A URL (get_portal_url): its route and parameters, not the record's id or token.
    const mask = (url: unknown) =>
      String(url)
        .replace(/access_token=[^&#]+/, 'access_token=<token>')
        .replace(/\d+/g, '<n>');
    expect(mask(actual), `${what}: URL`).toBe(mask(expected));
  }
}

/** The version a server states is not data: its major, minor and series are compared as they are. */
function compareVersion(what: string, expected: Json, actual: Json) {
  expect((actual.server_version_info as unknown[]).slice(0, 2), `${what}: server_version_info`).toEqual(
    (expected.server_version_info as unknown[]).slice(0, 2),
  );
  if ('server_serie' in expected) expect(actual.server_serie, `${what}: server_serie`).toBe(expected.server_serie);
}

function compareSessionInfo(what: string, expected: Json, actual: Json) {
  for (const key of SESSION_INFO_USED) expect(actual, `${what}: session info`).toHaveProperty(key);
  const extra = Object.keys(actual).filter((k) => !(k in expected));
  expect(extra, `${what}: session info keys real Odoo does not send`).toEqual([]);
  const common = Object.fromEntries(Object.keys(actual).map((k) => [k, expected[k]]));
  expect(sameShape(common, actual), `${what}: session info`).toEqual([]);
  // The replay signs in as the recorded user of the recorded database.
  expect([actual.uid, actual.db], `${what}: uid and db`).toEqual([expected.uid, expected.db]);
  compareVersion(what, expected, actual);
}

function kind(v: unknown) {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
}
