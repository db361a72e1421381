import { describe, expect, it } from 'vitest';
import { dayIn, endOfDay, isLate, promisedBy, startOfDay } from '../../lib/delivery-promise';

const open = true;

describe('when a delivery is late', () => {
  const now = new Date('2026-11-23T10:00:00Z');

  it('is not late a minute after Odoo scheduled it for the moment of the order', () => {
    expect(isLate({ open, scheduled: '2026-11-23T09:59:00Z', commitment: null }, now, 'UTC')).toBe(false);
  });

  it('is late once the scheduled day has ended, when the order has no commitment date', () => {
    expect(isLate({ open, scheduled: '2026-11-22T23:59:00Z', commitment: null }, now, 'UTC')).toBe(true);
    expect(promisedBy('2026-11-22T08:00:00Z', null, 'UTC')?.toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  it('follows the order’s commitment date when there is one, earlier or later than the scheduled day', () => {
    expect(isLate({ open, scheduled: '2026-11-20T08:00:00Z', commitment: '2026-11-25T12:00:00Z' }, now, 'UTC')).toBe(false);
    expect(isLate({ open, scheduled: '2026-11-23T08:00:00Z', commitment: '2026-11-22T12:00:00Z' }, now, 'UTC')).toBe(true);
  });

  it('gives a delivery promised for a day that whole day, in the portal’s time zone', () => {
    // The portal writes the asked day at noon UTC; at 12:00:18 that day the promise is still kept.
    const noon = new Date('2026-11-23T12:00:18Z');
    expect(isLate({ open, scheduled: '2026-11-20T08:00:00Z', commitment: '2026-11-23T12:00:00Z' }, noon, 'UTC')).toBe(false);
    expect(isLate({ open, scheduled: '2026-11-20T08:00:00Z', commitment: '2026-11-23T12:00:00Z' }, noon, 'America/Los_Angeles')).toBe(
      false,
    );
    expect(
      isLate({ open, scheduled: '2026-11-20T08:00:00Z', commitment: '2026-11-23T12:00:00Z' }, new Date('2026-11-24T00:00:00Z'), 'UTC'),
    ).toBe(true);
    expect(dayIn('2026-11-23T12:00:00Z', 'America/Los_Angeles')).toBe('2026-11-23');
    expect(dayIn('2026-11-24T02:00:00Z', 'America/Los_Angeles')).toBe('2026-11-23');
    expect(dayIn('2026-11-22T23:30:00Z', 'Europe/Berlin')).toBe('2026-11-23');
    expect(dayIn(null, 'UTC')).toBeNull();
  });

  it('is never late once shipped or cancelled', () => {
    expect(isLate({ open: false, scheduled: '2026-01-01T08:00:00Z', commitment: '2026-01-02T08:00:00Z' }, now, 'UTC')).toBe(false);
  });

  it('counts the day in the portal’s time zone', () => {
    // 23 Nov 06:00 UTC is still 22 Nov in Los Angeles: a delivery scheduled that evening there is not late yet.
    const early = new Date('2026-11-23T06:00:00Z');
    expect(isLate({ open, scheduled: '2026-11-23T03:00:00Z', commitment: null }, early, 'America/Los_Angeles')).toBe(false);
    expect(isLate({ open, scheduled: '2026-11-23T03:00:00Z', commitment: null }, early, 'UTC')).toBe(false);
    expect(isLate({ open, scheduled: '2026-11-22T03:00:00Z', commitment: null }, early, 'Europe/Berlin')).toBe(true);
  });
});

describe('calendar days in a time zone', () => {
  it('start and end at local midnight, across a daylight saving change', () => {
    expect(startOfDay(new Date('2026-11-23T10:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(endOfDay(new Date('2026-11-23T10:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-11-23T23:00:00.000Z');
    // 29 March 2026: Berlin moves from UTC+1 to UTC+2 at 02:00.
    expect(startOfDay(new Date('2026-03-29T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(endOfDay(new Date('2026-03-29T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfDay(new Date('2026-11-23T06:00:00Z'), 'America/Los_Angeles').toISOString()).toBe('2026-11-22T08:00:00.000Z');
  });
});
