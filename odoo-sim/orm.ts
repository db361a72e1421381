import { compileDomain, displayName, translated } from './domain';
import { pyRepr, valueError } from './errors';
import type { ModelDef } from './schema';
import { requireModel, type Rec, type Store } from './store';
import { invalidFieldError, missingRequiredError } from './versions';

/**
 * The ORM methods the simulator serves, on the in-memory store. Names and semantics from
 * odoo/orm/models.py (19.0): search_read, search, search_count, read, read_group, create,
 * write; business methods live in methods.ts.
 */
export interface SearchOptions {
  offset?: number;
  limit?: number | false | null;
  order?: string | false | null;
  /** `context.active_test`: archived records are left out unless false. */
  activeTest?: boolean;
}

type SortKey = { field: string; desc: boolean };

export class Orm {
  /** Sorted id lists per "model|order", reused until the model changes. */
  private readonly sorted = new Map<string, { version: number; recs: Rec[] }>();

  /** The major version the server claims: some messages differ between versions (versions.ts). */
  version = 19;

  /** `context.lang` of the call being answered: translatable fields read in that language. */
  lang: string | undefined;

  constructor(readonly store: Store) {}

  search(model: string, domain: unknown, opts: SearchOptions = {}): Rec[] {
    const def = requireModel(model);
    const predicate = compileDomain(this.store, def, withActiveTest(def, domain, opts.activeTest), this.lang);
    const pinned = pinnedIds(domain);
    const recs = pinned
      ? this.sortRecords(def, opts.order || def.order, this.browse(model, pinned))
      : this.sortedRecords(def, opts.order || def.order);
    const offset = Math.max(0, Number(opts.offset) || 0);
    const limit = opts.limit ? Number(opts.limit) : Infinity;
    const out: Rec[] = [];
    let skipped = 0;
    for (const r of recs) {
      if (!predicate(r)) continue;
      if (skipped < offset) {
        skipped++;
        continue;
      }
      out.push(r);
      if (out.length >= limit) break;
    }
    return out;
  }

  searchCount(model: string, domain: unknown, activeTest?: boolean): number {
    const def = requireModel(model);
    const predicate = compileDomain(this.store, def, withActiveTest(def, domain, activeTest), this.lang);
    const pinned = pinnedIds(domain);
    let n = 0;
    for (const r of pinned ? this.browse(model, pinned) : this.store.all(model)) if (predicate(r)) n++;
    return n;
  }

  /** Field values as Odoo serialises them: many2one `[id, name]`, empty values `false`. */
  read(model: string, recs: Rec[], fields?: unknown): Record<string, unknown>[] {
    const def = requireModel(model);
    const names = resolveFields(def, fields, this.version);
    return recs.map((r) => {
      const out: Record<string, unknown> = { id: r.id };
      for (const name of names) out[name] = this.value(def, r, name);
      return out;
    });
  }

  value(def: ModelDef, r: Rec, name: string): unknown {
    if (name === 'display_name') return displayName(this.store, def.name, r, this.lang);
    const field = def.fields[name]!;
    if (field.compute) return field.compute(r, this.store, this.version);
    const v = field.translate ? translated(r, name, this.lang) : r[name];
    if (field.type === 'many2one') {
      if (!v) return false;
      const target = this.store.get(field.relation!, v as number);
      return target ? [target.id, displayName(this.store, field.relation!, target, this.lang)] : false;
    }
    if (field.type === 'one2many' || field.type === 'many2many') return [...(v as number[])];
    if (v === undefined || v === null || v === '') return false;
    return v;
  }

  browse(model: string, ids: number[]): Rec[] {
    return ids.map((id) => this.store.get(model, id)).filter((r): r is Rec => !!r);
  }

  /** Applies create values with one2many/many2many commands; returns the new record. */
  create(model: string, vals: Record<string, unknown>): Rec {
    const def = requireModel(model);
    for (const [name, f] of Object.entries(def.fields)) {
      if (f.required && (vals[name] === undefined || vals[name] === false || vals[name] === null)) {
        throw missingRequiredError(this.version, def, name, f.string);
      }
    }
    const { plain, commands } = splitCommands(def, vals);
    const rec = this.store.insert(model, plain);
    this.applyCommands(def, rec, commands);
    return rec;
  }

  write(model: string, rec: Rec, vals: Record<string, unknown>, uid: number) {
    const def = requireModel(model);
    for (const [name, f] of Object.entries(def.fields)) {
      if (f.required && name in vals && (vals[name] === false || vals[name] === null)) {
        throw missingRequiredError(this.version, def, name, f.string);
      }
    }
    const { plain, commands } = splitCommands(def, vals);
    this.store.update(model, rec.id, plain, uid);
    this.applyCommands(def, rec, commands);
  }

  private applyCommands(def: ModelDef, rec: Rec, commands: [string, unknown[]][]) {
    for (const [name, list] of commands) {
      const field = def.fields[name]!;
      for (const command of list) {
        if (!Array.isArray(command)) throw valueError(`Invalid command ${pyRepr(command)} for ${name}`);
        const [code, id, values] = command as [number, number, Record<string, unknown>];
        const current = rec[name] as number[];
        if (field.type === 'one2many') {
          if (code === 0) this.create(field.relation!, { ...values, [field.inverse!]: rec.id });
          else if (code === 1) this.write(field.relation!, this.store.get(field.relation!, id)!, values, 1);
          else throw valueError(`Unsupported one2many command ${code} on ${def.name}.${name}`);
        } else if (code === 4) rec[name] = [...new Set([...current, id])];
        else if (code === 3) rec[name] = current.filter((x) => x !== id);
        else if (code === 5) rec[name] = [];
        else if (code === 6) rec[name] = [...(command[2] as number[])];
        else throw valueError(`Unsupported many2many command ${code} on ${def.name}.${name}`);
      }
    }
  }

  /**
   * read_group(domain, fields, groupby, offset, limit, orderby, lazy) as in Odoo 16-19
   * (deprecated in 19 in favour of formatted_read_group, still served): sums numeric
   * fields per group, `__count` with lazy=false, `<groupby>_count` with lazy=true.
   */
  readGroup(model: string, domain: unknown, fields: unknown, groupby: unknown, lazy: boolean) {
    const def = requireModel(model);
    const groupFields = (Array.isArray(groupby) ? groupby : [groupby]).map(String).filter(Boolean);
    const specs = (Array.isArray(fields) ? fields : []).map(String).map((f) => {
      const [name, agg = 'sum'] = f.split(':') as [string, string?];
      if (!def.fields[name]) throw valueError(`Invalid field '${name}' on model '${model}'`);
      return { name, agg };
    });
    for (const g of groupFields) if (!def.fields[g]) throw valueError(`Invalid field '${g}' on model '${model}'`);
    const effectiveGroups = lazy ? groupFields.slice(0, 1) : groupFields;
    const groups = new Map<string, { key: unknown[]; recs: Rec[] }>();
    for (const r of this.search(model, domain)) {
      const key = effectiveGroups.map((g) => r[g]);
      const k = JSON.stringify(key);
      const g = groups.get(k) ?? { key, recs: [] };
      g.recs.push(r);
      groups.set(k, g);
    }
    return [...groups.values()].map(({ recs }) => {
      const first = recs[0]!;
      const row: Record<string, unknown> = {};
      for (const g of effectiveGroups) row[g] = this.value(def, first, g);
      for (const { name, agg } of specs) {
        if (effectiveGroups.includes(name)) continue;
        const values = recs.map((r) => Number(r[name]) || 0);
        row[name] =
          agg === 'max'
            ? Math.max(...values)
            : agg === 'min'
              ? Math.min(...values)
              : agg === 'count'
                ? values.length
                : round2(values.reduce((a, b) => a + b, 0));
      }
      row[lazy && effectiveGroups[0] ? `${effectiveGroups[0]}_count` : '__count'] = recs.length;
      // The request's domain AND the group's terms, in prefix form, as Odoo 19 answers it
      // (tests/contract/recordings/19, account.move.read_group): ['&', '&', t1, t2, g].
      row.__domain = andDomains([Array.isArray(domain) ? (domain as unknown[]) : [], effectiveGroups.map((g) => [g, '=', first[g]])]);
      return row;
    });
  }

  private sortedRecords(def: ModelDef, order: string): Rec[] {
    const cacheKey = `${def.name}|${order}`;
    const version = this.store.versions.get(def.name) ?? 0;
    const cached = this.sorted.get(cacheKey);
    if (cached && cached.version === version) return cached.recs;
    const recs = this.sortRecords(def, order, this.store.all(def.name));
    this.sorted.set(cacheKey, { version, recs });
    return recs;
  }

  private sortRecords(def: ModelDef, order: string, records: Iterable<Rec>): Rec[] {
    const keys = parseOrder(def, order);
    const decorated = [...records].map((r) => ({
      r,
      k: keys.map(({ field }) => this.sortValue(def, r, field)),
    }));
    decorated.sort((a, b) => {
      for (let i = 0; i < keys.length; i++) {
        const c = compare(a.k[i], b.k[i]);
        if (c !== 0) return keys[i]!.desc ? -c : c;
      }
      return 0;
    });
    return decorated.map((d) => d.r);
  }

  private sortValue(def: ModelDef, r: Rec, field: string): unknown {
    const f = def.fields[field];
    if (f?.type === 'many2one') {
      const target = r[field] ? this.store.get(f.relation!, r[field] as number) : undefined;
      return target ? displayName(this.store, f.relation!, target).toLowerCase() : null;
    }
    if (field === 'complete_name' || field === 'display_name') return displayName(this.store, def.name, r).toLowerCase();
    const v = r[field];
    return v === false || v === undefined || v === '' ? null : typeof v === 'string' ? v.toLowerCase() : v;
  }
}

/** PostgreSQL order: NULLs sort last ascending (first descending). */
function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a as number) < (b as number) ? -1 : 1;
}

function parseOrder(def: ModelDef, order: string): SortKey[] {
  const keys = order.split(',').map((part) => {
    const [field = '', dir = 'asc', ...rest] = part.trim().split(/\s+/);
    const ok =
      /^[a-z_][a-z0-9_]*$/.test(field) &&
      ['asc', 'desc'].includes(dir.toLowerCase()) &&
      (rest.length === 0 || (rest.length === 2 && rest[0]!.toLowerCase() === 'nulls'));
    if (!ok || (!def.fields[field] && field !== 'complete_name')) {
      throw valueError(
        `Invalid "order" specified (${order}). A valid "order" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)`,
      );
    }
    return { field, desc: dir.toLowerCase() === 'desc' };
  });
  return keys.some((k) => k.field === 'id') ? keys : [...keys, { field: 'id', desc: false }];
}

/**
 * The ids a domain is limited to when, at its top level, it ANDs `id =` or `id in` terms:
 * the candidates come from the primary key, as a database's index gives them, instead of a
 * scan of the whole table. Null when the domain has no such term or uses `|` or `!`.
 */
function pinnedIds(domain: unknown): number[] | null {
  if (!Array.isArray(domain) || domain.some((t) => t === '|' || t === '!')) return null;
  let ids: number[] | null = null;
  for (const t of domain) {
    if (!Array.isArray(t) || t[0] !== 'id' || (t[1] !== '=' && t[1] !== 'in')) continue;
    const values: unknown[] = t[1] === '=' ? [t[2]] : Array.isArray(t[2]) ? t[2] : [t[2]];
    // Anything but integer ids (false, strings) is left to the predicate, as before.
    if (!values.every((v): v is number => Number.isSafeInteger(v))) return null;
    ids = ids ? ids.filter((id) => values.includes(id)) : [...new Set(values)];
  }
  return ids;
}

/** odoo.osv.expression.normalize_domain: the implicit ANDs of a domain made explicit, in prefix form. */
function normalizeDomain(domain: readonly unknown[]): unknown[] {
  const arity: Record<string, number> = { '!': 1, '&': 2, '|': 2 };
  const result: unknown[] = [];
  let expected = 1;
  for (const token of domain) {
    if (expected === 0) {
      result.unshift('&');
      expected = 1;
    }
    expected += Array.isArray(token) ? -1 : (arity[String(token)] ?? 0) - 1;
    result.push(token);
  }
  return result;
}

/** odoo.osv.expression.AND: the non-empty domains, each normalised, joined by leading '&'. */
/**
 * The AND of several domains as real Odoo (17-19, recorded) writes read_group's __domain:
 * one flat conjunction, `['&', '&', t1, t2, t3]`, of every top-level AND term of each part
 * (an OR or NOT stays one term, whole).
 */
function andDomains(domains: readonly (readonly unknown[])[]): unknown[] {
  const terms = domains.filter((d) => d.length > 0).flatMap((d) => conjuncts(normalizeDomain(d)));
  return [...terms.slice(1).map(() => '&'), ...terms.flat(1)];
}

/** The top-level AND terms of a normalized prefix domain, each as its own prefix tokens. */
function conjuncts(domain: readonly unknown[]): unknown[][] {
  let i = 0;
  const subtree = (): unknown[] => {
    const token = domain[i++];
    if (token === '&' || token === '|') return [token, ...subtree(), ...subtree()];
    if (token === '!') return [token, ...subtree()];
    return [token];
  };
  const collect = (): unknown[][] => {
    if (domain[i] !== '&') return [subtree()];
    i++;
    return [...collect(), ...collect()];
  };
  const terms: unknown[][] = [];
  while (i < domain.length) terms.push(...collect());
  return terms;
}

function withActiveTest(def: ModelDef, domain: unknown, activeTest = true): unknown {
  if (!def.fields.active || !activeTest || !Array.isArray(domain)) return domain;
  const mentionsActive = domain.some((t) => Array.isArray(t) && t[0] === 'active');
  return mentionsActive ? domain : [['active', '=', true], ...(domain as unknown[])];
}

export function resolveFields(def: ModelDef, fields: unknown, version = 19): string[] {
  if (fields === undefined || fields === null || fields === false || (Array.isArray(fields) && fields.length === 0)) {
    return Object.keys(def.fields).filter((f) => f !== 'id');
  }
  if (!Array.isArray(fields)) throw valueError(`Invalid fields ${pyRepr(fields)}`);
  return fields
    .map((f) => {
      if (typeof f !== 'string' || !def.fields[f]) throw invalidFieldError(version, f, def.name);
      return f;
    })
    .filter((f) => f !== 'id');
}

function splitCommands(def: ModelDef, vals: Record<string, unknown>) {
  const plain: Record<string, unknown> = {};
  const commands: [string, unknown[]][] = [];
  for (const [name, value] of Object.entries(vals)) {
    const field = def.fields[name];
    if (!field) throw valueError(`Invalid field ${pyRepr(name)} on model ${pyRepr(def.name)}`);
    if ((field.type === 'one2many' || field.type === 'many2many') && Array.isArray(value)) {
      if (value.every((v) => Array.isArray(v))) commands.push([name, value]);
      else plain[name] = value;
    } else if (field.type === 'one2many' || field.type === 'many2many') {
      throw valueError(`Invalid value ${pyRepr(value)} for ${def.name}.${name}`);
    } else {
      plain[name] = field.digits !== undefined && typeof value === 'number' ? roundTo(value, field.digits) : value;
    }
  }
  return { plain, commands };
}

/** A float as Odoo stores a field with `digits`: rounded to them. */
function roundTo(n: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(n * scale) / scale;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
