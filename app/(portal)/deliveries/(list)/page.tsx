import { RememberListAddress } from '@/components/list-address';
import { listScope } from '@/components/list-scope';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Link } from '@/components/app-link';
import { getFormat } from '@/lib/i18n/server';
import { ListResults } from '@/components/list-frame';
import { DeliveryBadge } from '@/components/status';
import { EmptyState, PageHeader } from '@/components/ui';
import { InvalidFilters } from '@/components/invalid-filters';
import { parseSearchParams, type SearchParams } from '@/lib/http/search-params';
import { listDeliveries } from '@/lib/portal/deliveries';
import { deliveryListQuery, DELIVERY_FILTERS } from '@/lib/schemas/deliveries';
import { requireSession } from '@/lib/session/require-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('deliveries');
  return { title: t('list.title') };
}

/** Each filter's key in the catalogue (`list.filters.*`, `list.empty.*`, `list.emptyHint.*`). */
const FILTER_KEY = { all: 'all', 'in-progress': 'inProgress', late: 'late', delivered: 'delivered' } as const satisfies Record<
  (typeof DELIVERY_FILTERS)[number] | 'all',
  string
>;

export default async function DeliveriesPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireSession();
  const [t, f] = await Promise.all([getTranslations('deliveries'), getFormat()]);
  const parsed = await parseSearchParams(deliveryListQuery, searchParams);
  if (!parsed.ok)
    return <InvalidFilters title={t('list.title')} message={parsed.message} resetHref="/deliveries" resetLabel={t('list.showAll')} />;
  const q = parsed.query;
  const page = await listDeliveries(ctx, q);
  const current = q.status ?? 'all';
  return (
    <>
      <RememberListAddress path="/deliveries" scope={listScope(ctx)} />
      <PageHeader title={t('list.title')} description={t('list.description')} />
      <nav aria-label={t('list.statusNav')} className="mb-4">
        <ul className="flex flex-wrap gap-2">
          {(['all', ...DELIVERY_FILTERS] as const).map((filter) => (
            <li key={filter}>
              <Link
                href={filter === 'all' ? '/deliveries' : `/deliveries?status=${filter}`}
                aria-current={current === filter ? 'page' : undefined}
                className={`inline-block rounded-full border px-3 py-1 text-sm ${current === filter ? 'border-brand-700 bg-brand-700 text-white' : 'border-slate-400 bg-white hover:bg-slate-100'}`}
              >
                {t(`list.filters.${FILTER_KEY[filter]}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ListResults
        empty={
          page.rows.length === 0 ? (
            q.q ? (
              // A search that found nothing: the filter's hint would not be true of it.
              <EmptyState title={t('list.emptySearch', { q: q.q })}>
                <Link className="underline" href={current === 'all' ? '/deliveries' : `/deliveries?status=${current}`}>
                  {t('list.clearSearch')}
                </Link>
              </EmptyState>
            ) : (
              <EmptyState title={t(`list.empty.${FILTER_KEY[current]}`)}>{t(`list.emptyHint.${FILTER_KEY[current]}`)}</EmptyState>
            )
          ) : null
        }
        pages={{
          basePath: '/deliveries',
          params: parsed.raw,
          page: page.page,
          pageCount: page.pageCount,
          total: page.total,
          noun: 'delivery',
        }}
      >
        <p id="deliveries-order" className="mb-2 text-sm text-slate-700">
          {t(`list.sortedBy.${FILTER_KEY[current]}`)}
        </p>
        <ul className="flex flex-col gap-2" aria-label={t('list.title')} aria-describedby="deliveries-order">
          {page.rows.map((d) => (
            <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <Link href={`/deliveries/${d.id}`} className="font-semibold text-brand-700 underline">
                  {d.name}
                </Link>
                <DeliveryBadge status={d.step} late={d.late} />
              </div>
              <p className="mt-1 text-sm text-slate-700">
                {d.order ? <>{t('list.order', { name: d.order.name })} · </> : null}
                {d.step === 'shipped'
                  ? t('list.shipped', { date: f.date(d.doneDate), planned: f.date(d.scheduledDate) })
                  : t('list.planned', { date: f.date(d.scheduledDate) })}
                {/* The day the order promised, where it is not the planned one: what an open delivery is measured against. */}
                {(d.step === 'planned' || d.step === 'ready') && d.committedDate && d.committedDate !== d.scheduledDay ? (
                  <> · {t('list.promised', { date: f.date(d.committedDate) })}</>
                ) : null}
                {d.backorderOf ? <> · {t('list.backorderOf', { name: d.backorderOf.name })}</> : null}
                {d.carrier ? <> · {d.carrier}</> : null}
              </p>
            </li>
          ))}
        </ul>
      </ListResults>
    </>
  );
}
