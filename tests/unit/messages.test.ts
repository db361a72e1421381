import { IntlMessageFormat } from 'intl-messageformat';
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import de from '../../messages/de';
import en from '../../messages/en';
import { localeFromOdooLang } from '../../lib/i18n/locales';
import { localeFromAcceptLanguage } from '../../lib/i18n/request-locale';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

/** The arguments and tags a message takes, from its ICU syntax tree: German must take the same ones as English. */
function argumentsOf(message: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const el of elements) {
      if ('value' in el && typeof el.value === 'string' && el.type !== TYPE.literal) names.add(el.value);
      if ('options' in el) for (const option of Object.values(el.options)) walk(option.value);
      if ('children' in el) walk(el.children);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst());
  return [...names].sort();
}

describe('the message catalogues', () => {
  const english = leaves(en);
  const german = leaves(de);

  it('hold the same keys in German as in English, so no page shows a raw key', () => {
    expect([...german.keys()].sort()).toEqual([...english.keys()].sort());
    expect(english.size).toBeGreaterThan(50);
  });

  it('parse as ICU messages and take the same arguments in both languages', () => {
    for (const [key, message] of english) {
      expect(argumentsOf(german.get(key)!, 'de'), key).toEqual(argumentsOf(message, 'en'));
    }
  });

  it('never format to an empty text, which next-intl would show as the raw key', () => {
    const canBeEmpty = (elements: readonly MessageFormatElement[]): boolean =>
      elements.every((el) => {
        if (el.type === TYPE.literal) return el.value === '';
        if (el.type === TYPE.select || el.type === TYPE.plural) return Object.values(el.options).some((o) => canBeEmpty(o.value));
        if (el.type === TYPE.tag) return canBeEmpty(el.children);
        return false;
      });
    const empty = [...english, ...german]
      .filter(([, message]) => canBeEmpty(new IntlMessageFormat(message, 'en').getAst()))
      .map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('are not English left untranslated in the German file', () => {
    const same = [...english].filter(([key, text]) => german.get(key) === text && /[a-z]{4,} [a-z]{3,}/.test(text));
    expect(same.map(([key]) => key)).toEqual([]);
  });
});

describe('the locale of a contact', () => {
  it('is German for every German Odoo language, English for the rest', () => {
    expect(localeFromOdooLang('de_DE')).toBe('de');
    expect(localeFromOdooLang('de_CH')).toBe('de');
    expect(localeFromOdooLang('en_US')).toBe('en');
    expect(localeFromOdooLang('fr_FR')).toBe('en');
    expect(localeFromOdooLang(false)).toBe('en');
  });

  it('follows the browser before sign-in, and survives a malformed header', () => {
    expect(localeFromAcceptLanguage('de-DE,de;q=0.9,en;q=0.8')).toBe('de');
    expect(localeFromAcceptLanguage('fr-FR,en;q=0.5')).toBe('en');
    expect(localeFromAcceptLanguage(null)).toBe('en');
    expect(localeFromAcceptLanguage('%%%,;;q=x')).toBe('en');
  });
});
