import { describe, expect, it } from 'vitest';
import { formatterFor } from '../../lib/i18n/format';

const en = formatterFor('en');
const de = formatterFor('de');

describe('sizes of downloads', () => {
  it('are in kB below a megabyte, so a small ZIP is not "0.0 MB"', () => {
    expect(en.bytes(16_384)).toBe('16 kB');
    expect(en.bytes(300)).toBe('1 kB');
    expect(en.bytes(0)).toBe('0 kB');
    expect(en.bytes(1_048_576 * 2.5)).toBe('2.5 MB');
    expect(de.bytes(1_048_576 * 2.5)).toBe('2,5 MB');
  });
});

describe('quantities with their unit', () => {
  it('say one of a plural unit name in the singular', () => {
    expect(en.quantityWithUnit(1, 'Units')).toBe('1 Unit');
    expect(en.quantityWithUnit(1, 'Hours')).toBe('1 Hour');
    expect(en.quantityWithUnit(3, 'Units')).toBe('3 Units');
    expect(en.quantityWithUnit(1.5, 'Hours')).toBe('1.5 Hours');
  });

  it('leave other unit names as Odoo has them', () => {
    expect(en.quantityWithUnit(1, 'kg')).toBe('1 kg');
    expect(en.quantityWithUnit(1, 'Box of 10')).toBe('1 Box of 10');
    expect(en.quantityWithUnit(1, 'Glass')).toBe('1 Glass');
    expect(en.quantityWithUnit(2, null)).toBe('2');
  });
});

describe('money, dates and numbers in the reader’s locale', () => {
  it('writes German amounts with the euro sign after them, as a German reader expects', () => {
    // Intl separates the figure and the sign with a no-break space.
    expect(de.money(260686.2, 'EUR').replace(/\s/g, ' ')).toBe('260.686,20 €');
    expect(en.money(260686.2, 'EUR')).toBe('€260,686.20');
    expect(de.quantity(1234.5)).toBe('1.234,5');
  });

  it('names the month in the reader’s language, on the same UTC day on server and browser', () => {
    expect(en.date('2026-03-05')).toBe('5 Mar 2026');
    expect(de.date('2026-03-05')).toBe('5. März 2026');
    expect(de.dateTime('2026-03-05T23:30:00Z')).toMatch(/^5\. März 2026.*23:30 UTC$/);
    expect(de.date(null)).toBe('—');
    expect(de.date('not a date')).toBe('—');
  });

  it('falls back to the amount and the code for a currency Intl does not know', () => {
    expect(en.money(5, 'XX1')).toBe('5 XX1');
  });
});
