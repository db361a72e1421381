import 'server-only';
import type { OrmCall } from './transport';

/**
 * The portal names fields as Odoo 19 does. The few that older servers name otherwise are
 * renamed here, on the way out (the fields a read asks for) and back (the keys of the
 * records it returns), so lib/portal needs no version checks. Measured with fields_get
 * on real Odoo 17.0 and 18.0 for every field lib/portal/fields.ts lists (tests/contract/recordings).
 */
const RENAMED_BEFORE_19: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'sale.order.line': { product_uom_id: 'product_uom' },
};

/** The relational fields through which a web_read specification reaches a model above. */
const NESTED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'sale.order': { order_line: 'sale.order.line' },
};

/** Whether this call may name a renamed field, so the server's version is worth asking. */
export function mayNameRenamedField(call: OrmCall): boolean {
  return call.model in RENAMED_BEFORE_19 || namesOrderLock(call) || (call.model in NESTED && !!call.params?.specification);
}

/** Whether a sale.order call reads `locked` or filters on the state, which Odoo 16 answers otherwise. */
function namesOrderLock(call: OrmCall): boolean {
  if (call.model !== 'sale.order' || !call.params) return false;
  const fields = call.params.fields;
  const domain = call.params.domain;
  return (
    (Array.isArray(fields) && (fields.includes('state') || fields.includes('locked'))) ||
    (Array.isArray(domain) && domain.some((term) => Array.isArray(term) && term[0] === 'state'))
  );
}

/**
 * Odoo 16 has no sale.order `locked`: a locked order is in state 'done' there (17 made the lock
 * a flag beside 'sale'). Before 17 a read leaves `locked` out and gives it back from the state,
 * and where a domain names the state 'sale' it means 'done' too, so lib/portal reads every
 * version as 17+.
 */
function asOdoo16SaleOrderCall(call: OrmCall): { call: OrmCall; restore: (result: unknown) => unknown } {
  const params = { ...call.params };
  const wantsLocked = Array.isArray(params.fields) && (params.fields as string[]).includes('locked');
  if (wantsLocked) params.fields = (params.fields as string[]).filter((f) => f !== 'locked');
  if (Array.isArray(params.domain)) params.domain = (params.domain as unknown[]).map(withDoneForSale);
  const reads = call.method === 'search_read' || call.method === 'read';
  const restore = (result: unknown) =>
    reads && Array.isArray(result) ? result.map((r: Record<string, unknown>) => asOdoo17SaleOrder(r, wantsLocked)) : result;
  return { call: { ...call, params }, restore };
}

/** An Odoo 16 order as 17+ reads it: 'done' is 'sale', locked. */
function asOdoo17SaleOrder(record: Record<string, unknown>, wantsLocked: boolean): Record<string, unknown> {
  const done = record.state === 'done';
  const state = done ? { state: 'sale' } : {};
  return wantsLocked ? { ...record, ...state, locked: done } : { ...record, ...state };
}

/** A domain leaf on the order's state with 'done' beside 'sale' (Odoo 16's locked orders). */
function withDoneForSale(term: unknown): unknown {
  if (!Array.isArray(term) || term[0] !== 'state') return term;
  const [, op, value] = term as [string, string, unknown];
  if ((op === '=' || op === '!=') && value === 'sale') return ['state', op === '=' ? 'in' : 'not in', ['sale', 'done']];
  if ((op === 'in' || op === 'not in') && Array.isArray(value) && (value as unknown[]).includes('sale'))
    return ['state', op, [...(value as unknown[]), 'done']];
  return term;
}

/**
 * The call with the server's own field names, and how to give its result the portal's
 * names back. Only reads carry field names the portal renames: search_read and read
 * (`fields`) and web_search_read (`specification`).
 */
export function withServerFieldNames(call: OrmCall, major: number): { call: OrmCall; restore: (result: unknown) => unknown } {
  const same = { call, restore: (result: unknown) => result };
  if (major >= 19 || !call.params) return same;
  if (major < 17 && call.model === 'sale.order') return asOdoo16SaleOrderCall(call);
  if ((call.method === 'search_read' || call.method === 'read') && Array.isArray(call.params.fields)) {
    const renames = RENAMED_BEFORE_19[call.model];
    if (!renames) return same;
    return {
      call: { ...call, params: { ...call.params, fields: (call.params.fields as string[]).map((f) => renames[f] ?? f) } },
      restore: (result) => (Array.isArray(result) ? result.map((r) => restoreRecord(call.model, r)) : result),
    };
  }
  if (call.method === 'web_search_read' && call.params.specification) {
    return {
      call: { ...call, params: { ...call.params, specification: toServerSpec(call.model, call.params.specification as Spec) } },
      restore: (result) => {
        const r = result as { records?: unknown };
        return Array.isArray(r?.records) ? { ...r, records: r.records.map((rec) => restoreRecord(call.model, rec)) } : result;
      },
    };
  }
  return same;
}

type Spec = Record<string, { fields?: Spec } & Record<string, unknown>>;

function toServerSpec(model: string, spec: Spec): Spec {
  const renames = RENAMED_BEFORE_19[model] ?? {};
  const nested = NESTED[model] ?? {};
  return Object.fromEntries(
    Object.entries(spec).map(([name, sub]) => {
      const inner = nested[name] && sub?.fields ? { ...sub, fields: toServerSpec(nested[name], sub.fields) } : sub;
      return [renames[name] ?? name, inner];
    }),
  );
}

function restoreRecord(model: string, record: unknown): unknown {
  if (!record || typeof record !== 'object' || Array.isArray(record)) return record;
  const back = Object.fromEntries(Object.entries(RENAMED_BEFORE_19[model] ?? {}).map(([ours, theirs]) => [theirs, ours]));
  const nested = NESTED[model] ?? {};
  return Object.fromEntries(
    Object.entries(record as Record<string, unknown>).map(([name, value]) => [
      back[name] ?? name,
      nested[name] && Array.isArray(value) ? value.map((v) => restoreRecord(nested[name]!, v)) : value,
    ]),
  );
}
