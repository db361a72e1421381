import type { Metadata } from 'next';
import { Link } from '@/components/app-link';
import { formatDate } from '@/lib/format';
import { ListResults } from '@/components/list-frame';
import { DeliveryBadge } from '@/components/status';
import { EmptyState, PageHeader, InvalidFilters } from '@/components/ui';
import { parseSearchParams, type SearchParams } from '@/lib/http/search-params';
import { listDeliveries } from '@/lib/portal/deliveries';
import { deliveryListQuery, DELIVERY_FILTERS } from '@/lib/schemas/deliveries';
import { requireSession } from '@/lib/session/require-session';

export const metadata: Metadata = { title: 'Deliveries' };

const FILTER_LABEL: Record<(typeof DELIVERY_FILTERS)[number] | 'all', string> = {
  all: 'All',
  'in-progress': 'In progress',
  late: 'Late',
  delivered: 'Delivered',
};

export default async function DeliveriesPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireSession();
  const parsed = await parseSearchParams(deliveryListQuery, searchParams);
  if (!parsed.ok)
    return <InvalidFilters title="Deliveries" message={parsed.message} resetHref="/deliveries" resetLabel="Show all deliveries" />;
  const q = parsed.query;
  const page = await listDeliveries(ctx, q);
  const current = q.status ?? 'all';
  return (
    <>
      <PageHeader title="Deliveries" description="Shipments of your orders, including partial deliveries and backorders." />
      <nav aria-label="Delivery status" className="mb-4">
        <ul className="flex flex-wrap gap-2">
          {(['all', ...DELIVERY_FILTERS] as const).map((f) => (
            <li key={f}>
              <Link
                href={f === 'all' ? '/deliveries' : `/deliveries?status=${f}`}
                aria-current={current === f ? 'page' : undefined}
                className={`inline-block rounded-full border px-3 py-1 text-sm ${current === f ? 'border-brand-700 bg-brand-700 text-white' : 'border-slate-400 bg-white hover:bg-slate-100'}`}
              >
                {FILTER_LABEL[f]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ListResults
        empty={
          page.rows.length === 0 ? (
            <EmptyState title={q.status ? `No ${FILTER_LABEL[q.status].toLowerCase()} deliveries` : 'No deliveries yet'}>
              Deliveries appear here once an order is confirmed.
            </EmptyState>
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
        <ul className="flex flex-col gap-2" aria-label="Deliveries">
          {page.rows.map((d) => (
            <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <Link href={`/deliveries/${d.id}`} className="font-semibold text-brand-700 underline">
                  {d.name}
                </Link>
                <DeliveryBadge status={d.step} late={d.late} />
              </div>
              <p className="mt-1 text-sm text-slate-700">
                {d.order ? <>Order {d.order.name} · </> : null}
                {d.step === 'shipped' ? `Shipped ${formatDate(d.doneDate)}` : `Planned ${formatDate(d.scheduledDate)}`}
                {d.backorderOf ? <> · backorder of {d.backorderOf.name}</> : null}
                {d.carrier ? <> · {d.carrier}</> : null}
              </p>
            </li>
          ))}
        </ul>
      </ListResults>
    </>
  );
}
