import { IntlMessageFormat } from 'intl-messageformat';
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

/** The {placeholders} a message takes: German must take the same ones as English. */
function argumentsOf(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*([A-Za-z]\w*)/g)].map((m) => m[1]!))].sort();
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
      expect(() => new IntlMessageFormat(message, 'en'), key).not.toThrow();
      expect(() => new IntlMessageFormat(german.get(key)!, 'de'), key).not.toThrow();
      expect(argumentsOf(german.get(key)!), key).toEqual(argumentsOf(message));
    }
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
