'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import useSWR from 'swr';
import type { Formatter } from '@/lib/i18n/format';
import { useFormat } from '@/lib/i18n/use-format';
import { DeliveryBadge } from '@/components/status';
import { Alert, Card } from '@/components/ui';
import type { DeliveryDetail, DeliveryStep } from '@/lib/types';
import { Link } from '@/components/app-link';
import { Table, type Column } from '@/components/table';
import { fetchPortalJson } from '@/lib/http/fetch-json';

/** The steps an open delivery goes through; their words are `detail.steps.*` in the catalogue. */
const STEPS = ['planned', 'ready', 'shipped'] as const satisfies readonly DeliveryStep[];

type DeliveryT = ReturnType<typeof useTranslations<'deliveries.detail'>>;

/** The delivery, refreshed every `refreshSeconds` while it is still open (SWR), without a reload. */
export function DeliveryLive({ initial, refreshSeconds }: { initial: DeliveryDetail; refreshSeconds: number }) {
  const t = useTranslations('deliveries.detail');
  const f = useFormat();
  const open = (d: DeliveryDetail) => d.step === 'planned' || d.step === 'ready';
  const [polling, setPolling] = useState(open(initial));
  const { data, error } = useSWR<DeliveryDetail, Error>(`/api/deliveries/${initial.id}`, fetchPortalJson<DeliveryDetail>, {
    fallbackData: initial,
    refreshInterval: polling ? refreshSeconds * 1000 : 0,
    revalidateOnMount: false,
    onSuccess: (latest) => setPolling(open(latest)),
  });
  const d = data ?? initial;
  const reached = STEPS.findIndex((s) => s === d.step);
  return (
    <div className="flex flex-col gap-4">
      <p className="flex flex-wrap items-center gap-2">
        <DeliveryBadge status={d.step} late={d.late} />
        {open(d) ? <span className="text-sm text-slate-700">{t('updatesWhileOpen')}</span> : null}
      </p>
      {error ? <Alert tone="warning">{t('refreshFailed', { message: error.message })}</Alert> : null}
      {d.step !== 'cancelled' ? (
        <ol className="grid grid-cols-3 gap-2" aria-label={t('progress')}>
          {STEPS.map((s, i) => (
            <li
              key={s}
              aria-current={i === reached ? 'step' : undefined}
              className={`rounded border p-2 text-center text-sm ${i <= reached ? 'border-green-700 bg-green-50 font-semibold text-green-900' : 'border-slate-300 bg-white text-slate-700'}`}
            >
              {/* A step passed is done, and so is the last one once reached: shipped is the end. */}
              {i < reached || (i === reached && i === STEPS.length - 1) ? '✓ ' : ''}
              {t(`steps.${s}`)}
            </li>
          ))}
        </ol>
      ) : null}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Card title={t('dates')}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-700">{t('scheduled')}</dt>
            <dd>{f.dateTime(d.scheduledDate)}</dd>
            {d.committedDate ? (
              <>
                <dt className="text-slate-700">{t('promised')}</dt>
                <dd>{f.date(d.committedDate)}</dd>
              </>
            ) : null}
            <dt className="text-slate-700">{t('shipped')}</dt>
            <dd>{d.doneDate ? f.dateTime(d.doneDate) : '—'}</dd>
            {d.order ? (
              <>
                <dt className="text-slate-700">{t('order')}</dt>
                <dd>
                  <Link className="text-brand-700 underline" href={`/orders/${d.order.id}`}>
                    {d.order.name}
                  </Link>
                </dd>
              </>
            ) : null}
          </dl>
        </Card>
        <Card title={t('carrierCard')}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-700">{t('carrier')}</dt>
            <dd>{d.carrier ?? '—'}</dd>
            <dt className="text-slate-700">{t('tracking')}</dt>
            <dd>
              {d.trackingUrl ? (
                <a className="text-brand-700 underline" href={d.trackingUrl} target="_blank" rel="noopener noreferrer">
                  {d.trackingRef ? t.rich('trackRef', { ref: d.trackingRef, hidden }) : t.rich('trackParcel', { hidden })}
                </a>
              ) : (
                (d.trackingRef ?? t('trackingUnavailable'))
              )}
            </dd>
          </dl>
        </Card>
      </div>
      {d.backorderOf || d.backorders.length ? (
        <Card title={t('backorders')}>
          {d.backorderOf ? (
            <p className="text-sm">
              {t.rich('backorderOf', {
                name: d.backorderOf.name,
                link: (chunks) => (
                  <Link className="text-brand-700 underline" href={`/deliveries/${d.backorderOf!.id}`}>
                    {chunks}
                  </Link>
                ),
              })}
            </p>
          ) : null}
          {d.backorders.length ? (
            <ul className="mt-1 text-sm">
              {d.backorders.map((b) => (
                <li key={b.id}>
                  {t.rich('restFollowsIn', {
                    name: b.name,
                    link: (chunks) => (
                      <Link className="text-brand-700 underline" href={`/deliveries/${b.id}`}>
                        {chunks}
                      </Link>
                    ),
                  })}{' '}
                  <DeliveryBadge status={b.step} />
                </li>
              ))}
            </ul>
          ) : null}
        </Card>
      ) : null}
      <section aria-labelledby="products-heading">
        <h2 id="products-heading" className="mb-2 text-lg font-semibold">
          {t('products')}
        </h2>
        <Table
          caption={t('productsCaption', { name: d.name })}
          columns={productColumns(d.step === 'shipped', t, f)}
          rows={d.lines}
          rowKey={(l) => l.id}
        />
      </section>
    </div>
  );
}

type DeliveryLine = DeliveryDetail['lines'][number];

/** What was planned, and once shipped what left: a quantity shipped before the end is not final. */
function productColumns(shipped: boolean, t: DeliveryT, f: Formatter): Column<DeliveryLine>[] {
  return [
    { id: 'product', header: t('columns.product'), card: 'title', cell: (l) => l.product },
    { id: 'planned', header: t('columns.planned'), align: 'end', cell: (l) => f.quantityWithUnit(l.ordered, l.unit) },
    { id: 'shipped', header: t('columns.shipped'), align: 'end', cell: (l) => (shipped ? f.quantity(l.done) : '—') },
  ];
}

/** Words only a screen reader says (the link opens a new tab). */
function hidden(chunks: React.ReactNode) {
  return <span className="sr-only">{chunks}</span>;
}
