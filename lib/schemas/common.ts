import { z } from 'zod';

/** A record id typed by a person or found in a URL: a positive 32-bit integer, nothing else. */
export const recordId = z.coerce.number({ error: 'Not a valid id.' }).int('Not a valid id.').min(1, 'Not a valid id.').max(2_147_483_647, 'Not a valid id.');

/** `YYYY-MM-DD` that is a real calendar date. */
export const isoDate = z.iso.date({ error: 'Use a date like 2026-01-31.' });

/** Free-text search: trimmed, bounded, empty means none. */
export const searchText = z.string().trim().max(100, 'Search text is at most 100 characters.')
  // Control characters are never part of an order number, PO or SKU.
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'Search text cannot contain control characters.').optional().transform((s) => s || undefined).optional();

export const page = z.coerce.number({ error: 'Not a valid page.' }).int().min(1).max(100_000).default(1);
export const pageSize = z.coerce.number().pipe(z.union([z.literal(10), z.literal(25), z.literal(50), z.literal(100)], { error: 'Page size is 10, 25, 50 or 100.' })).default(25);
export const sortDir = z.enum(['asc', 'desc']).default('desc');

/** Search params arrive as string | string[]; a repeated one is a mistake we refuse. */
export function singleValues(params: Record<string, string | string[] | undefined>): { ok: true; values: Record<string, string> } | { ok: false; message: string } {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) return { ok: false, message: `“${k.slice(0, 40)}” is given more than once.` };
    if (v !== undefined && v !== '') values[k] = v;
  }
  return { ok: true, values };
}

/** Same date range check everywhere: from ≤ to. */
export function dateRangeOk(v: { from?: string; to?: string }): boolean {
  return !v.from || !v.to || v.from <= v.to;
}
