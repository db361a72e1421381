import { RememberListAddress } from '@/components/list-address';
import { listScope } from '@/components/list-scope';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Link } from '@/components/app-link';
import { FilterForm, ListResults } from '@/components/list-frame';
import { ButtonLink, EmptyState, PageHeader, inputClass, labelClass } from '@/components/ui';
import { InvalidFilters } from '@/components/invalid-filters';
import { parseSearchParams, type SearchParams } from '@/lib/http/search-params';
import { listOrders } from '@/lib/portal/orders';
import { orderListQuery } from '@/lib/schemas/orders';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';
import { OrdersTable } from './orders-table';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('orders');
  return { title: t('list.title') };
}

export default async function OrdersPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireSession();
  const t = await getTranslations('orders');
  const parsed = await parseSearchParams(orderListQuery, searchParams);
  const actions = (
    <>
      {can(ctx.roles, 'order') ? <ButtonLink href="/orders/new">{t('list.quickOrder')}</ButtonLink> : null}
      {parsed.ok ? (
        <ButtonLink variant="secondary" download href={`/orders/export?${new URLSearchParams(parsed.raw).toString()}`}>
          {t('list.exportCsv')}
        </ButtonLink>
      ) : null}
    </>
  );
  // Filters that did not parse keep the form as typed, to be corrected, with the message where the list would be.
  const q = parsed.ok ? parsed.query : null;
  const typed: Partial<Record<'q' | 'state' | 'from' | 'to', string>> = q ?? parsed.raw;
  const page = q ? await listOrders(ctx, q) : null;
  const filtered = Boolean(typed.state || typed.from || typed.to || typed.q);
  return (
    <>
      {parsed.ok ? <RememberListAddress path="/orders" scope={listScope(ctx)} /> : null}
      <PageHeader title={t('list.title')} description={t('list.description')} actions={actions} />
      <FilterForm
        action="/orders"
        label={t('list.filterLabel')}
        grid="lg:grid-cols-5"
        keep={q ? { sort: q.sort, dir: q.dir, size: q.size } : {}}
        filtered={filtered}
      >
        <div className="lg:col-span-2">
          <label htmlFor="q" className={labelClass}>
            {t('list.search')}
          </label>
          <input
            id="q"
            name="q"
            defaultValue={typed.q ?? ''}
            placeholder={t('list.searchPlaceholder')}
            className={inputClass}
            maxLength={100}
          />
        </div>
        <div>
          <label htmlFor="state" className={labelClass}>
            {t('list.status')}
          </label>
          <select id="state" name="state" defaultValue={typed.state ?? ''} className={inputClass}>
            <option value="">{t('list.anyStatus')}</option>
            <option value="open">{t('list.states.open')}</option>
            <option value="to-confirm">{t('list.states.to-confirm')}</option>
            <option value="quotation">{t('list.states.quotation')}</option>
            <option value="confirmed">{t('list.states.confirmed')}</option>
            <option value="cancelled">{t('list.states.cancelled')}</option>
          </select>
        </div>
        <div>
          <label htmlFor="from" className={labelClass}>
            {t('list.from')}
          </label>
          <input id="from" name="from" type="date" defaultValue={typed.from ?? ''} className={inputClass} />
        </div>
        <div>
          <label htmlFor="to" className={labelClass}>
            {t('list.to')}
          </label>
          <input id="to" name="to" type="date" defaultValue={typed.to ?? ''} className={inputClass} />
        </div>
      </FilterForm>
      {!q || !page ? (
        <InvalidFilters message={parsed.ok ? '' : parsed.message} resetHref="/orders" resetLabel={t('list.showAll')} />
      ) : (
        <ListResults
          empty={
            page.rows.length === 0 ? (
              <EmptyState title={filtered ? t('list.emptyFiltered') : t('list.empty')}>
                {filtered ? (
                  <Link className="underline" href="/orders">
                    {t('list.clearFilters')}
                  </Link>
                ) : can(ctx.roles, 'order') ? (
                  <Link className="underline" href="/orders/new">
                    {t('list.placeQuickOrder')}
                  </Link>
                ) : (
                  t('list.emptyHint')
                )}
              </EmptyState>
            ) : null
          }
          pages={{ basePath: '/orders', params: parsed.raw, page: page.page, pageCount: page.pageCount, total: page.total, noun: 'order' }}
        >
          <OrdersTable rows={page.rows} sort={q.sort} dir={q.dir} />
        </ListResults>
      )}
    </>
  );
}
