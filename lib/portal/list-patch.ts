import 'server-only';
import type { PortalContext } from '../context';
import type { Domain, OdooRecord } from '../odoo';
import { comparable } from './fields';
import type { ChangedRecords, Topic } from './read-cache';

/** A cached page of a list, with what holds each row in place (`placeOf`, same order). */
export interface SortedPage<Row extends { id: number }> {
  rows: Row[];
  /** How many records match the list's filters in all. */
  total: number;
  /** The list's 1-based page number. */
  page: number;
  places: string[];
}

/** More changed records than this, and the page is read anew: the patch would cost as much. */
const PATCH_MAX_RECORDS = 20;

/** What a list reads, as the patch must read it too. */
export interface PatchableList<Row> {
  topic: Topic;
  model: string;
  /** The list's whole domain, tenant included: Odoo decides what enters the page, patched or not. */
  domain: Domain;
  fields: readonly string[];
  /**
   * The field the list sorts by, then by id (`<sortField> <dir>, id <dir>`, `order`), one of
   * `fields`: a row whose value here is unchanged keeps its place. A plain value (no relation):
   * a many2one sorts by the related record's name, which can change with no change to the row.
   */
  sortField: string;
  /**
   * Fields, beside the sort field, that the page sums over its whole filtered set (an invoice's
   * open amount, for the list's totals): a row whose values here changed may have moved the
   * sums, which only a full read tells.
   */
  summedFields?: readonly string[];
  order: string;
  toRow: (r: OdooRecord) => Row;
}

/** What holds a record's row in place on its page, and the page's sums as they are: its sort value and its summed fields. */
export function placeOf(list: Pick<PatchableList<unknown>, 'sortField' | 'summedFields'>, record: OdooRecord): string {
  return JSON.stringify([list.sortField, ...(list.summedFields ?? [])].map((f) => comparable(record[f])));
}

/**
 * A stale page of a list brought up to date by reading only the records that changed, with
 * the list's own domain (so Odoo still decides what the tenant and the filters let in), or
 * null when only a full read can tell the page: a record entered the list, left it, or its
 * sort value or a summed field changed (it may have moved, or the sums); a changed record is not on a page that does not
 * hold the whole list (it may have entered or left elsewhere, and moved the count: decided
 * without asking Odoo); or a change concerns another topic. A row that changed in place is
 * replaced; every other row stays, as no change since the page was read named it.
 */
export async function patchListPage<Row extends { id: number }, P extends SortedPage<Row>>(
  ctx: Pick<PortalContext, 'odoo'>,
  list: PatchableList<Row>,
  stale: P,
  changed: ChangedRecords,
): Promise<P | null> {
  const ids = changed.get(list.topic);
  if (!ids || changed.size > 1 || ids.size > PATCH_MAX_RECORDS) return null;
  // Page one holding every match: a record not on it was not in the list.
  const whole = stale.page === 1 && stale.rows.length === stale.total;
  if (!whole && [...ids].some((id) => !stale.rows.some((r) => r.id === id))) return null;
  const records = await ctx.odoo.searchRead(list.model, [['id', 'in', [...ids]], ...list.domain], { fields: [...list.fields] });
  const current = new Map(records.map((r) => [r.id, r]));
  const rows = [...stale.rows];
  for (const id of ids) {
    const at = rows.findIndex((r) => r.id === id);
    const record = current.get(id);
    if (at < 0) {
      if (record || !whole) return null;
      continue;
    }
    if (!record || placeOf(list, record) !== stale.places[at]) return null;
    rows[at] = list.toRow(record);
  }
  return { ...stale, rows };
}
