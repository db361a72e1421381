import { useTranslations } from 'next-intl';
import { Link } from '@/components/app-link';
import { useFormat } from '@/lib/i18n/use-format';

/** The list's page `page`, keeping every other search param. */
export function pageHref(basePath: string, params: Record<string, string>, page: number): string {
  return `${basePath}?${new URLSearchParams({ ...params, page: String(page) }).toString()}`;
}

/** Previous / next links that keep every other search param; works without JavaScript. */
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
  noun: 'order' | 'invoice' | 'delivery' | 'event';
}) {
  const t = useTranslations('common');
  const f = useFormat();
  const href = (p: number) => pageHref(basePath, params, p);
  return (
    <nav aria-label={t('pagination.label')} className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p>
        {t(`nouns.${noun}`, { count: total, formatted: f.quantity(total) })} · {t('pagination.pageOf', { page, pageCount })}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className="rounded border border-slate-400 bg-white px-3 py-1.5 hover:bg-slate-100" href={href(page - 1)}>
            <span aria-hidden="true">{t('pagination.previous')}</span>
            <span className="sr-only">{t('pagination.previousPage')}</span>
          </Link>
        ) : null}
        {page < pageCount ? (
          <Link className="rounded border border-slate-400 bg-white px-3 py-1.5 hover:bg-slate-100" href={href(page + 1)}>
            <span aria-hidden="true">{t('pagination.next')}</span>
            <span className="sr-only">{t('pagination.nextPage')}</span>
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
