import 'server-only';
import { getLocale } from 'next-intl/server';
import { cache } from 'react';
import { formatterFor, type Formatter } from './format';
import { isLocale, DEFAULT_LOCALE } from './locales';

/** The formatter of this request's locale, for async server components and route handlers. */
export const getFormat = cache(async (): Promise<Formatter> => {
  const locale = await getLocale();
  return formatterFor(isLocale(locale) ? locale : DEFAULT_LOCALE);
});
