import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PortalError, lineProblem, notFound, portalError } from '../../lib/errors';
import compile from 'icu-minify/compile';
import en from '../../messages/en';
import { catalogueText, sayError, sayLineProblem, sayText } from '../../lib/http/error-words';
import { zodErrorMap } from '../../lib/i18n/zod-errors';
import { singleValues } from '../../lib/schemas/common';
import { MAX_QUANTITY } from '../../lib/quantity';
import { cartLines, quantityProblem } from '../../lib/schemas/orders';
import { parseProductSearch } from '../../lib/schemas/products';

describe('errors in the reader’s language', () => {
  it('keep English as their message (logs, the audit trail) and are said in German to a German reader', () => {
    const err = portalError('conflict', 'orderCancelled', { values: { number: 'S01203' } });
    expect(err.message).toBe('Order S01203 was cancelled in the meantime. Start a new order.');
    expect(sayError(err, 'en').message).toBe(err.message);
    expect(sayError(err, 'de').message).toBe('Bestellung S01203 wurde inzwischen storniert. Beginnen Sie eine neue Bestellung.');
  });

  it('say a form field’s own message in the reader’s language too', () => {
    const err = portalError('conflict', 'colleagueExists', { fields: { email: 'colleagueExistsField' } });
    expect(err.fields).toEqual({ email: ['This email is already in your contacts.'] });
    expect(sayError(err, 'de')).toEqual({
      message: 'Eine Kollegin oder ein Kollege mit dieser E-Mail-Adresse ist bereits in Ihren Kontakten (eventuell deaktiviert).',
      fields: { email: ['Diese E-Mail-Adresse ist bereits in Ihren Kontakten.'] },
    });
  });

  it('leave a message that is not from the catalogue (Odoo’s own words) as it is', () => {
    const odoo = new PortalError('odoo_rejected', 'The product FAS-1001 is archived.');
    expect(sayError(odoo, 'de').message).toBe('The product FAS-1001 is archived.');
    expect(sayError(notFound('invoiceNotFound'), 'de').message).toBe('Diese Rechnung existiert nicht oder gehört nicht zu Ihrem Konto.');
  });

  it('let zod say its own checks in German, while a schema’s own message still wins', () => {
    const schema = z.object({ po: z.string().max(3), qty: z.number().min(1, 'Enter at least 1.') });
    const issues = schema.safeParse({ po: 'ABCDE', qty: 0 }, { error: zodErrorMap('de') }).error!.issues;
    expect(issues.find((i) => i.path[0] === 'po')?.message).toMatch(/^Zu groß/);
    expect(issues.find((i) => i.path[0] === 'qty')?.message).toBe('Enter at least 1.');
    expect(zodErrorMap('en')).toBeUndefined();
  });
});

describe('the validation texts the catalogue translates', () => {
  it('include every sentence a schema of lib/schemas writes (one left out would reach a German reader in English)', async () => {
    const root = join(__dirname, '../../lib/schemas');
    const sentences = readdirSync(root)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(join(root, f), 'utf8').matchAll(/'([A-Z][^'\n]{5,}\.)'/g)].map((m) => m[1]!));
    expect(sentences.length).toBeGreaterThan(30);
    const { default: en } = await import('../../messages/en');
    const catalogue = new Set<string>(Object.values(en.errors.validation));
    expect(sentences.filter((s) => !catalogue.has(s))).toEqual([]);
  });

  it('are each written, word for word, in the checks of lib/ (a changed text would silently stay English)', async () => {
    const root = join(__dirname, '../../lib');
    const sources = ['schemas', 'portal']
      .flatMap((dir) => readdirSync(join(root, dir)).map((f) => join(root, dir, f)))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const { default: en } = await import('../../messages/en');
    // A text is written word for word (a schema's message), with its values written in (each
    // of its fixed parts is), or named by its key (lineProblem).
    for (const [key, text] of Object.entries(en.errors.validation)) {
      const parts = text.split(/\{\w+(?:, number)?\}/).filter(Boolean);
      expect(
        sources.includes(text) || sources.includes(`lineProblem('${key}'`) || (parts.length > 1 && parts.every((p) => sources.includes(p))),
        `${key}: ${text}`,
      ).toBe(true);
    }
  });

  it('say a quick order line’s problem with its values in the reader’s language', () => {
    const problem = lineProblem('unknownSku', { sku: 'XYZ-1' });
    expect(problem.message).toBe('Unknown SKU “XYZ-1”.');
    expect(sayLineProblem(problem, 'de')).toBe('Unbekannte Artikelnummer „XYZ-1“.');
    expect(sayLineProblem(lineProblem('sumTooLarge', { line: 2, sku: 'FAS-1001', max: 1_000_000 }), 'de')).toBe(
      'Zusammen mit Zeile 2 ergibt FAS-1001 mehr als 1.000.000.',
    );
    expect(lineProblem('sumTooLarge', { line: 2, sku: 'FAS-1001', max: 1_000_000 }).message).toBe(
      'With line 2, FAS-1001 adds up to more than 1,000,000.',
    );
  });

  it('say the checks’ texts with values in them in German, numbers written the German way', () => {
    const twice = singleValues({ sort: ['date', 'total'] });
    expect(twice.ok).toBe(false);
    expect(sayText((twice as { message: string }).message, 'de')).toBe('„sort“ ist mehr als einmal angegeben.');
    expect(sayText(quantityProblem('too-large'), 'de')).toBe('Die Menge ist höchstens 100.000.');
    const tooMuch = cartLines.safeParse([
      { productId: 7, quantity: MAX_QUANTITY },
      { productId: 7, quantity: 1 },
    ]);
    expect(tooMuch.error?.issues.map((i) => sayText(i.message, 'de'))).toEqual(['Höchstens 100.000 von einem Produkt je Bestellung.']);
    const search = parseProductSearch(new URLSearchParams('q=ab&q=cd'));
    expect(search.ok || sayText(search.message, 'de')).toBe('„q“ ist mehr als einmal angegeben.');
    // A typed name that spells the placeholder, an empty one and one across lines are values like any other.
    for (const name of ['{name}', '', 'a\nb'])
      expect(sayText(`“${name}” is given more than once.`, 'de'), JSON.stringify(name)).toBe(`„${name}“ ist mehr als einmal angegeben.`);
    // An English reader gets the text as written; a text that only looks alike stays as it is.
    expect(sayText('“sort” is given more than once.', 'en')).toBe('“sort” is given more than once.');
    expect(sayText('The quantity is at most lots.', 'de')).toBe('The quantity is at most lots.');
  });

  it('are said in German to a German reader, and Odoo’s own words stay as they are', () => {
    expect(sayText('Use at most 2 decimals.', 'de')).toBe('Verwenden Sie höchstens 2 Nachkommastellen.');
    expect(sayText('Use at most 2 decimals.', 'en')).toBe('Use at most 2 decimals.');
    expect(sayText('The partner has no VAT number.', 'de')).toBe('The partner has no VAT number.');
  });

  it('read the validation texts back from the catalogue the build precompiles, as they are written', () => {
    const texts = Object.values(en.errors.validation);
    const withValues = texts.filter((text) => /\{\w+(, number)?\}/.test(text) && !/\{\w+, (plural|select)/.test(text));
    expect(withValues.length).toBeGreaterThan(3);
    for (const text of texts) {
      const back = catalogueText(compile(text));
      if (/\{\w+, (plural|select)/.test(text)) expect(back, text).toBeNull();
      else expect(back, text).toBe(text);
    }
    // The build's form of `… at most {max, number}.` is still read back into its values.
    expect(catalogueText(compile('Quantity is at most {max, number}.'))).toBe('Quantity is at most {max, number}.');
    expect(catalogueText(['Hello ', ['name', 1, { a: 'x', other: 'y' }]])).toBeNull();
  });
});
