'use client';

import { useState } from 'react';
import useSWR from 'swr';
import { formatDateTime, formatQuantity, formatQuantityWithUnit } from '@/lib/format';
import { DeliveryBadge } from '@/components/status';
import { Alert, Card } from '@/components/ui';
import type { DeliveryDetail, DeliveryStep } from '@/lib/types';
import { Link } from '@/components/app-link';
import { Table, type Column } from '@/components/table';

const STEPS: { step: DeliveryStep; label: string }[] = [
  { step: 'planned', label: 'Planned' },
  { step: 'ready', label: 'Ready to ship' },
  { step: 'shipped', label: 'Shipped' },
];

async function fetchDelivery(url: string): Promise<DeliveryDetail> {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!res.ok)
    throw new Error(
      ((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`,
    );
  return res.json() as Promise<DeliveryDetail>;
}

/** The delivery, refreshed every `refreshSeconds` while it is still open (SWR), without a reload. */
export function DeliveryLive({ initial, refreshSeconds }: { initial: DeliveryDetail; refreshSeconds: number }) {
  const open = (d: DeliveryDetail) => d.step === 'planned' || d.step === 'ready';
  const [polling, setPolling] = useState(open(initial));
  const { data, error } = useSWR<DeliveryDetail, Error>(`/api/deliveries/${initial.id}`, fetchDelivery, {
    fallbackData: initial,
    refreshInterval: polling ? refreshSeconds * 1000 : 0,
    revalidateOnMount: false,
    onSuccess: (latest) => setPolling(open(latest)),
  });
  const d = data ?? initial;
  const reached = STEPS.findIndex((s) => s.step === d.step);
  return (
    <div className="flex flex-col gap-4">
      <p className="flex flex-wrap items-center gap-2">
        <DeliveryBadge status={d.step} late={d.late} />
        {open(d) ? <span className="text-sm text-slate-700">Updates by itself while open.</span> : null}
      </p>
      {error ? <Alert tone="warning">Could not refresh the status: {error.message}. Showing the last known state.</Alert> : null}
      {d.step !== 'cancelled' ? (
        <ol className="grid grid-cols-3 gap-2" aria-label="Delivery progress">
          {STEPS.map((s, i) => (
            <li
              key={s.step}
              aria-current={i === reached ? 'step' : undefined}
              className={`rounded border p-2 text-center text-sm ${i <= reached ? 'border-green-700 bg-green-50 font-semibold text-green-900' : 'border-slate-300 bg-white text-slate-700'}`}
            >
              {/* A step passed is done, and so is the last one once reached: shipped is the end. */}
              {i < reached || (i === reached && i === STEPS.length - 1) ? '✓ ' : ''}
              {s.label}
            </li>
          ))}
        </ol>
      ) : null}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Card title="Dates">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-700">Scheduled</dt>
            <dd>{formatDateTime(d.scheduledDate)}</dd>
            <dt className="text-slate-700">Shipped</dt>
            <dd>{d.doneDate ? formatDateTime(d.doneDate) : '—'}</dd>
            {d.order ? (
              <>
                <dt className="text-slate-700">Order</dt>
                <dd>
                  <Link className="text-brand-700 underline" href={`/orders/${d.order.id}`}>
                    {d.order.name}
                  </Link>
                </dd>
              </>
            ) : null}
          </dl>
        </Card>
        <Card title="Carrier">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-700">Carrier</dt>
            <dd>{d.carrier ?? '—'}</dd>
            <dt className="text-slate-700">Tracking</dt>
            <dd>
              {d.trackingUrl ? (
                <a className="text-brand-700 underline" href={d.trackingUrl} target="_blank" rel="noopener noreferrer">
                  Track {d.trackingRef ?? 'the parcel'}
                  <span className="sr-only"> (opens in a new tab)</span>
                </a>
              ) : (
                (d.trackingRef ?? 'Not yet available')
              )}
            </dd>
          </dl>
        </Card>
      </div>
      {d.backorderOf || d.backorders.length ? (
        <Card title="Backorders">
          {d.backorderOf ? (
            <p className="text-sm">
              This delivery is the backorder of{' '}
              <Link className="text-brand-700 underline" href={`/deliveries/${d.backorderOf.id}`}>
                {d.backorderOf.name}
              </Link>
              .
            </p>
          ) : null}
          {d.backorders.length ? (
            <ul className="mt-1 text-sm">
              {d.backorders.map((b) => (
                <li key={b.id}>
                  The rest follows in{' '}
                  <Link className="text-brand-700 underline" href={`/deliveries/${b.id}`}>
                    {b.name}
                  </Link>{' '}
                  <DeliveryBadge status={b.step} />
                </li>
              ))}
            </ul>
          ) : null}
        </Card>
      ) : null}
      <section aria-labelledby="products-heading">
        <h2 id="products-heading" className="mb-2 text-lg font-semibold">
          Products
        </h2>
        <Table
          caption={`Products in delivery ${d.name}`}
          columns={productColumns(d.step === 'shipped')}
          rows={d.lines}
          rowKey={(l) => l.id}
        />
      </section>
    </div>
  );
}

type DeliveryLine = DeliveryDetail['lines'][number];

/** What was planned, and once shipped what left: a quantity shipped before the end is not final. */
function productColumns(shipped: boolean): Column<DeliveryLine>[] {
  return [
    { id: 'product', header: 'Product', card: 'title', cell: (l) => l.product },
    { id: 'planned', header: 'Planned', align: 'end', cell: (l) => formatQuantityWithUnit(l.ordered, l.unit) },
    { id: 'shipped', header: 'Shipped', align: 'end', cell: (l) => (shipped ? formatQuantity(l.done) : '—') },
  ];
}
