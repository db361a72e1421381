import { useTranslations } from 'next-intl';
import { Link } from '@/components/app-link';
import { useFormat } from '@/lib/i18n/use-format';

/** The list's page `page`, keeping every other search param. */
export function pageHref(basePath: string, params: Record<string, string>, page: number): string {
  return `${basePath}?${new URLSearchParams({ ...params, page: String(page) }).toString()}`;
}

const pageLink = 'rounded border border-slate-400 bg-white px-3 py-1.5 hover:bg-slate-100';

/**
 * First / previous / next / last links that keep every other search param; works without
 * JavaScript. First and last appear only where they lead further than previous and next.
 */
export function Pagination({
  basePath,
  params,
  page,
  pageCount,
  total,
  noun,
}: {
  basePath: string;
  params: Record<string, string>;
  page: number;
  pageCount: number;
  total: number;
  /** What the list counts, worded with its plural in the catalogue (common.nouns). */
  noun: 'order' | 'document' | 'invoice' | 'creditNote' | 'delivery' | 'event';
}) {
  const t = useTranslations('common');
  const f = useFormat();
  const href = (p: number) => pageHref(basePath, params, p);
  return (
    <nav aria-label={t('pagination.label')} className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p>
        {t(`nouns.${noun}`, { count: total, formatted: f.quantity(total) })} · {t('pagination.pageOf', { page, pageCount })}
      </p>
      <div className="flex flex-wrap gap-2">
        {page > 2 ? (
          <Link className={pageLink} href={href(1)}>
            <span aria-hidden="true">{t('pagination.first')}</span>
            <span className="sr-only">{t('pagination.firstPage')}</span>
          </Link>
        ) : null}
        {page > 1 ? (
          <Link className={pageLink} href={href(page - 1)}>
            <span aria-hidden="true">{t('pagination.previous')}</span>
            <span className="sr-only">{t('pagination.previousPage')}</span>
          </Link>
        ) : null}
        {page < pageCount ? (
          <Link className={pageLink} href={href(page + 1)}>
            <span aria-hidden="true">{t('pagination.next')}</span>
            <span className="sr-only">{t('pagination.nextPage')}</span>
          </Link>
        ) : null}
        {page < pageCount - 1 ? (
          <Link className={pageLink} href={href(pageCount)}>
            <span aria-hidden="true">{t('pagination.last')}</span>
            <span className="sr-only">{t('pagination.lastPage', { page: f.quantity(pageCount) })}</span>
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
