/**
 * When a delivery counts as late. Odoo schedules a delivery at the moment the order is
 * confirmed, so "scheduled in the past" is true a minute after every order: not what a
 * customer means by late. A delivery is late only once its promise has passed:
 * the end of the promised day, in the portal's time zone (PORTAL_TIME_ZONE). That day is the
 * order's commitment date (Odoo's "Delivery Date", which the portal writes at noon of the day
 * the customer asked for) when the order has one, otherwise the scheduled date. A customer
 * promised a day has that whole day: the delivery is not late at noon of it.
 * Shipped and cancelled deliveries are never late. Pure, so the list filter's domain
 * (lib/portal/deliveries.ts) and these functions can be tested against each other.
 */

/** Odoo's datetime text (UTC, `YYYY-MM-DD HH:MM:SS`) of an instant. */
export function odooDateTime(at: Date): string {
  return at.toISOString().slice(0, 19).replace('T', ' ');
}

/** The instant a calendar day starts in `timeZone`, for the day that holds `at`. */
export function startOfDay(at: Date, timeZone: string): Date {
  const [y, m, d] = localParts(at, timeZone);
  return localMidnight(y, m, d, timeZone);
}

/** The instant the day after the one holding `at` starts in `timeZone`: the end of that day. */
export function endOfDay(at: Date, timeZone: string): Date {
  const [y, m, d] = localParts(at, timeZone);
  return localMidnight(y, m, d + 1, timeZone);
}

/** The moment a delivery is late from: the end of the commitment's day, else of the scheduled day. */
export function promisedBy(scheduled: string | null, commitment: string | null, timeZone: string): Date | null {
  const day = commitment ?? scheduled;
  return day ? endOfDay(new Date(day), timeZone) : null;
}

/** The calendar day (`YYYY-MM-DD`) of an instant in `timeZone`, or null without one. */
export function dayIn(instant: string | null, timeZone: string): string | null {
  if (!instant) return null;
  const [y, m, d] = localParts(new Date(instant), timeZone);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isLate(d: { open: boolean; scheduled: string | null; commitment: string | null }, now: Date, timeZone: string): boolean {
  const promise = d.open ? promisedBy(d.scheduled, d.commitment, timeZone) : null;
  return promise !== null && promise.getTime() <= now.getTime();
}

const partsFormat = new Map<string, Intl.DateTimeFormat>();

/** Year, month, day, hour, minute, second of `at` on the wall clock of `timeZone`. */
function localParts(at: Date, timeZone: string): [number, number, number, number, number, number] {
  let f = partsFormat.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormat.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return [p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!];
}

/** Midnight of a wall-clock date in `timeZone` as an instant (the day may overflow: Date.UTC normalises it). */
function localMidnight(y: number, m: number, d: number, timeZone: string): Date {
  const wall = Date.UTC(y, m - 1, d);
  // The zone's offset at that wall time, measured twice so a DST change near midnight is right.
  let at = wall - offsetAt(new Date(wall), timeZone);
  at = wall - offsetAt(new Date(at), timeZone);
  return new Date(at);
}

function offsetAt(at: Date, timeZone: string): number {
  const [y, m, d, h, mi, s] = localParts(at, timeZone);
  return Date.UTC(y, m - 1, d, h, mi, s) - Math.floor(at.getTime() / 1000) * 1000;
}
