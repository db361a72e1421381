import en from '@/messages/en';
import type { LineWords, PortalError } from '../errors';
import type { Locale } from '../i18n/locales';
import { translatorFor } from '../i18n/translator';

/** English validation texts written in lib/schemas and lib/portal → their key in `errors.validation`. */
const VALIDATION_KEYS = new Map(
  Object.entries(en.errors.validation).map(([key, text]) => [text, key as keyof typeof en.errors.validation]),
);

/**
 * A fixed English text of the portal's own checks (a schema's message, a quick order line's
 * problem) in the reader's language; any other text (Odoo's own words) as it is. The
 * `errors.validation` catalogue holds each such text; a unit test holds it to the code.
 */
export function sayText(text: string, locale: Locale): string {
  const key = locale === 'en' ? undefined : VALIDATION_KEYS.get(text);
  return key ? translatorFor(locale, 'errors')(`validation.${key}`) : text;
}

/** A form line's problem in the reader's language: its words when it has them, else its text through sayText. */
export function sayLineProblem(problem: { message: string; words?: LineWords }, locale: Locale): string {
  if (locale === 'en') return problem.message;
  return problem.words
    ? translatorFor(locale, 'errors')(`validation.${problem.words.key}`, problem.words.values)
    : sayText(problem.message, locale);
}

/**
 * What an error says to the reader, in their language: a PortalError worded from the
 * catalogue is said again in the locale (its field messages too); a validation failure's
 * field messages through sayText; any other keeps its message.
 */
export function sayError(error: PortalError, locale: Locale): { message: string; fields?: Record<string, string[]> } {
  if (locale === 'en') return { message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  const t = translatorFor(locale, 'errors');
  const say = (key: NonNullable<PortalError['words']>['key']) => t(`portal.${key}`, error.words?.values);
  const message = error.words ? say(error.words.key) : sayText(error.message, locale);
  const fieldKeys = error.words?.fields;
  const fields = fieldKeys
    ? Object.fromEntries(Object.entries(fieldKeys).map(([name, key]) => [name, [say(key)]]))
    : error.fields && Object.fromEntries(Object.entries(error.fields).map(([name, list]) => [name, list.map((m) => sayText(m, locale))]));
  return { message, ...(fields ? { fields } : {}) };
}
