import 'server-only';
import type { Domain, OdooRecord, WebSpec } from '../odoo';
import type { PortalContext } from '../context';
import { webSpec } from './fields';

/** One record and its lines, as the caller's tenant domains allow. */
export interface RecordWithLinesQuery {
  model: string;
  /** The record's domain, with the tenant in it. */
  domain: Domain;
  fields: readonly string[];
  lines: {
    /** The one2many on the record that holds the lines (Odoo 17+ nests them under it). */
    field: string;
    model: string;
    /** The lines' domain for Odoo 16, with the tenant in it; it also leaves out the lines not wanted. */
    domain: Domain;
    fields: readonly string[];
    /** The lines' nested specification on Odoo 17+ (default: their fields, many2ones with their names). */
    spec?: WebSpec;
    /** Which nested lines to keep on Odoo 17+, as the Odoo 16 domain does. */
    keep?: (line: OdooRecord) => boolean;
    order: string;
    limit: number;
  };
}

/**
 * A record with its lines, or null when the tenant has no such record: on Odoo 17+ one
 * web_search_read with the lines nested (`nested: true`, relations as objects); on Odoo 16
 * the record and its lines in two search_reads side by side (relations as ids or pairs).
 */
export async function readRecordWithLines(
  ctx: PortalContext,
  q: RecordWithLinesQuery,
): Promise<{ record: OdooRecord; lines: OdooRecord[]; nested: boolean } | null> {
  const { lines: l } = q;
  if (await ctx.odoo.hasWebRead()) {
    const {
      records: [record],
    } = await ctx.odoo.webSearchRead(
      q.model,
      q.domain,
      { ...webSpec(q.fields), [l.field]: { fields: l.spec ?? webSpec(l.fields), order: l.order, limit: l.limit } },
      { limit: 1 },
    );
    if (!record) return null;
    const lines = record[l.field] as OdooRecord[];
    return { record, lines: l.keep ? lines.filter(l.keep) : lines, nested: true };
  }
  const [records, lines] = await Promise.all([
    ctx.odoo.searchRead(q.model, q.domain, { fields: q.fields, limit: 1 }),
    ctx.odoo.searchRead(l.model, l.domain, { fields: l.fields, order: l.order, limit: l.limit }),
  ]);
  return records[0] ? { record: records[0], lines, nested: false } : null;
}
