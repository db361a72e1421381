import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './locales';

/**
 * The language of someone the portal does not know yet (sign-in, not linked) or who has
 * no Odoo contact (staff): the browser's Accept-Language, matched to the catalogues.
 */
export function localeFromAcceptLanguage(header: string | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const wanted = new Negotiator({ headers: { 'accept-language': header } }).languages();
  try {
    return match(wanted, LOCALES, DEFAULT_LOCALE) as Locale;
  } catch {
    // A malformed tag in the header (match throws a RangeError): the default.
    return DEFAULT_LOCALE;
  }
}
