import { DEFAULT_LOCALE, INTL_TAG, type Locale } from './locales';

/**
 * Dates, numbers and money in the reader's locale, shared by server and client components.
 * The locale is given, never guessed from the machine, and times are UTC, so the server's
 * HTML and the browser's render are identical (no hydration mismatch). Intl formatters are
 * costly to build, so each locale's are built once and reused.
 */
export interface Formatter {
  locale: Locale;
  money(amount: number, currency: string): string;
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
  /** The time of day of an instant ("14:05 UTC"). */
  time(iso: string | null | undefined): string;
  quantity(n: number): string;
  /** A quantity with its unit of measure as Odoo names it ("1 Unit", "12 Units"). */
  quantityWithUnit(n: number, unit: string | null | undefined): string;
  /** A download's size: kB below a megabyte (a 16 kB ZIP is not "0.0 MB"), MB from there. */
  bytes(n: number): string;
  /** A plain number with a fixed count of decimals (a percentage, a rate). */
  number(n: number, fractionDigits?: number): string;
}

const built = new Map<Locale, Formatter>();

export function formatterFor(locale: Locale = DEFAULT_LOCALE): Formatter {
  let f = built.get(locale);
  if (!f) {
    f = build(locale);
    built.set(locale, f);
  }
  return f;
}

function build(locale: Locale): Formatter {
  const tag = INTL_TAG[locale];
  const money = new Map<string, Intl.NumberFormat>();
  const dateFormat = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(tag, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  });
  const timeFormat = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  const quantityFormat = new Intl.NumberFormat(tag, { maximumFractionDigits: 3 });
  const numbers = new Map<number, Intl.NumberFormat>();
  const instant = (iso: string | null | undefined) => {
    if (!iso) return null;
    const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
    return Number.isNaN(d.getTime()) ? null : d;
  };
  const quantity = (n: number) => quantityFormat.format(n);
  return {
    locale,
    money(amount, currency) {
      let nf = money.get(currency);
      if (!nf) {
        try {
          nf = new Intl.NumberFormat(tag, { style: 'currency', currency });
        } catch {
          return `${quantityFormat.format(amount)} ${currency}`;
        }
        money.set(currency, nf);
      }
      return nf.format(amount);
    },
    date(iso) {
      const d = instant(iso);
      return d ? dateFormat.format(d) : '—';
    },
    dateTime(iso) {
      const d = instant(iso);
      return d ? `${dateTimeFormat.format(d)} UTC` : '—';
    },
    time(iso) {
      const d = instant(iso);
      return d ? `${timeFormat.format(d)} UTC` : '—';
    },
    quantity,
    quantityWithUnit(n, unit) {
      const q = quantity(n);
      if (!unit) return q;
      // Odoo's English names are plural ("Units", "Hours", "Dozens"): one of them reads "1 Unit".
      // Names that are not a single plural word ("kg", "Box of 10") stay as they are.
      return `${q} ${locale === 'en' && n === 1 && /^[A-Za-z]+[^s]s$/.test(unit) ? unit.slice(0, -1) : unit}`;
    },
    bytes(n) {
      if (n < 1_048_576) return `${quantity(Math.max(n > 0 ? 1 : 0, Math.round(n / 1024)))} kB`;
      return `${new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n / 1_048_576)} MB`;
    },
    number(n, fractionDigits = 0) {
      let nf = numbers.get(fractionDigits);
      if (!nf) {
        nf = new Intl.NumberFormat(tag, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
        numbers.set(fractionDigits, nf);
      }
      return nf.format(n);
    },
  };
}
