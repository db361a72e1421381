import { useTranslations } from 'next-intl';
import type { ComponentProps } from 'react';
import { Link } from './app-link';
import { Pagination, pageHref } from './pagination';
import { buttonClass, EmptyState } from './ui';

/**
 * The parts every list page shares, so the orders, invoices and deliveries lists read and
 * behave alike: the filter form (a GET form, so filters live in the URL) and the results
 * (an empty state, or the rows and their pages).
 */
export function FilterForm({
  action,
  label,
  grid,
  keep,
  filtered,
  children,
}: {
  /** The list's path: the form's target and where "Clear filters" leads. */
  action: string;
  label: string;
  /** The grid's columns at the widest size, e.g. `lg:grid-cols-5` (a literal, so Tailwind finds it). */
  grid: string;
  /** Query values kept across a new filter (sort, direction, page size). */
  keep: Record<string, string | number>;
  filtered: boolean;
  children: React.ReactNode;
}) {
  const t = useTranslations('common');
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={label}
      className={`mb-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 ${grid}`}
    >
      {children}
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="col-span-full flex items-end gap-3">
        <button type="submit" className={buttonClass}>
          {t('filters.apply')}
        </button>
        {filtered ? (
          <Link href={action} className="text-sm underline">
            {t('filters.clear')}
          </Link>
        ) : null}
      </div>
    </form>
  );
}

/** The rows and their pages, or the empty state when there are none. */
export function ListResults({
  empty,
  pages,
  children,
}: {
  /** Shown instead of the rows when the list is empty; null when it is not. */
  empty: React.ReactNode;
  pages: ComponentProps<typeof Pagination>;
  children: React.ReactNode;
}) {
  // A page past the last (a stale link, a typed page number) is not an empty list.
  if (pages.total > 0 && pages.page > pages.pageCount) return <PastLastPage {...pages} />;
  if (empty) return empty;
  return (
    <>
      {children}
      <Pagination {...pages} />
    </>
  );
}

function PastLastPage({ basePath, params, page, pageCount }: ComponentProps<typeof Pagination>) {
  const t = useTranslations('common');
  return (
    <EmptyState title={t('pagination.pastLast', { page, pageCount })}>
      <Link className="underline" href={pageHref(basePath, params, pageCount)}>
        {t('pagination.toLast')}
      </Link>
    </EmptyState>
  );
}
