/**
 * How far ahead a customer may ask for delivery: a year and a day. A later date is almost
 * always a mistyped year (9999-12-31), and Odoo would keep it as the order's commitment.
 */
export const REQUESTED_DATE_HORIZON_DAYS = 366;

/** The latest date that may be requested, as `YYYY-MM-DD`, from today's (UTC) `YYYY-MM-DD`. */
export function latestRequestedDate(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + REQUESTED_DATE_HORIZON_DAYS);
  return d.toISOString().slice(0, 10);
}
