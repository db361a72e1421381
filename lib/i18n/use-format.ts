import { useLocale } from 'next-intl';
import { formatterFor, type Formatter } from './format';
import { isLocale, DEFAULT_LOCALE } from './locales';

/** The formatter of the page's locale, for client components and synchronous server components. */
export function useFormat(): Formatter {
  const locale = useLocale();
  return formatterFor(isLocale(locale) ? locale : DEFAULT_LOCALE);
}
