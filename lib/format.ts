/**
 * Formatting shared by server and client components. A fixed locale and UTC make the
 * server's HTML and the browser's render identical (no hydration mismatch). Intl
 * formatters are costly to build, so each is built once and reused.
 */
const LOCALE = 'en-GB';

const money = new Map<string, Intl.NumberFormat>();
const dateFormat = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});
const quantityFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 3 });

export function formatMoney(amount: number, currency: string): string {
  let f = money.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat(LOCALE, { style: 'currency', currency });
    } catch {
      return `${amount.toFixed(2)} ${currency}`;
    }
    money.set(currency, f);
  }
  return f.format(amount);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? '—' : dateFormat.format(d);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : `${dateTimeFormat.format(d)} UTC`;
}

const timeFormat = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** The time of day of an instant ("14:05 UTC"): the same text on the server and in the browser. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : `${timeFormat.format(d)} UTC`;
}

export function formatQuantity(n: number): string {
  return quantityFormat.format(n);
}

/**
 * A quantity with its unit of measure as Odoo names it. Odoo's names are plural ("Units",
 * "Hours", "Dozens"), so one of them reads "1 Unit", not "1 Units"; names that are not a
 * single plural word ("kg", "Box of 10") stay as they are.
 */
export function formatQuantityWithUnit(n: number, unit: string | null | undefined): string {
  const q = formatQuantity(n);
  if (!unit) return q;
  return `${q} ${n === 1 && /^[A-Za-z]+[^s]s$/.test(unit) ? unit.slice(0, -1) : unit}`;
}

/** A download's size: kB below a megabyte (a 16 kB ZIP is not "0.0 MB"), MB from there. */
export function formatBytes(bytes: number): string {
  if (bytes < 1_048_576) return `${Math.max(bytes > 0 ? 1 : 0, Math.round(bytes / 1024))} kB`;
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
