import 'server-only';
import type { PortalContext } from '../context';
import type { CsvColumn } from '../http/csv';
import { odooToday, openItems, requireFinance, round2, type InvoiceRow } from './invoices';
import { cachedRead, shown } from './read-cache';

export const BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type Bucket = (typeof BUCKETS)[number];
export const BUCKET_LABEL: Record<Bucket, string> = {
  current: 'Not yet due',
  '1-30': '1–30 days',
  '31-60': '31–60 days',
  '61-90': '61–90 days',
  '90+': 'Over 90 days',
};

/** Days past the due date, by calendar date (due today is 0: not yet late). */
export function daysOverdue(dueDate: string | null, today: string): number {
  if (!dueDate) return 0;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / 86_400_000);
}

export function bucketOf(days: number): Bucket {
  if (days <= 0) return 'current';
  if (days <= 30) return '1-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '90+';
}

/** Days overdue as a statement shows them: none for a credit note, which is never overdue. */
export function shownDaysOverdue(l: { kind: InvoiceRow['kind']; daysOverdue: number }): number | null {
  return l.kind === 'credit' ? null : Math.max(0, l.daysOverdue);
}

export interface StatementLine extends InvoiceRow {
  daysOverdue: number;
  bucket: Bucket;
  /** Open amount as it counts on the statement: credit notes negative. */
  balance: number;
}

export interface CurrencyAging {
  currency: string;
  buckets: Record<Bucket, number>;
  total: number;
}

/** Open items with their aging bucket, and bucket totals per currency. Pure: tested on every edge. */
export function ageItems(items: InvoiceRow[], today: string): { lines: StatementLine[]; aging: CurrencyAging[] } {
  const lines = items.map((i) => {
    const days = daysOverdue(i.dueDate ?? i.date, today);
    // The row's residual is signed already: a credit note's is negative.
    return { ...i, daysOverdue: days, bucket: bucketOf(days), balance: i.residual };
  });
  const byCurrency = new Map<string, CurrencyAging>();
  for (const l of lines) {
    const a = byCurrency.get(l.currency) ?? {
      currency: l.currency,
      buckets: { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 },
      total: 0,
    };
    a.buckets[l.bucket] = round2(a.buckets[l.bucket] + l.balance);
    a.total = round2(a.total + l.balance);
    byCurrency.set(l.currency, a);
  }
  return { lines, aging: [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)) };
}

/** The statement as CSV: amounts as numbers (credit notes negative), never as text. */
export const STATEMENT_CSV_COLUMNS: CsvColumn<StatementLine>[] = [
  { header: 'Number', type: 'text', value: (l) => l.number },
  { header: 'Type', type: 'text', value: (l) => (l.kind === 'credit' ? 'credit note' : 'invoice') },
  { header: 'Date', type: 'date', value: (l) => l.date },
  { header: 'Due date', type: 'date', value: (l) => l.dueDate },
  { header: 'Days overdue', type: 'number', value: (l) => shownDaysOverdue(l) },
  { header: 'Bucket', type: 'text', value: (l) => BUCKET_LABEL[l.bucket] },
  { header: 'Open amount', type: 'number', decimals: 2, value: (l) => l.balance },
  { header: 'Currency', type: 'text', value: (l) => l.currency },
];

/** The open items aged as of today (Odoo's calendar), or the cached statement: a payment in Odoo changes its invoice, and so ends it. */
export async function statement(ctx: PortalContext, now = new Date()) {
  requireFinance(ctx);
  const today = odooToday(now);
  return cachedRead(ctx, 'statement', [today], ['invoices'], async () => ({ today, ...ageItems(await openItems(ctx, now), today) }), {
    dependsOn: (s) => shown('invoices', s.lines),
  });
}
