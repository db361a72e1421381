import 'server-only';
import type { z } from 'zod';
import { getLocale, getTranslations } from 'next-intl/server';
import en from '@/messages/en';
import { DEFAULT_LOCALE, isLocale } from '../i18n/locales';
import { zodErrorMap } from '../i18n/zod-errors';
import { singleValues } from '../schemas/common';
import { sayText } from './error-words';

type FilterName = keyof typeof en.errors.filters.fields;
const isFilterName = (name: string): name is FilterName => Object.hasOwn(en.errors.filters.fields, name);

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
  const message = sayText(issue?.message ?? 'Not valid.', locale);
  // Named as the page's filter is labelled ("From: …"), never by its key in the address.
  const field = issue?.path.length ? String(issue.path[0]) : null;
  const labels = await getTranslations({ locale, namespace: 'errors.filters.fields' });
  const label = field && isFilterName(field) ? labels(field) : null;
  return { ok: false, message: label ? `${label}: ${message}` : message, raw: single.values };
}
