import type { CompiledMessage } from 'icu-minify/format';
import en from '@/messages/en';
import type { LineWords, PortalError, ValidationKey } from '../errors';
import type { Locale } from '../i18n/locales';
import { translatorFor } from '../i18n/translator';

/** icu-minify's code for a `{name, number}` part (its types.d.ts). */
const TYPE_NUMBER = 4;

/**
 * A catalogue text as written in messages/en. The portal's build precompiles the catalogue
 * (next.config.ts: a text with values becomes icu-minify's parts, `["at most ", ["max", 4], "."]`),
 * while tests and scripts read the JSON as written; plain texts, `{name}` and `{name, number}`
 * are written back, and a text with any other part (plural, select, a tag) gives null, like
 * the plural and select forms the patterns below leave out.
 */
export function catalogueText(message: string | CompiledMessage): string | null {
  if (typeof message === 'string') return message;
  const parts: string[] = [];
  for (const part of message) {
    if (typeof part === 'string') parts.push(part);
    else if (Array.isArray(part) && typeof part[0] === 'string' && part.length === 1) parts.push(`{${part[0]}}`);
    else if (Array.isArray(part) && typeof part[0] === 'string' && part.length === 2 && part[1] === TYPE_NUMBER)
      parts.push(`{${part[0]}, number}`);
    else return null;
  }
  return parts.join('');
}

/** The texts as this build holds them: written, or precompiled. */
const validation: Record<ValidationKey, string | CompiledMessage> = en.errors.validation;

const VALIDATION_TEXTS = (Object.keys(validation) as ValidationKey[]).flatMap((key) => {
  const text = catalogueText(validation[key]);
  return text === null ? [] : [[key, text] as const];
});

/**
 * English validation texts written in lib/schemas and lib/portal → their key in
 * `errors.validation`. Only texts without values: a typed value that spells a placeholder
 * (`?{name}=1&{name}=2`) must not pass for the text with its values missing.
 */
const VALIDATION_KEYS = new Map(VALIDATION_TEXTS.filter(([, text]) => !text.includes('{')).map(([key, text]) => [text, key]));

/**
 * The catalogue's texts with values (`“{name}” is given more than once.`, `… at most {max, number}.`)
 * as patterns that read the values back out of the English text: any text for `{name}` (even
 * an empty one), a number written the English way for `{name, number}`. Texts with plural or
 * select forms are never written by a check as a plain message, so they are left out.
 */
const VALIDATION_PATTERNS = VALIDATION_TEXTS.filter(
  ([, text]) => /\{\w+(, number)?\}/.test(text) && !/\{\w+, (plural|select)/.test(text),
).map(([key, text]) => {
  const names: { name: string; number: boolean }[] = [];
  const source = text
    .split(/(\{\w+(?:, number)?\})/)
    .map((part) => {
      const placeholder = /^\{(\w+)(, number)?\}$/.exec(part);
      if (!placeholder) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push({ name: placeholder[1]!, number: Boolean(placeholder[2]) });
      return placeholder[2] ? '([0-9][0-9,]*(?:\\.[0-9]+)?)' : '([\\s\\S]*?)';
    })
    .join('');
  return { key, pattern: new RegExp(`^${source}$`), names };
});

/** The key and values of a catalogue text the English message was written from, if any. */
function validationWords(text: string): { key: ValidationKey; values?: Record<string, string | number> } | null {
  const key = VALIDATION_KEYS.get(text);
  if (key) return { key };
  for (const { key, pattern, names } of VALIDATION_PATTERNS) {
    const found = pattern.exec(text);
    if (found)
      return {
        key,
        values: Object.fromEntries(
          names.map(({ name, number }, i) => [name, number ? Number(found[i + 1]!.replaceAll(',', '')) : found[i + 1]!]),
        ),
      };
  }
  return null;
}

/**
 * A fixed English text of the portal's own checks (a schema's message, a quick order line's
 * problem), with its values, in the reader's language; any other text (Odoo's own words) as
 * it is. The `errors.validation` catalogue holds each such text; a unit test holds it to the code.
 */
export function sayText(text: string, locale: Locale): string {
  const words = locale === 'en' ? null : validationWords(text);
  return words ? translatorFor(locale, 'errors')(`validation.${words.key}`, words.values) : text;
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
