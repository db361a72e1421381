import type { Metadata } from 'next';
import { Link } from '@/components/app-link';
import { FilterForm, ListResults } from '@/components/list-frame';
import { ButtonLink, EmptyState, PageHeader, inputClass, labelClass, InvalidFilters } from '@/components/ui';
import { parseSearchParams, type SearchParams } from '@/lib/http/search-params';
import { listOrders } from '@/lib/portal/orders';
import { orderListQuery } from '@/lib/schemas/orders';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';
import { OrdersTable } from './orders-table';

export const metadata: Metadata = { title: 'Orders' };

export default async function OrdersPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireSession();
  const parsed = await parseSearchParams(orderListQuery, searchParams);
  const actions = (
    <>
      {can(ctx.roles, 'order') ? <ButtonLink href="/orders/new">Quick order</ButtonLink> : null}
      {parsed.ok ? (
        <ButtonLink variant="secondary" download href={`/orders/export?${new URLSearchParams(parsed.raw).toString()}`}>
          Export CSV
        </ButtonLink>
      ) : null}
    </>
  );
  if (!parsed.ok) return <InvalidFilters title="Orders" message={parsed.message} resetHref="/orders" resetLabel="Show all orders" />;
  const q = parsed.query;
  const page = await listOrders(ctx, q);
  const filtered = Boolean(q.state || q.from || q.to || q.q);
  return (
    <>
      <PageHeader title="Orders" description="Every order and quotation of your company." actions={actions} />
      <FilterForm
        action="/orders"
        label="Filter orders"
        grid="lg:grid-cols-5"
        keep={{ sort: q.sort, dir: q.dir, size: q.size }}
        filtered={filtered}
      >
        <div className="lg:col-span-2">
          <label htmlFor="q" className={labelClass}>
            Search
          </label>
          <input
            id="q"
            name="q"
            defaultValue={q.q ?? ''}
            placeholder="Order number, your PO or SKU"
            className={inputClass}
            maxLength={100}
          />
        </div>
        <div>
          <label htmlFor="state" className={labelClass}>
            Status
          </label>
          <select id="state" name="state" defaultValue={q.state ?? ''} className={inputClass}>
            <option value="">Any</option>
            <option value="open">Open (not fully delivered)</option>
            <option value="quotation">Quotation</option>
            <option value="confirmed">Confirmed</option>
            <option value="cancelled">Cancelled</option>
          </select>
        </div>
        <div>
          <label htmlFor="from" className={labelClass}>
            From
          </label>
          <input id="from" name="from" type="date" defaultValue={q.from ?? ''} className={inputClass} />
        </div>
        <div>
          <label htmlFor="to" className={labelClass}>
            To
          </label>
          <input id="to" name="to" type="date" defaultValue={q.to ?? ''} className={inputClass} />
        </div>
      </FilterForm>
      <ListResults
        empty={
          page.rows.length === 0 ? (
            <EmptyState title={filtered ? 'No orders match these filters' : 'No orders yet'}>
              {filtered ? (
                <Link className="underline" href="/orders">
                  Clear the filters
                </Link>
              ) : can(ctx.roles, 'order') ? (
                <Link className="underline" href="/orders/new">
                  Place a quick order
                </Link>
              ) : (
                'Orders placed by your company appear here.'
              )}
            </EmptyState>
          ) : null
        }
        pages={{ basePath: '/orders', params: parsed.raw, page: page.page, pageCount: page.pageCount, total: page.total, noun: 'order' }}
      >
        <OrdersTable rows={page.rows} sort={q.sort} dir={q.dir} />
      </ListResults>
    </>
  );
}
