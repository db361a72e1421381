import 'server-only';
import type { z } from 'zod';
import { getLocale } from 'next-intl/server';
import { DEFAULT_LOCALE, isLocale } from '../i18n/locales';
import { zodErrorMap } from '../i18n/zod-errors';
import { singleValues } from '../schemas/common';
import { sayText } from './error-words';

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * A page's search params through its zod schema. A bad value never throws: the page shows
 * the message (and a way back to the defaults) instead of a 500.
 */
export async function parseSearchParams<S extends z.ZodType>(
  schema: S,
  searchParams: SearchParams,
): Promise<{ ok: true; query: z.infer<S>; raw: Record<string, string> } | { ok: false; message: string; raw: Record<string, string> }> {
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  const single = singleValues(await searchParams);
  if (!single.ok) return { ok: false, message: sayText(single.message, locale), raw: {} };
  const parsed = schema.safeParse(single.values, { error: zodErrorMap(locale) });
  if (parsed.success) return { ok: true, query: parsed.data, raw: single.values };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    message: `${issue?.path.length ? `${String(issue.path[0])}: ` : ''}${sayText(issue?.message ?? 'Not valid.', locale)}`,
    raw: single.values,
  };
}
