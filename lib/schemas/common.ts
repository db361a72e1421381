import { z } from 'zod';

/**
 * A whole number from a URL, a form or a client's object, written the one canonical way:
 * digits without sign, leading zero, exponent, decimals, hex or spaces (`1e1`, `01`,
 * `1.0`, `0x10` and ` 1` are not 10, 1, 1, 16 and 1), or an integer number. Bounded.
 */
export function wholeNumber(min: number, max: number, message: string) {
  return z.union([z.string(), z.number()], { error: message }).transform((v, ctx) => {
    const n = typeof v === 'number' ? v : /^(0|[1-9][0-9]{0,15})$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return n;
  });
}

/** A record id typed by a person or found in a URL: a positive 32-bit integer, nothing else. */
export const recordId = wholeNumber(1, 2_147_483_647, 'Not a valid id.');

/** Characters no text field holds: C0 and C1 controls; line breaks and tabs too unless the field is multi-line. */
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/**
 * Refused as controls too: the direction embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069), which show the rest of a line reordered (`PO-\u202etxt.exe` reads as
 * `PO-exe.txt`; the marks U+200E and U+200F that right-to-left names use stay), and half of a
 * surrogate pair, which is no character at all (JSON carries it, Odoo's database does not).
 */
const SPOOFING = /[\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Characters that show nothing: zero-width space and (non-)joiners, direction marks and
 * embeddings, word joiner and invisible operators, byte-order mark, soft hyphen, combining
 * grapheme joiner, the blank Braille pattern and the Hangul and Khmer fillers (letters to
 * Unicode, blank on screen). Not all of Unicode's format class: its tag characters finish
 * some flag emoji.
 */
const INVISIBLE = '\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2800\u3164\ufeff\uffa0';
const INVISIBLE_EDGES = new RegExp(`^[\\s${INVISIBLE}]+|[\\s${INVISIBLE}]+$`, 'gu');
const INVISIBLE_ANYWHERE = new RegExp(`[${INVISIBLE}]`, 'gu');
/** Trimmed of white space and of invisible characters, so a field of zero-width spaces is empty. */
export const trimInvisible = (s: string) => s.replace(INVISIBLE_EDGES, '');
/** How many characters of a text show: invisible ones do not count. */
export const visibleLength = (s: string) => s.replace(INVISIBLE_ANYWHERE, '').length;
/** How many letters and digits a text shows: what makes it say something (a row of dots says nothing). */
export const wordCharacters = (s: string) => s.replace(INVISIBLE_ANYWHERE, '').match(/[\p{L}\p{N}]/gu)?.length ?? 0;

/**
 * The one schema of free text a person types: trimmed (of invisible characters too), at most `max` characters, and no
 * control characters (a NUL, an escape sequence, a line break hidden in a name or a PO
 * reference). Only `multiLine` fields (a pasted list, a reason) keep line breaks and tabs.
 * Chain `.min(1, …)` for a required field, or use `optionalText`. `trim: false` keeps the
 * text as typed (a pasted list whose line numbers are quoted back).
 */
export function text(label: string, opts: { max: number; multiLine?: boolean; maxMessage?: string; trim?: boolean }) {
  const s = z.string({ error: `Enter the ${label}.` });
  return (opts.trim === false ? s : s.overwrite(trimInvisible))
    .max(opts.max, opts.maxMessage ?? `The ${label} is at most ${opts.max.toLocaleString('en-GB')} characters.`)
    .refine(
      (s) => !(opts.multiLine ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(s) && !SPOOFING.test(s),
      `The ${label} cannot contain control characters.`,
    );
}

/** A text field that may be left empty: empty is undefined. */
export function optionalText(label: string, opts: { max: number; multiLine?: boolean; maxMessage?: string }) {
  return text(label, opts)
    .optional()
    .transform((s) => s || undefined)
    .optional();
}

/**
 * Today's date in the portal's time zone, UTC: dates are shown in UTC (lib/format.ts) and
 * compared in UTC everywhere (overdue, aging, a requested delivery date).
 */
export function portalToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * `YYYY-MM-DD` that is a real calendar date, from year 1: Odoo (Python's `date`) has no
 * year 0, and refused `0000-01-01` in a filter with a server error (an empty CSV export,
 * a 500 for a list).
 */
export const isoDate = z.iso
  .date({ error: 'Use a date like 2026-01-31.' })
  .refine((d) => !d.startsWith('0000-'), { error: 'Use a date like 2026-01-31.' });

/** Free-text search: trimmed, bounded, empty means none. */
export const searchText = optionalText('search text', { max: 100, maxMessage: 'Search text is at most 100 characters.' });

export const page = wholeNumber(1, 100_000, 'Not a valid page.').default(1);
export const pageSize = wholeNumber(10, 100, 'Page size is 10, 25, 50 or 100.')
  .pipe(z.union([z.literal(10), z.literal(25), z.literal(50), z.literal(100)], { error: 'Page size is 10, 25, 50 or 100.' }))
  .default(25);
export const sortDir = z.enum(['asc', 'desc'], { error: 'Sort ascending or descending.' }).default('desc');
/** A list's sort column: one of its own, said in words a person reads. */
export const sortColumn = <const T extends readonly [string, ...string[]]>(columns: T) =>
  z.enum(columns, { error: 'This list cannot be sorted by that column.' });

/** Search params arrive as string | string[]; a repeated one is a mistake we refuse. */
export function singleValues(
  params: Record<string, string | string[] | undefined>,
): { ok: true; values: Record<string, string> } | { ok: false; message: string } {
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

/** A field left empty (or blank) is a field not given: an optional form field's default applies. */
export function emptyAsAbsent<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v), schema.optional());
}
