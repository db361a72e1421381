import 'server-only';
import type { Domain, OdooRecord, WebSpec } from '../odoo';
import type { PortalContext } from '../context';
import { webSpec } from './fields';

/** Records related to the one read: its lines, or its deliveries and invoices. */
export interface RelatedQuery {
  /** The one2many or many2many on the record (Odoo 17+ nests the records under it). */
  field: string;
  model: string;
  /** The records' domain for Odoo 16, with the tenant in it; it also leaves out those not wanted. */
  domain: Domain;
  fields: readonly string[];
  /** The nested specification on Odoo 17+ (default: `fields`, many2ones with their names). */
  spec?: WebSpec;
  /** Which nested records to keep on Odoo 17+, as close to the Odoo 16 domain as the nested values allow. */
  keep?: (record: OdooRecord) => boolean;
  order: string;
  limit: number;
}

/** One record and its lines (and other related records), as the caller's tenant domains allow. */
export interface RecordWithLinesQuery<R extends string = never> {
  model: string;
  /** The record's domain, with the tenant in it. */
  domain: Domain;
  fields: readonly string[];
  /** The record's own nested specification on Odoo 17+ (default: `fields`, many2ones with their names). */
  spec?: WebSpec;
  lines: RelatedQuery;
  /** More related records, read in the same call on Odoo 17+. */
  related?: Record<R, RelatedQuery>;
}

export interface RecordWithLines<R extends string = never> {
  record: OdooRecord;
  lines: OdooRecord[];
  related: Record<R, OdooRecord[]>;
  /** true on Odoo 17+: relations are objects (`{id, display_name}`), not pairs. */
  nested: boolean;
}

/**
 * A record with its lines, or null when the tenant has no such record: on Odoo 17+ one
 * web_search_read with the lines and the other related records nested (relations as
 * objects), so a page pays one round trip and one API-key check on Odoo; on Odoo 16 the
 * record, its lines and each other relation in search_reads side by side (relations as
 * ids or pairs).
 */
export async function readRecordWithLines<R extends string = never>(
  ctx: PortalContext,
  q: RecordWithLinesQuery<R>,
): Promise<RecordWithLines<R> | null> {
  const all = { lines: q.lines, ...q.related } as Record<'lines' | R, RelatedQuery>;
  const names = Object.keys(all) as ('lines' | R)[];
  const nested = await ctx.odoo.hasWebRead();
  const found = nested ? await readNested(ctx, q, all, names) : await readSideBySide(ctx, q, all, names);
  if (!found) return null;
  const { lines, ...related } = found.byName;
  return { record: found.record, lines, related: related as Record<R, OdooRecord[]>, nested };
}

type Found<N extends string> = { record: OdooRecord; byName: Record<N, OdooRecord[]> } | null;

/** Odoo 17+: one web_search_read, each relation nested and filtered by its `keep`. */
async function readNested<N extends string>(
  ctx: PortalContext,
  q: { model: string; domain: Domain; fields: readonly string[]; spec?: WebSpec },
  all: Record<N, RelatedQuery>,
  names: N[],
): Promise<Found<N>> {
  const spec: WebSpec = { ...(q.spec ?? webSpec(q.fields)) };
  for (const name of names) {
    const r = all[name];
    spec[r.field] = { fields: r.spec ?? webSpec(r.fields), order: r.order, limit: r.limit };
  }
  const {
    records: [record],
  } = await ctx.odoo.webSearchRead(q.model, q.domain, spec, { limit: 1 });
  if (!record) return null;
  const byName = Object.fromEntries(
    names.map((name) => {
      const r = all[name];
      // Past `limit` Odoo lists records by id only: those are left out, as a limited search would.
      const read = (record[r.field] as OdooRecord[]).slice(0, r.limit);
      return [name, r.keep ? read.filter(r.keep) : read];
    }),
  ) as Record<N, OdooRecord[]>;
  return { record, byName };
}

/** Odoo 16: the record and each relation in search_reads side by side, each with its tenant domain. */
async function readSideBySide<N extends string>(
  ctx: PortalContext,
  q: { model: string; domain: Domain; fields: readonly string[] },
  all: Record<N, RelatedQuery>,
  names: N[],
): Promise<Found<N>> {
  const [records, ...reads] = await Promise.all([
    ctx.odoo.searchRead(q.model, q.domain, { fields: q.fields, limit: 1 }),
    ...names.map((name) => {
      const r = all[name];
      return ctx.odoo.searchRead(r.model, r.domain, { fields: r.fields, order: r.order, limit: r.limit });
    }),
  ]);
  if (!records[0]) return null;
  return { record: records[0], byName: Object.fromEntries(names.map((name, i) => [name, reads[i]!])) as Record<N, OdooRecord[]> };
}
