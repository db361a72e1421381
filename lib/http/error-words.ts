import type { PortalError } from '../errors';
import type { Locale } from '../i18n/locales';
import { translatorFor } from '../i18n/translator';

/**
 * What an error says to the reader, in their language: a PortalError worded from the
 * catalogue is said again in the locale (its field messages too); any
 * other keeps its message (Odoo's own words, a validation message).
 */
export function sayError(error: PortalError, locale: Locale): { message: string; fields?: Record<string, string[]> } {
  if (!error.words || locale === 'en') return { message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  const { key, values, fields: fieldKeys } = error.words;
  const t = translatorFor(locale, 'errors');
  const message = t(`portal.${key}`, values);
  const fields = fieldKeys
    ? Object.fromEntries(Object.entries(fieldKeys).map(([name, k]) => [name, [t(`portal.${k}`, values)]]))
    : error.fields;
  return { message, ...(fields ? { fields } : {}) };
}
