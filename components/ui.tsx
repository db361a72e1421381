import { Link } from '@/components/app-link';
import { useTranslations } from 'next-intl';
import { useFormat } from '@/lib/i18n/use-format';

/** Small presentational pieces used by every page; server components, no state. */

export function PageHeader({ title, description, actions }: { title: string; description?: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-bold">{title}</h1>
        {description ? <p className="mt-1 text-slate-700">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}

export function Alert({
  tone = 'info',
  title,
  children,
}: {
  tone?: 'info' | 'error' | 'success' | 'warning';
  title?: string;
  children?: React.ReactNode;
}) {
  const styles = {
    info: 'border-blue-300 bg-blue-50 text-blue-950',
    error: 'border-red-300 bg-red-50 text-red-950',
    success: 'border-green-300 bg-green-50 text-green-950',
    warning: 'border-amber-300 bg-amber-50 text-amber-950',
  }[tone];
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`rounded-md border p-4 ${styles}`}>
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? 'mt-1' : ''}>{children}</div> : null}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
      <p className="font-semibold">{title}</p>
      {children ? <div className="mt-2 text-slate-700">{children}</div> : null}
    </div>
  );
}

const BADGE: Record<string, string> = {
  green: 'bg-green-100 text-green-900',
  blue: 'bg-blue-100 text-blue-900',
  amber: 'bg-amber-100 text-amber-950',
  red: 'bg-red-100 text-red-900',
  slate: 'bg-slate-200 text-slate-900',
};

export function Badge({ color = 'slate', children }: { color?: keyof typeof BADGE; children: React.ReactNode }) {
  return <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-semibold ${BADGE[color]}`}>{children}</span>;
}

export function ButtonLink({
  href,
  children,
  variant = 'primary',
  download,
}: {
  href: string;
  children: React.ReactNode;
  variant?: 'primary' | 'secondary';
  download?: boolean;
}) {
  const cls =
    variant === 'primary'
      ? 'bg-brand-700 text-white hover:bg-brand-800'
      : 'border border-slate-400 bg-white text-slate-900 hover:bg-slate-100';
  if (download)
    return (
      <a href={href} download className={`inline-block rounded px-4 py-2 text-sm font-semibold ${cls}`}>
        {children}
      </a>
    );
  return (
    <Link href={href} className={`inline-block rounded px-4 py-2 text-sm font-semibold ${cls}`}>
      {children}
    </Link>
  );
}

export const buttonClass =
  'rounded bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60';
export const secondaryButtonClass =
  'rounded border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-60 aria-disabled:opacity-60';
export const inputClass = 'w-full rounded border border-slate-400 bg-white px-3 py-2 text-sm';
export const labelClass = 'block text-sm font-medium text-slate-800';
/** A file input whose "choose file" button looks like the other secondary buttons, not the browser's bare default. */
export const fileInputClass =
  'block w-full text-sm text-slate-900 file:mr-3 file:cursor-pointer file:rounded file:border file:border-solid file:border-slate-400 file:bg-white file:px-4 file:py-2 file:text-sm file:font-semibold file:text-slate-900 hover:file:bg-slate-100';

/** A titled box. A long unbroken value (an email address, a VAT number) wraps inside it instead of widening a phone's page. */
export function Card({ title, children, className = '' }: { title?: string; children: React.ReactNode; className?: string }) {
  return (
    <section className={`min-w-0 rounded-lg border border-slate-200 bg-white p-4 wrap-anywhere ${className}`} aria-label={title}>
      {title ? <h2 className="mb-3 text-lg font-semibold">{title}</h2> : null}
      {children}
    </section>
  );
}

/** The amounts card of an order or invoice: untaxed, taxes, total, and what is open when given (its label too). */
export function AmountsCard({
  untaxed,
  tax,
  total,
  due,
  dueLabel,
  currency,
}: {
  untaxed: number;
  tax: number;
  total: number;
  due?: number;
  dueLabel?: string;
  currency: string;
}) {
  const t = useTranslations('common');
  const f = useFormat();
  const rows: [string, number, boolean][] = [
    [t('amounts.untaxed'), untaxed, false],
    [t('amounts.taxes'), tax, false],
    [t('amounts.total'), total, true],
    ...(due === undefined ? [] : [[dueLabel ?? t('amounts.due'), due, true] as [string, number, boolean]]),
  ];
  return (
    <Card title={t('amounts.title')}>
      <dl className="grid grid-cols-[1fr_auto] gap-y-1 text-sm">
        {rows.map(([label, amount, strong]) => [
          <dt key={`t-${label}`} className={strong ? 'font-semibold' : ''}>
            {label}
          </dt>,
          <dd key={`d-${label}`} className={`text-right ${strong ? 'font-semibold' : ''}`}>
            {f.money(amount, currency)}
          </dd>,
        ])}
      </dl>
    </Card>
  );
}
