import { pyRepr, valueError } from './errors';
import type { FieldDef, ModelDef } from './schema';
import { requireModel, type Rec, type Store } from './store';

/**
 * Odoo domains (prefix notation, implicit '&') compiled once into a predicate. Semantics
 * follow odoo/orm/domains.py (19.0): `!=` and `not in` also match empty values, `like`
 * wraps the value in `%`, `=like` takes the pattern as given, dotted paths and
 * `child_of`/`parent_of` become a search on the related model, as Odoo's SQL does.
 */
export type Predicate = (rec: Rec) => boolean;
type Term = [string, string, unknown];
type Node = { op: '&' | '|'; kids: Node[] } | { op: '!'; kid: Node } | { term: Term };

const OPERATORS = new Set([
  '=',
  '!=',
  '<>',
  '>',
  '>=',
  '<',
  '<=',
  'in',
  'not in',
  'like',
  'not like',
  'ilike',
  'not ilike',
  '=like',
  '=ilike',
  'child_of',
  'parent_of',
]);

/** `lang`: the call's context.lang; a translatable field is searched in it (else in English), as Odoo does. */
export function compileDomain(store: Store, model: ModelDef, domain: unknown, lang?: string): Predicate {
  if (!Array.isArray(domain)) throw valueError(`Invalid domain: ${pyRepr(domain)}`);
  if (domain.length === 0) return () => true;
  const [node, rest] = parse(domain, 0);
  let tree = node;
  let i = rest;
  while (i < domain.length) {
    const [next, after] = parse(domain, i);
    tree = { op: '&', kids: [tree, next] };
    i = after;
  }
  return compileNode(store, model, tree, lang);
}

function parse(domain: unknown[], i: number): [Node, number] {
  const item = domain[i];
  if (item === '&' || item === '|') {
    const [a, j] = parse(domain, i + 1);
    const [b, k] = parse(domain, j);
    return [{ op: item, kids: [a, b] }, k];
  }
  if (item === '!') {
    const [a, j] = parse(domain, i + 1);
    return [{ op: '!', kid: a }, j];
  }
  if (Array.isArray(item) && item.length === 3 && typeof item[0] === 'string' && typeof item[1] === 'string') {
    return [{ term: item as Term }, i + 1];
  }
  throw valueError(`Invalid leaf ${pyRepr(item)}`);
}

function compileNode(store: Store, model: ModelDef, node: Node, lang: string | undefined): Predicate {
  if ('term' in node) return compileTerm(store, model, node.term, lang);
  if (node.op === '!') {
    const p = compileNode(store, model, node.kid, lang);
    return (r) => !p(r);
  }
  const [a, b] = node.kids.map((k) => compileNode(store, model, k, lang)) as [Predicate, Predicate];
  return node.op === '&' ? (r) => a(r) && b(r) : (r) => a(r) || b(r);
}

function compileTerm(store: Store, model: ModelDef, term: Term, lang: string | undefined): Predicate {
  const [path, rawOp, value] = term;
  const op = rawOp === '<>' ? '!=' : rawOp.toLowerCase();
  const [head, ...tail] = path.split('.');
  const field = model.fields[head!];
  if (!field) {
    throw valueError(`Invalid field ${model.name}.${head} in condition ${pyTuple(term)}`);
  }
  if (!OPERATORS.has(op)) throw valueError(`Invalid operator ${pyRepr(rawOp)} in condition ${pyTuple(term)}`);

  if (tail.length > 0) {
    if (!field.relation) throw valueError(`Invalid field ${model.name}.${path} in condition ${pyTuple(term)}`);
    const related = requireModel(field.relation);
    if (field.type === 'one2many' && field.inverse) {
      // Like Odoo's SQL sub-select (id IN (SELECT order_id FROM sale_order_line WHERE ...)):
      // the matching children first, through many2one indexes, then their parents. Walking
      // every parent's children instead costs a probe per child (212,000 lines for an SKU
      // search over 100,000 orders).
      const parents = new Set<number>();
      for (const id of matchingIds(store, related, tail.join('.'), op, value)) {
        const parent = store.get(related.name, id)?.[field.inverse];
        if (typeof parent === 'number') parents.add(parent);
      }
      return (r) => parents.has(r.id);
    }
    const match = compileDomain(store, related, [[tail.join('.'), op, value]]);
    // Follow the link per record, memoised, like a SQL join: only the related records the
    // other conditions let through are looked at (not every record of the related model).
    const memo = new Map<number, boolean>();
    const hit = (id: number) => {
      let v = memo.get(id);
      if (v === undefined) {
        const rec = store.get(related.name, id);
        v = !!rec && match(rec);
        memo.set(id, v);
      }
      return v;
    };
    if (field.type === 'many2one') return (r) => r[head!] !== false && r[head!] !== undefined && hit(r[head!] as number);
    return (r) => ((r[head!] as number[] | undefined) ?? []).some(hit);
  }
  if (op === 'child_of' || op === 'parent_of') {
    const relation = head === 'id' ? model.name : field.relation;
    if (!relation) throw valueError(`Invalid field ${model.name}.${head} in condition ${pyTuple(term)}`);
    const ids = hierarchy(store, relation, toIds(value), op);
    return head === 'id' ? (r) => ids.has(r.id) : relatedIn(head!, field, ids);
  }
  if (field.type === 'many2one') return many2one(store, head!, field, op, value);
  if (field.type === 'one2many' || field.type === 'many2many') return x2many(head!, op, value);
  if (field.compute) {
    // A stored computed field (email_normalized): searched on its value, as Odoo's column is.
    const compute = field.compute;
    const test = scalarTest(op, value);
    return (r) => test(compute(r, store, 19));
  }
  if (field.translate && lang) {
    // Odoo compares the translation, or the English source where there is none.
    const test = scalarTest(op, value);
    return (r) => test(translated(r, head!, lang));
  }
  return scalar(head!, op, value);
}

/**
 * The ids of `model`'s records matching one condition. A many2one hop is resolved from the
 * far end through the store's index of that field (a database index); the last field is
 * compared on every record of its model.
 */
function matchingIds(store: Store, model: ModelDef, path: string, op: string, value: unknown): Set<number> {
  const [head, ...tail] = path.split('.');
  const field = model.fields[head!];
  const out = new Set<number>();
  if (tail.length > 0 && field?.type === 'many2one') {
    const byTarget = store.index(model.name, head!);
    for (const target of matchingIds(store, requireModel(field.relation!), tail.join('.'), op, value)) {
      for (const id of byTarget.get(target) ?? []) out.add(id);
    }
    return out;
  }
  const match = compileDomain(store, model, [[path, op, value]]);
  for (const r of store.all(model.name)) if (match(r)) out.add(r.id);
  return out;
}

function relatedIn(name: string, field: FieldDef, ids: Set<number>): Predicate {
  if (field.type === 'many2one') return (r) => r[name] !== false && ids.has(r[name] as number);
  if (field.type === 'one2many' || field.type === 'many2many') {
    return (r) => (r[name] as number[]).some((id) => ids.has(id));
  }
  return (r) => ids.has(r[name] as number);
}

/** ids and every descendant (child_of) or ancestor (parent_of) through parent_id. */
function hierarchy(store: Store, model: string, roots: number[], op: string): Set<number> {
  const result = new Set<number>();
  if (op === 'parent_of') {
    for (let id of roots) {
      while (id && !result.has(id)) {
        result.add(id);
        id = (store.get(model, id)?.parent_id as number | false | undefined) || 0;
      }
    }
    return result;
  }
  const children = new Map<number, number[]>();
  for (const r of store.all(model)) {
    const parent = r.parent_id as number | false;
    if (parent) children.set(parent, [...(children.get(parent) ?? []), r.id]);
  }
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (result.has(id)) continue;
    result.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return result;
}

function toIds(value: unknown): number[] {
  if (Array.isArray(value)) return value.map(Number);
  if (value === false || value === null) return [];
  return [Number(value)];
}

function many2one(store: Store, name: string, field: FieldDef, op: string, value: unknown): Predicate {
  if (typeof value === 'string' && !['in', 'not in'].includes(op)) {
    // A name instead of an id: Odoo searches the related model by display name.
    const related = requireModel(field.relation!);
    const test = scalarTest(op, value);
    const ids = new Set<number>();
    for (const r of store.all(related.name)) if (test(displayName(store, related.name, r))) ids.add(r.id);
    return (r) => r[name] !== false && ids.has(r[name] as number);
  }
  return scalar(name, op, value);
}

function x2many(name: string, op: string, value: unknown): Predicate {
  if (value === false || value === null) {
    if (op === '=') return (r) => (r[name] as number[]).length === 0;
    if (op === '!=') return (r) => (r[name] as number[]).length > 0;
  }
  const ids = new Set(toIds(value));
  const any: Predicate = (r) => (r[name] as number[]).some((id) => ids.has(id));
  if (op === '=' || op === 'in') return any;
  if (op === '!=' || op === 'not in') return (r) => !any(r);
  throw valueError(`Invalid operator ${pyRepr(op)} for ${name}`);
}

function scalar(name: string, op: string, value: unknown): Predicate {
  const test = scalarTest(op, value);
  return (r) => test(r[name]);
}

function scalarTest(op: string, value: unknown): (v: unknown) => boolean {
  const empty = (v: unknown) => v === false || v === null || v === undefined || v === '';
  switch (op) {
    case '=':
      return value === false || value === null
        ? empty
        : (v) => v === value || (typeof value === 'number' && Number(v) === value && v !== false);
    case '!=':
      return value === false || value === null ? (v) => !empty(v) : (v) => v !== value;
    case 'in': {
      const set = new Set(Array.isArray(value) ? value : [value]);
      const withEmpty = set.has(false);
      return (v) => set.has(v) || (withEmpty && empty(v));
    }
    case 'not in': {
      const set = new Set(Array.isArray(value) ? value : [value]);
      return (v) => !set.has(v);
    }
    case '>':
      return (v) => !empty(v) && (v as number) > (value as number);
    case '>=':
      return (v) => !empty(v) && (v as number) >= (value as number);
    case '<':
      return (v) => !empty(v) && (v as number) < (value as number);
    case '<=':
      return (v) => !empty(v) && (v as number) <= (value as number);
    case 'like':
    case 'ilike':
    case 'not like':
    case 'not ilike':
    case '=like':
    case '=ilike': {
      const exact = op.startsWith('=');
      const insensitive = op.includes('ilike');
      const negate = op.startsWith('not');
      const pattern = likeToRegExp(String(value ?? ''), exact, insensitive);
      return (v) => {
        const hit = !empty(v) && pattern.test(String(v));
        return negate ? !hit : hit;
      };
    }
    default:
      throw valueError(`Invalid operator ${pyRepr(op)}`);
  }
}

/**
 * A SQL LIKE pattern as PostgreSQL reads it: `%` any text, `_` any one character, a
 * backslash makes the next character literal. `like`/`ilike` wrap the value in `%...%`
 * (odoo/orm/domains.py), `=like`/`=ilike` take it as given.
 */
function likeToRegExp(value: string, exact: boolean, insensitive: boolean): RegExp {
  const pattern = exact ? value : `%${value}%`;
  let body = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) body += escapeRegExp(pattern[++i]!);
    else if (ch === '%') body += '.*';
    else if (ch === '_') body += '.';
    else body += escapeRegExp(ch);
  }
  return new RegExp(`^${body}$`, insensitive ? 'is' : 's');
}

function escapeRegExp(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function pyTuple(term: Term): string {
  return `(${term.map(pyRepr).join(', ')})`;
}

/** How Odoo names a record in many2one pairs `[id, "name"]`. */
/**
 * A translatable field (product names) in a language, as Odoo answers it with
 * `context.lang`: the translation when the record has one, else the English source.
 * Translations sit on the record under `translations`, never a field, so no read lists them.
 */
export function translated(rec: Rec, field: string, lang: string | undefined): unknown {
  const translations = rec.translations as Record<string, Record<string, string>> | undefined;
  return (lang && translations?.[field]?.[lang]) || rec[field];
}

export function displayName(store: Store, model: string, rec: Rec, lang?: string): string {
  switch (model) {
    case 'res.partner': {
      const parent = rec.parent_id ? store.get('res.partner', rec.parent_id as number) : undefined;
      if (parent && rec.name && !rec.is_company) return `${parent.name}, ${rec.name}`;
      return String(rec.name || parent?.name || '');
    }
    case 'product.product': {
      const name = String(translated(rec, 'name', lang));
      return rec.default_code ? `[${rec.default_code}] ${name}` : name;
    }
    case 'sale.order.line': {
      const order = store.get('sale.order', rec.order_id as number);
      const product = rec.product_id ? store.get('product.product', rec.product_id as number) : undefined;
      const partner = order ? store.get('res.partner', order.partner_id as number) : undefined;
      const what = product ? displayName(store, 'product.product', product, lang) : String(rec.name);
      return `${order?.name} - ${what} (${partner?.name ?? ''})`;
    }
    case 'account.move':
      return String(rec.name && rec.name !== '/' ? rec.name : `Draft Invoice (* ${rec.id})`);
    case 'res.country.state': {
      // As Odoo names a state: "California (US)".
      const country = rec.country_id ? store.get('res.country', rec.country_id as number) : undefined;
      return country?.code ? `${rec.name} (${country.code})` : String(rec.name);
    }
    default:
      return String(rec.name ?? `${model},${rec.id}`);
  }
}
