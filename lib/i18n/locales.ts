/**
 * The languages the portal speaks, and how they map to Odoo's language codes
 * (`res.partner.lang`, `context.lang`). A contact's Odoo language picks the catalogue:
 * every German variant (de_DE, de_CH, de_AT) reads German; anything else reads English.
 */
export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The Odoo language a choice in the switcher writes to the contact. */
export const ODOO_LANG: Record<Locale, string> = { en: 'en_US', de: 'de_DE' };

/** The language's own name, as the switcher lists it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', de: 'Deutsch' };

/**
 * The Intl tag of dates, numbers and money. English keeps day-month-year and 24-hour
 * times (en-GB), as B2B customers across countries read them without ambiguity.
 */
export const INTL_TAG: Record<Locale, string> = { en: 'en-GB', de: 'de-DE' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The catalogue for an Odoo language code ("de_DE" → de; "en_US", "fr_FR", false → en). */
export function localeFromOdooLang(lang: unknown): Locale {
  if (typeof lang !== 'string') return DEFAULT_LOCALE;
  const base = lang.split(/[_-]/)[0]?.toLowerCase();
  return isLocale(base) ? base : DEFAULT_LOCALE;
}
