import { accessError, attributeError, httpException, indexError, missingError, typeError, userError, valueError } from './errors';
import { syncAddresses, takeParentAddress } from './partners';
import { creditWarning } from './credit';
import { resolveFields, type Orm } from './orm';
import { completeNewOrder, confirmOrder, customerPrice, lineAmounts, nowUtc, recomputeOrderTotals } from './sales';
import { getModel } from './schema';
import { requireModel, type Rec } from './store';
import { randomUUID } from 'node:crypto';
import { asServerRecord, storedFieldName, storedFieldNames } from './versions';

export type Protocol = 'jsonrpc' | 'json2';

export interface CallEnv {
  orm: Orm;
  uid: number;
  protocol: Protocol;
  /** The major version the server claims: some signatures changed between versions. */
  version: number;
}

interface MethodSpec {
  /** @api.model methods take no ids (JSON-2 answers 422 when ids are given). */
  apiModel: boolean;
  params: string[];
  /** The parameters of older versions where the signature differs: [before major version, params]. */
  paramsBefore?: [number, string[]];
  required?: number;
  models?: string[];
  run(env: CallEnv, model: string, ids: number[], a: Record<string, unknown>): unknown;
}

/** Models whose records a portal (share) user sees only for its own commercial partner, as Odoo 19's portal rules. */
const PORTAL_SCOPED: Record<string, string> = { 'sale.order': 'partner_id', 'account.move': 'partner_id', 'stock.picking': 'partner_id' };
/** Models a portal user may read at all (ir.model.access of base.group_portal); others raise AccessError. */
const PORTAL_READABLE = new Set([
  ...Object.keys(PORTAL_SCOPED),
  'res.partner',
  'product.product',
  'sale.order.line',
  'account.move.line',
  'stock.move',
  'res.country',
  'res.currency',
  'uom.uom',
]);

const METHODS: Record<string, MethodSpec> = {
  search_read: {
    apiModel: true,
    params: ['domain', 'fields', 'offset', 'limit', 'order'],
    run: (env, model, _ids, a) => readAs(env, model, search(env, model, a.domain ?? [], a), a.fields),
  },
  search: {
    apiModel: true,
    params: ['domain', 'offset', 'limit', 'order'],
    required: 1,
    run: (env, model, _ids, a) => search(env, model, a.domain, a).map((r) => r.id),
  },
  search_count: {
    apiModel: true,
    params: ['domain', 'limit'],
    required: 1,
    run: (env, model, _ids, a) => {
      const n = env.orm.searchCount(model, scopedDomain(env, model, a.domain), activeTest(a));
      return a.limit ? Math.min(n, Number(a.limit)) : n;
    },
  },
  read: {
    apiModel: false,
    params: ['fields', 'load'],
    run: (env, model, ids, a) => {
      resolveFields(requireModel(model), storedFieldNames(env.version, model, a.fields), env.version);
      const recs = env.orm.browse(model, ids);
      checkPortalRead(env, model, recs);
      return readAs(env, model, recs, a.fields);
    },
  },
  // addons/web/models/models.py (17.0+): web_search_read(domain, specification, offset, limit,
  // order, count_limit) → {length, records}; Odoo 16's took `fields` instead, so a
  // specification there is an unexpected keyword argument.
  web_search_read: {
    apiModel: true,
    params: ['domain', 'specification', 'offset', 'limit', 'order', 'count_limit'],
    required: 2,
    paramsBefore: [17, ['domain', 'fields', 'offset', 'limit', 'order', 'count_limit']],
    run: (env, model, _ids, a) => {
      if (env.version < 17) throw valueError('web_search_read(domain, fields, ...) of Odoo 16 is not simulated: the portal never sends it');
      const spec = a.specification as Record<string, WebSpec>;
      const records = webRead(env, model, search(env, model, a.domain ?? [], a), spec);
      const limitReached = a.limit && records.length === Number(a.limit);
      const length = limitReached
        ? env.orm.searchCount(model, scopedDomain(env, model, a.domain), activeTest(a))
        : records.length + (Number(a.offset) || 0);
      return { length: records.length ? length : 0, records };
    },
  },
  read_group: {
    apiModel: true,
    params: ['domain', 'fields', 'groupby', 'offset', 'limit', 'orderby', 'lazy'],
    required: 3,
    run: (env, model, _ids, a) => env.orm.readGroup(model, scopedDomain(env, model, a.domain), a.fields, a.groupby, a.lazy !== false),
  },
  create: {
    apiModel: true,
    params: ['vals_list'],
    required: 1,
    run: (env, model, _ids, a) => {
      checkPortalWrite(env, model);
      const single = !Array.isArray(a.vals_list);
      const list = (single ? [a.vals_list] : a.vals_list) as Record<string, unknown>[];
      const ids = list.map((vals) => {
        if (typeof vals !== 'object' || vals === null) throw valueError('create() expects a dict or a list of dicts');
        const rec = env.orm.create(model, vals);
        afterCreate(env, model, rec);
        return rec.id;
      });
      // JSON-RPC returns `record.id` for a single dict; JSON-2 turns any recordset into ids.
      return single && env.protocol === 'jsonrpc' ? ids[0] : ids;
    },
  },
  write: {
    apiModel: false,
    params: ['vals'],
    required: 1,
    run: (env, model, ids, a) => {
      checkPortalWrite(env, model);
      const recs = ids.map((id) => env.orm.store.get(model, id) ?? missing(env, model, [id]));
      for (const r of recs) {
        env.orm.write(model, r, a.vals as Record<string, unknown>, env.uid);
        if (model === 'res.partner') syncAddresses(env.orm.store, r, a.vals as Record<string, unknown>);
        if (model === 'sale.order.line') repriceLine(env, r);
      }
      return true;
    },
  },
  action_confirm: {
    apiModel: false,
    params: [],
    models: ['sale.order'],
    run: (env, model, ids) => {
      checkPortalWrite(env, model);
      for (const id of ids) confirmOrder(env.orm, env.orm.store.get(model, id) ?? missing(env, model, [id]), env.version);
      return true;
    },
  },
  onchange: {
    apiModel: false,
    params: ['values', 'field_names', 'fields_spec'],
    required: 3,
    models: ['sale.order'],
    run: (env, _model, _ids, a) => priceCart(env.orm, a.values as Record<string, unknown>, a.fields_spec as Record<string, unknown>),
  },
  message_post: {
    apiModel: false,
    params: ['body', 'subject', 'message_type', 'subtype_xmlid', 'partner_ids', 'body_is_html', 'author_id'],
    run: (env, model, ids, a) => {
      const [id] = ids;
      if (ids.length !== 1 || !env.orm.store.get(model, id!)) throw valueError('Expected singleton: ' + `${model}(${ids.join(', ')})`);
      const msg = env.orm.create('mail.message', {
        body: String(a.body ?? ''),
        model,
        res_id: id,
        message_type: a.message_type ?? 'comment',
        author_id: a.author_id ?? env.orm.store.get('res.users', env.uid)?.partner_id ?? false,
        date: nowUtc(),
      });
      // 16-18 downgrade the message to its id (@api.returns on message_post); 19 answers the
      // message's ids, [id], on both protocols (tests/contract/recordings/19, message_post).
      return env.protocol === 'jsonrpc' && env.version < 19 ? msg.id : [msg.id];
    },
  },
  get_portal_url: {
    apiModel: false,
    params: ['suffix', 'report_type', 'download', 'query_string', 'anchor'],
    models: ['account.move', 'sale.order'],
    run: (env, model, ids, a) => {
      const rec = env.orm.store.get(model, ids[0]!) ?? missing(env, model, ids);
      if (!rec.access_token) env.orm.store.update(model, rec.id, { access_token: randomUUID() });
      const base = model === 'account.move' ? `/my/invoices/${rec.id}` : `/my/orders/${rec.id}`;
      const params = new URLSearchParams({ access_token: String(rec.access_token) });
      if (a.report_type) params.set('report_type', String(a.report_type));
      if (a.download) params.set('download', 'true');
      return `${base}${a.suffix ?? ''}?${params.toString()}${a.anchor ? `#${a.anchor}` : ''}`;
    },
  },
};

/** execute_kw / JSON-2 dispatch: model and method checks, argument binding, the call. */
export function callKw(
  env: CallEnv,
  model: string,
  method: string,
  ids: number[] | undefined,
  args: unknown[],
  kwargs: Record<string, unknown>,
) {
  if (!getModel(model)) {
    throw env.protocol === 'json2' ? httpException(404, `the model '${model}' does not exist`) : userError(`Object ${model} doesn't exist`);
  }
  if (method.startsWith('_')) {
    throw accessError(`Private methods (such as '${model}.${method}') cannot be called remotely.`);
  }
  const spec = METHODS[method];
  if (portalUser(env) && !PORTAL_READABLE.has(model)) {
    const def = requireModel(model);
    throw accessError(
      `You are not allowed to access '${def.description}' (${model}) records.\n\nThis operation is allowed for the following groups:\n\t- Access Rights\n\t- Role / User\n\nContact your administrator to request access if necessary.`,
    );
  }
  if (!spec || (spec.models && !spec.models.includes(model))) {
    const msg = `The method '${model}.${method}' does not exist`;
    throw env.protocol === 'json2' ? httpException(404, msg) : attributeError(msg);
  }
  let positional = args;
  let recordIds = ids ?? [];
  if (!spec.apiModel && env.protocol === 'jsonrpc') {
    const [first, ...rest] = args;
    recordIds = Array.isArray(first) ? first.map(Number) : first === undefined ? [] : [Number(first)];
    positional = rest;
  }
  if (env.protocol === 'jsonrpc') checkJsonRpcPositional(env, model, method, positional, kwargs);
  if (spec.apiModel && ids && ids.length > 0) {
    throw httpException(422, `cannot call ${model}.${method} with ids`);
  }
  const bound = bind(env, method, spec, positional, kwargs);
  const lang = (kwargs.context as { lang?: unknown } | undefined)?.lang;
  env.orm.lang = typeof lang === 'string' ? lang : undefined;
  try {
    return spec.run(env, model, recordIds, bound);
  } finally {
    env.orm.lang = undefined;
  }
}

/**
 * What real Odoo does with execute_kw arguments that bind in Python but break call_kw:
 * - `create` without positional values: call_kw shapes the result from `args[0]`
 *   (odoo/service/model.py on 19, odoo/api.py on 17/18) and raises IndexError; the
 *   transaction is rolled back, so nothing is created.
 * - `write(vals=...)` on 17/18: their write overrides name the parameter otherwise
 *   ("SaleOrder.write() got an unexpected keyword argument 'vals'"); 19 accepts it.
 */
function checkJsonRpcPositional(env: CallEnv, model: string, method: string, positional: unknown[], kwargs: Record<string, unknown>) {
  if (method === 'create' && positional.length === 0) {
    throw indexError(env.version >= 19 ? 'list index out of range' : 'tuple index out of range');
  }
  if (method === 'write' && env.version < 19 && 'vals' in kwargs) {
    const className = model
      .split('.')
      .map((part) => part[0]!.toUpperCase() + part.slice(1))
      .join('');
    throw typeError(`${className}.write() got an unexpected keyword argument 'vals'`);
  }
}

function bind(env: CallEnv, method: string, methodSpec: MethodSpec, positional: unknown[], kwargs: Record<string, unknown>) {
  const fail = (msg: string) => {
    throw env.protocol === 'json2' ? httpException(422, msg) : typeError(msg);
  };
  const spec =
    methodSpec.paramsBefore && env.version < methodSpec.paramsBefore[0]
      ? { ...methodSpec, params: methodSpec.paramsBefore[1] }
      : methodSpec;
  const { context, ...named } = kwargs;
  const bound: Record<string, unknown> = { context };
  if (positional.length > spec.params.length) {
    fail(`${method}() takes ${spec.params.length + 1} positional arguments but ${positional.length + 1} were given`);
  }
  positional.forEach((v, i) => (bound[spec.params[i]!] = v));
  for (const [k, v] of Object.entries(named)) {
    if (!spec.params.includes(k)) fail(`${method}() got an unexpected keyword argument '${k}'`);
    if (k in bound) fail(`${method}() got multiple values for argument '${k}'`);
    bound[k] = v;
  }
  const missingParams = spec.params.slice(0, spec.required ?? 0).filter((p) => !(p in bound));
  if (missingParams.length) {
    fail(
      `${method}() missing ${missingParams.length} required positional argument${missingParams.length > 1 ? 's' : ''}: ${missingParams.map((p) => `'${p}'`).join(' and ')}`,
    );
  }
  return bound;
}

interface WebSpec {
  fields?: Record<string, WebSpec>;
  order?: string;
  limit?: number;
}

/**
 * web_read(specification) as addons/web/models/models.py (17.0+) answers it: plain values
 * (read with load=None, so a many2one is its id); a many2one with `fields` becomes
 * {id, display_name?, ...}; a one2many/many2many with `fields` becomes its records, in the
 * spec's `order`, read only up to its `limit` (the rest as {id}).
 */
function webRead(env: CallEnv, model: string, recs: Rec[], requested: Record<string, WebSpec>): Record<string, unknown>[] {
  const def = requireModel(model);
  const spec = Object.fromEntries(Object.entries(requested).map(([name, sub]) => [storedFieldName(env.version, model, name), sub]));
  const names = Object.keys(spec);
  resolveFields(def, names, env.version);
  return recs.map((r) => {
    const out: Record<string, unknown> = { id: r.id };
    for (const name of names) {
      const field = def.fields[name];
      const sub = spec[name] ?? {};
      if (!field || !field.relation) {
        out[name] = env.orm.value(def, r, name);
      } else if (field.type === 'many2one') {
        const target = r[name] ? env.orm.store.get(field.relation, r[name] as number) : undefined;
        if (!target) out[name] = false;
        else if (!sub.fields) out[name] = target.id;
        else {
          const { display_name: wantsName, ...rest } = sub.fields;
          const [values] = webRead(env, field.relation, [target], rest);
          out[name] = {
            ...values,
            ...(wantsName ? { display_name: env.orm.value(requireModel(field.relation), target, 'display_name') } : {}),
          };
        }
      } else {
        let related = env.orm.browse(field.relation, [...((r[name] as number[] | undefined) ?? [])]);
        if (sub.order)
          related = env.orm.search(field.relation, [['id', 'in', related.map((x) => x.id)]], { order: sub.order, activeTest: false });
        // Past `limit`, records are listed by id only, as Odoo does.
        const read = sub.fields ? webRead(env, field.relation, related.slice(0, sub.limit ?? related.length), sub.fields) : [];
        out[name] = sub.fields ? related.map((x, i) => read[i] ?? { id: x.id }) : related.map((x) => x.id);
      }
    }
    return asServerRecord(env.version, model, out);
  });
}

/** `read` as this version answers it: its field names asked and given back (versions.ts). */
function readAs(env: CallEnv, model: string, recs: Rec[], fields: unknown): Record<string, unknown>[] {
  return env.orm
    .read(model, recs, storedFieldNames(env.version, model, fields))
    .map((r, i) => asServerRecord(env.version, model, r, recs[i]));
}

function activeTest(a: Record<string, unknown>): boolean {
  const ctx = a.context as { active_test?: boolean } | undefined;
  return ctx?.active_test !== false;
}

function search(env: CallEnv, model: string, domain: unknown, a: Record<string, unknown>): Rec[] {
  return env.orm.search(model, scopedDomain(env, model, domain), {
    offset: a.offset as number,
    limit: a.limit as number,
    order: a.order as string,
    activeTest: activeTest(a),
  });
}

function portalUser(env: CallEnv): Rec | undefined {
  const user = env.orm.store.get('res.users', env.uid);
  return user?.share ? user : undefined;
}

function commercialOf(env: CallEnv, user: Rec): number {
  const partner = env.orm.store.get('res.partner', user.partner_id as number);
  return (partner?.commercial_partner_id as number) || (user.partner_id as number);
}

function scopedDomain(env: CallEnv, model: string, domain: unknown): unknown {
  if (model === 'res.company') return [...companyRule(env), ...(Array.isArray(domain) ? (domain as unknown[]) : [])];
  const user = portalUser(env);
  const field = PORTAL_SCOPED[model];
  if (!user || !field) return domain;
  return [[field, 'child_of', [commercialOf(env, user)]], ...(Array.isArray(domain) ? (domain as unknown[]) : [])];
}

/**
 * Odoo's multi-company rule on res.company: a user reads the companies it may work in
 * (`company_ids`), not the others. Only a direct search of res.company: a domain through a
 * relation (`res.partner.ref_company_ids`) sees every company, as on Odoo 19.
 */
function companyRule(env: CallEnv): unknown[] {
  const user = env.orm.store.get('res.users', env.uid);
  const allowed = (user?.company_ids as number[] | undefined) ?? [];
  return allowed.length ? [['id', 'in', allowed]] : [];
}

function checkPortalRead(env: CallEnv, model: string, recs: Rec[]) {
  const user = portalUser(env);
  const field = PORTAL_SCOPED[model];
  if (!user || !field) return;
  const allowed = new Set(env.orm.search(model, scopedDomain(env, model, []), { activeTest: false }).map((r) => r.id));
  if (recs.some((r) => !allowed.has(r.id))) {
    throw accessError(
      `Uh-oh! Looks like you have stumbled upon some top-secret records.\n\nSorry, ${user.name} (id=${user.id}) doesn't have 'read' access to:\n- ${requireModel(model).description} (${model})\n\nIf you really, really need access, perhaps you can win over your friendly administrator with a batch of freshly baked cookies.`,
    );
  }
}

function checkPortalWrite(env: CallEnv, model: string) {
  if (!portalUser(env)) return;
  const def = requireModel(model);
  throw accessError(
    `You are not allowed to modify '${def.description}' (${model}) records.\n\nThis operation is allowed for the following groups:\n\t- Sales/Administrator\n\nContact your administrator to request access if necessary.`,
  );
}

function missing(env: CallEnv, model: string, ids: number[]): never {
  throw missingError(model, ids, env.uid);
}

/** A line whose quantity, price or discount was written: its amounts and its order's totals follow, as Odoo computes them. */
function repriceLine(env: CallEnv, line: Rec) {
  const fresh = env.orm.store.get('sale.order.line', line.id)!;
  if (fresh.display_type) return;
  env.orm.store.update(
    'sale.order.line',
    line.id,
    lineAmounts(
      env.orm,
      fresh.product_id as number | false,
      Number(fresh.product_uom_qty),
      Number(fresh.price_unit),
      Number(fresh.discount) || 0,
    ),
  );
  const order = fresh.order_id ? env.orm.store.get('sale.order', fresh.order_id as number) : undefined;
  if (order) recomputeOrderTotals(env.orm, order);
}

function afterCreate(env: CallEnv, model: string, rec: Rec) {
  if (model === 'sale.order') completeNewOrder(env.orm, rec);
  if (model === 'res.company') {
    // As Odoo: the user who creates a company may work in it.
    const user = env.orm.store.get('res.users', env.uid);
    if (user) env.orm.store.update('res.users', user.id, { company_ids: [...((user.company_ids as number[]) ?? []), rec.id] });
  }
  if (model === 'sale.order.line' && rec.order_id) {
    const order = env.orm.store.get('sale.order', rec.order_id as number);
    if (order) recomputeOrderTotals(env.orm, order);
  }
  if (model === 'res.partner') {
    const parent = rec.parent_id ? env.orm.store.get('res.partner', rec.parent_id as number) : undefined;
    env.orm.store.update('res.partner', rec.id, {
      commercial_partner_id: rec.is_company || !parent ? rec.id : parent.commercial_partner_id || parent.id,
      company_type: rec.is_company ? 'company' : 'person',
    });
    takeParentAddress(env.orm.store, rec);
  }
}

/**
 * sale.order.onchange for a new record (ids []), as recorded in 06d/08j: the lines priced
 * for the partner with its pricelist and taxes, nothing written.
 */
function priceCart(orm: Orm, values: Record<string, unknown>, spec: Record<string, unknown>) {
  if (!values || typeof values !== 'object') throw valueError('onchange() expects a dict of values');
  const partnerId = Number(values.partner_id);
  const partner = orm.store.get('res.partner', partnerId);
  if (!partner) throw valueError(`Invalid partner_id ${values.partner_id}`);
  const commercial = orm.store.get('res.partner', (partner.commercial_partner_id as number) || partner.id)!;
  const pricelist = commercial.property_product_pricelist
    ? orm.store.get('product.pricelist', commercial.property_product_pricelist as number)
    : undefined;
  const currencyId = (pricelist?.currency_id as number) || 1;
  const lines = (Array.isArray(values.order_line) ? values.order_line : []) as [number, string, Record<string, unknown>][];
  const pair = (model: string, id: number | false) => {
    const rec = id ? orm.store.get(model, id) : undefined;
    return rec ? { id: rec.id, display_name: orm.value(requireModel(model), rec, 'display_name') } : false;
  };
  const lineSpec = (spec?.order_line as { fields?: Record<string, unknown> } | undefined)?.fields;
  const linkedRead = (model: string, id: number, sub: unknown) => {
    const rec = orm.store.get(model, id)!;
    const fields = Object.keys((sub as { fields?: Record<string, unknown> } | undefined)?.fields ?? {});
    return { id, ...Object.fromEntries(fields.map((f) => [f, orm.value(requireModel(model), rec, f)])) };
  };
  let untaxed = 0;
  let tax = 0;
  const outLines = lines.map(([cmd, ref, vals]) => {
    const productId = Number(vals.product_id);
    const product = orm.store.get('product.product', productId);
    if (!product) throw valueError(`Invalid product_id ${vals.product_id}`);
    const qty = Number(vals.product_uom_qty ?? 1);
    const priceUnit = customerPrice(orm, partnerId, productId);
    const amounts = lineAmounts(orm, productId, qty, priceUnit, 0);
    untaxed += amounts.price_subtotal;
    tax += amounts.price_tax;
    const line: Record<string, unknown> = {
      product_id: pair('product.product', productId),
      product_uom_qty: qty,
      price_unit: priceUnit,
      discount: 0,
      price_subtotal: amounts.price_subtotal,
      price_total: amounts.price_total,
    };
    // Odoo's onchange sends a new line's many2many as commands (addons/web/models/models.py,
    // RecordSnapshot.diff): each linked record as [LINK, id, its web_read], and nothing when empty.
    if (amounts.tax_ids.length) line.tax_ids = amounts.tax_ids.map((id) => [4, id, linkedRead('account.tax', id, lineSpec?.tax_ids)]);
    return [cmd, ref, pickSpec(line, lineSpec)];
  });
  const value: Record<string, unknown> = {
    partner_id: partnerId,
    pricelist_id: pricelist ? pair('product.pricelist', pricelist.id) : false,
    currency_id: pair('res.currency', currencyId),
    amount_untaxed: Math.round(untaxed * 100) / 100,
    amount_tax: Math.round(tax * 100) / 100,
    amount_total: Math.round((untaxed + tax) * 100) / 100,
    order_line: outLines,
  };
  // sale.order.partner_credit_warning depends on amount_total: the new order's own warning.
  value.partner_credit_warning = creditWarning(orm.store, orm.version, partnerId, value.amount_total as number, currencyId);
  return { value: pickSpec(value, spec) };
}

/** Only what the fields_spec asked for, as Odoo does. */
function pickSpec(value: Record<string, unknown>, spec: Record<string, unknown> | undefined) {
  if (!spec || typeof spec !== 'object') return value;
  return Object.fromEntries(
    Object.keys(spec)
      .filter((k) => k in value)
      .map((k) => [k, value[k]]),
  );
}
