import type { Metadata } from 'next';
import { Link } from '@/components/app-link';
import { Pagination } from '@/components/pagination';
import { ButtonLink, EmptyState, PageHeader, buttonClass, inputClass, labelClass, InvalidFilters } from '@/components/ui';
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
      <form
        method="get"
        action="/orders"
        className="mb-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5"
        role="search"
        aria-label="Filter orders"
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
        <input type="hidden" name="sort" value={q.sort} />
        <input type="hidden" name="dir" value={q.dir} />
        <input type="hidden" name="size" value={q.size} />
        <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-5">
          <button type="submit" className={buttonClass}>
            Apply filters
          </button>
          {filtered ? (
            <Link href="/orders" className="text-sm underline">
              Clear filters
            </Link>
          ) : null}
        </div>
      </form>
      {page.rows.length === 0 ? (
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
      ) : (
        <>
          <OrdersTable rows={page.rows} sort={q.sort} dir={q.dir} />
          <Pagination basePath="/orders" params={parsed.raw} page={page.page} pageCount={page.pageCount} total={page.total} noun="order" />
        </>
      )}
    </>
  );
}
