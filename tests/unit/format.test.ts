import { describe, expect, it } from 'vitest';
import { formatBytes, formatQuantityWithUnit } from '../../lib/format';

describe('sizes of downloads', () => {
  it('are in kB below a megabyte, so a small ZIP is not "0.0 MB"', () => {
    expect(formatBytes(16_384)).toBe('16 kB');
    expect(formatBytes(300)).toBe('1 kB');
    expect(formatBytes(0)).toBe('0 kB');
    expect(formatBytes(1_048_576 * 2.5)).toBe('2.5 MB');
  });
});

describe('quantities with their unit', () => {
  it('say one of a plural unit name in the singular', () => {
    expect(formatQuantityWithUnit(1, 'Units')).toBe('1 Unit');
    expect(formatQuantityWithUnit(1, 'Hours')).toBe('1 Hour');
    expect(formatQuantityWithUnit(3, 'Units')).toBe('3 Units');
    expect(formatQuantityWithUnit(1.5, 'Hours')).toBe('1.5 Hours');
  });

  it('leave other unit names as Odoo has them', () => {
    expect(formatQuantityWithUnit(1, 'kg')).toBe('1 kg');
    expect(formatQuantityWithUnit(1, 'Box of 10')).toBe('1 Box of 10');
    expect(formatQuantityWithUnit(1, 'Glass')).toBe('1 Glass');
    expect(formatQuantityWithUnit(2, null)).toBe('2');
  });
});
