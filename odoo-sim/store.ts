import { getModel, type FieldDef, type ModelDef } from './schema';
import { missingError, valueError, validationError } from './errors';

/** A record as the store keeps it: many2one as an id or false, x2many as id lists. */
export type Rec = Record<string, unknown> & { id: number };

/**
 * In-memory tables, one per model. One2many lists are kept in step with their inverse
 * many2one on every create and write, so reads never need a scan.
 */
export class Store {
  private readonly tables = new Map<string, Map<number, Rec>>();
  private readonly nextIds = new Map<string, number>();
  /** Bumped on every mutation of a model, so cached search results know when to drop. */
  readonly versions = new Map<string, number>();
  private readonly indexes = new Map<string, { version: number; ids: Map<number, number[]> }>();
  /** Told of every record created or written while set (the simulator's webhooks). */
  onWrite?: (model: string, rec: Rec) => void;

  table(model: string): Map<number, Rec> {
    let t = this.tables.get(model);
    if (!t) {
      t = new Map();
      this.tables.set(model, t);
    }
    return t;
  }

  get(model: string, id: number): Rec | undefined {
    return this.table(model).get(id);
  }

  all(model: string): IterableIterator<Rec> {
    return this.table(model).values();
  }

  /**
   * Record ids by value of a many2one field, like a database index: built on first use and
   * again after any change to the model.
   */
  index(model: string, field: string): ReadonlyMap<number, readonly number[]> {
    const key = `${model}.${field}`;
    const version = this.versions.get(model) ?? 0;
    const cached = this.indexes.get(key);
    if (cached?.version === version) return cached.ids;
    const ids = new Map<number, number[]>();
    for (const r of this.all(model)) {
      const v = r[field];
      if (typeof v !== 'number') continue;
      const list = ids.get(v);
      if (list) list.push(r.id);
      else ids.set(v, [r.id]);
    }
    this.indexes.set(key, { version, ids });
    return ids;
  }

  count(model: string): number {
    return this.table(model).size;
  }

  private touch(model: string) {
    this.versions.set(model, (this.versions.get(model) ?? 0) + 1);
  }

  /** Inserts a record with defaults; `id` may be forced (seeding keeps stable ids). */
  insert(model: string, values: Record<string, unknown>, forcedId?: number): Rec {
    const def = requireModel(model);
    const id = forcedId ?? this.nextIds.get(model) ?? 1;
    this.nextIds.set(model, Math.max(id + 1, this.nextIds.get(model) ?? 1));
    const rec: Rec = { id };
    for (const [name, field] of Object.entries(def.fields)) {
      if (name === 'id' || name === 'display_name') continue;
      rec[name] = emptyValue(field);
    }
    this.table(model).set(id, rec);
    this.assign(def, rec, values);
    stampWriteDate(def, rec, values);
    this.touch(model);
    this.onWrite?.(model, rec);
    return rec;
  }

  /** Writes values on an existing record; MissingError when it is gone. */
  update(model: string, id: number, values: Record<string, unknown>, uid = 1): Rec {
    const rec = this.get(model, id);
    if (!rec) throw missingError(model, [id], uid);
    const def = requireModel(model);
    this.assign(def, rec, values);
    stampWriteDate(def, rec, values);
    this.touch(model);
    this.onWrite?.(model, rec);
    return rec;
  }

  /** Translations of a translatable field (Odoo keeps them in the field's jsonb), read with context.lang. */
  translate(model: string, id: number, field: string, byLang: Record<string, string>) {
    const rec = this.get(model, id);
    if (!rec || !requireModel(model).fields[field]?.translate) throw valueError(`${model}.${field} is not translatable`);
    const translations = (rec.translations as Record<string, Record<string, string>> | undefined) ?? {};
    translations[field] = { ...translations[field], ...byLang };
    rec.translations = translations;
  }

  private assign(def: ModelDef, rec: Rec, values: Record<string, unknown>) {
    for (const [name, value] of Object.entries(values)) {
      const field = def.fields[name];
      if (!field) throw valueError(`Invalid field '${name}' on model '${def.name}'`);
      if (field.type === 'many2one') {
        this.setMany2one(def, rec, name, field, value);
      } else if (field.type === 'one2many' || field.type === 'many2many') {
        rec[name] = [...(value as number[])];
      } else {
        rec[name] = value;
      }
    }
  }

  private setMany2one(def: ModelDef, rec: Rec, name: string, field: FieldDef, value: unknown) {
    const next = value === false || value === null || value === undefined ? false : Number(value);
    if (next !== false && !this.get(field.relation!, next)) {
      throw validationError(`The operation cannot be completed: ${field.string} (${name}) refers to a record that does not exist.`);
    }
    const prev = rec[name] as number | false | undefined;
    rec[name] = next;
    // Keep the one2many on the other side in step (e.g. sale.order.order_line).
    const target = requireModel(field.relation!);
    for (const [o2mName, o2m] of Object.entries(target.fields)) {
      if (o2m.type !== 'one2many' || o2m.relation !== def.name || o2m.inverse !== name) continue;
      if (prev) {
        const parent = this.get(field.relation!, prev);
        if (parent) parent[o2mName] = (parent[o2mName] as number[]).filter((x) => x !== rec.id);
      }
      if (next !== false) {
        const parent = this.get(field.relation!, next)!;
        (parent[o2mName] as number[]).push(rec.id);
      }
    }
  }
}

export function requireModel(name: string): ModelDef {
  const def = getModel(name);
  if (!def) throw valueError(`Unknown model ${name}`);
  return def;
}

export function emptyValue(field: FieldDef): unknown {
  if (field.default !== undefined) return field.default;
  if (field.type === 'one2many' || field.type === 'many2many') return [];
  return false;
}

/**
 * Odoo sets write_date on every create and write (to the second); caches key on it (the
 * portal's invoice PDFs), so the simulator does too unless the values name it.
 */
function stampWriteDate(def: ModelDef, rec: Rec, values: Record<string, unknown>) {
  if (def.fields.write_date && !('write_date' in values)) rec.write_date = new Date().toISOString().slice(0, 19).replace('T', ' ');
}
