import type { Metadata } from 'next';
import { useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { Link } from '@/components/app-link';
import { ListLink } from '@/components/list-address';
import { listScope } from '@/components/list-scope';
import { deniedNotFound } from '@/lib/http/not-found';
import { getFormat } from '@/lib/i18n/server';
import { useFormat } from '@/lib/i18n/use-format';
import type { Formatter } from '@/lib/i18n/format';
import { statusOf } from '@/lib/status-labels';
import { DeliveryBadge, OrderStateBadge } from '@/components/status';
import { Alert, AmountsCard, Badge, ButtonLink, Card, PageHeader } from '@/components/ui';
import { getOrder, type OrderAddress, type OrderDetail, type OrderLine } from '@/lib/portal/orders';
import { Table, type Column } from '@/components/table';
import { recordId } from '@/lib/schemas/common';
import { requireSession } from '@/lib/session/require-session';
import { changesRefused } from '@/lib/context';
import { can } from '@/lib/roles';
import { ConfirmQuotationForm } from './confirm-quotation-form';

type OrdersT = ReturnType<typeof useTranslations<'orders'>>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('orders');
  return { title: t('detail.title') };
}

export default async function OrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ placed?: string }>;
}) {
  const ctx = await requireSession();
  const id = recordId.safeParse((await params).id);
  if (!id.success) return deniedNotFound();
  const order = await getOrder(ctx, id.data);
  if (!order) return deniedNotFound();
  const { placed } = await searchParams;
  const [t, f] = await Promise.all([getTranslations('orders'), getFormat()]);
  const mayOrder = can(ctx.roles, 'order');
  // A read-only support session may look, not confirm: the button would only be refused.
  const readOnly = changesRefused(ctx);
  return (
    <>
      {placed ? (
        <div className="mb-4">
          <Alert tone="success" title={t('detail.placedTitle', { number: order.number })}>
            {order.state === 'quotation' ? t('detail.placedQuotationBody') : t('detail.placedBody')}
          </Alert>
        </div>
      ) : null}
      <nav aria-label={t('detail.breadcrumb')} className="mb-2 text-sm">
        <ListLink className="underline" path="/orders" scope={listScope(ctx)}>
          {t('list.title')}
        </ListLink>{' '}
        / {order.number}
      </nav>
      <PageHeader
        title={t('detail.heading', { number: order.number })}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <OrderStateBadge state={order.state} /> <DeliveryBadge status={order.deliveryStatus} />{' '}
            {/* A quotation, or a cancelled order (perhaps never confirmed), is dated; an order is placed. */}
            {t(order.state === 'quotation' || order.state === 'cancelled' ? 'detail.quotedOn' : 'detail.placedOn', {
              date: f.date(order.date),
            })}
          </span>
        }
        actions={
          mayOrder && order.state !== 'cancelled' ? (
            <>
              {order.quotation === 'ready' && !readOnly ? (
                <ConfirmQuotationForm
                  orderId={order.id}
                  version={order.version}
                  words={{
                    button: t('detail.confirm'),
                    formLabel: t('detail.confirmLabel', { number: order.number }),
                    dialogTitle: t('detail.confirmTitle', { number: order.number }),
                    dialogDescription: t('detail.confirmDescription', {
                      number: order.number,
                      total: f.money(order.total, order.currency),
                    }),
                    dialogConfirm: t('detail.confirmAction'),
                    confirmed: t('detail.confirmedToast', { number: order.number }),
                  }}
                />
              ) : null}
              <ButtonLink href={`/orders/new?from=${order.id}`}>{t('detail.orderAgain')}</ButtonLink>
            </>
          ) : null
        }
      />
      {order.quotation && !placed ? <QuotationNotice order={order} mayOrder={mayOrder} readOnly={readOnly} /> : null}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <Card title={t('detail.details')}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-700">{t('detail.yourPo')}</dt>
            <dd>{order.poReference ?? '—'}</dd>
            <dt className="text-slate-700">{t('detail.requestedFor')}</dt>
            <dd>{f.date(order.requestedDate)}</dd>
            {order.state === 'quotation' ? (
              <>
                <dt className="text-slate-700">{t('detail.validUntil')}</dt>
                <dd>{f.date(order.validUntil)}</dd>
              </>
            ) : null}
            <dt className="text-slate-700">{t('detail.paymentTerms')}</dt>
            <dd>{order.paymentTerms ?? '—'}</dd>
            <dt className="text-slate-700">{t('detail.yourContact')}</dt>
            <dd>{order.salesperson ?? '—'}</dd>
          </dl>
        </Card>
        <Card title={t('detail.addresses')}>
          <dl className="text-sm">
            <dt className="text-slate-700">{t('detail.deliveryAddress')}</dt>
            <dd className="mb-2">
              <PostalAddress address={order.shippingAddress} />
            </dd>
            <dt className="text-slate-700">{t('detail.invoiceAddress')}</dt>
            <dd>
              <PostalAddress address={order.invoiceAddress} />
            </dd>
          </dl>
        </Card>
        <AmountsCard untaxed={order.amountUntaxed} tax={order.amountTax} total={order.total} currency={order.currency} />
      </div>
      <Lines order={order} />
      <Timeline order={order} />
    </>
  );
}

/** Where a quotation stands for the customer: theirs to confirm, or why it is not. */
function QuotationNotice({ order, mayOrder, readOnly }: { order: OrderDetail; mayOrder: boolean; readOnly: boolean }) {
  const t = useTranslations('orders.detail');
  const f = useFormat();
  const readyBody = !mayOrder ? t('quotationNoRole') : readOnly ? t('quotationReadOnly') : t('quotationReady');
  const notice =
    order.quotation === 'ready'
      ? { tone: 'info' as const, title: t('quotationReadyTitle'), body: readyBody }
      : order.quotation === 'expired'
        ? { tone: 'warning' as const, body: t('quotationExpired', { date: f.date(order.validUntil) }) }
        : order.quotation === 'needs-payment'
          ? { tone: 'warning' as const, body: t('quotationNeedsPayment') }
          : { tone: 'info' as const, body: t('quotationNotSent') };
  return (
    <div className="mb-4">
      <Alert tone={notice.tone} title={notice.title}>
        {notice.body}
      </Alert>
    </div>
  );
}

/** An address as a letter shows it: the name, then its postal lines. */
function PostalAddress({ address }: { address: OrderAddress | null }) {
  if (!address) return '—';
  return (
    <address className="not-italic">
      {[address.name, ...address.lines].map((line, i) => (
        <span key={i} className="block">
          {line}
        </span>
      ))}
    </address>
  );
}

function Lines({ order }: { order: OrderDetail }) {
  const t = useTranslations('orders');
  const f = useFormat();
  return (
    <section className="mt-6" aria-labelledby="lines-heading">
      <h2 id="lines-heading" className="mb-2 text-lg font-semibold">
        {t('detail.lines')}
      </h2>
      <Table
        caption={t('detail.linesCaption', { number: order.number })}
        columns={lineColumns(order.currency, t, f)}
        rows={order.lines}
        rowKey={(l) => l.id}
        fullRow={(l) => (l.kind === 'product' ? null : { kind: l.kind, content: l.description })}
      />
    </section>
  );
}

function lineColumns(currency: string, t: OrdersT, f: Formatter): Column<OrderLine>[] {
  return [
    // Odoo's line description keeps its own lines (the product, then its sales description).
    {
      id: 'product',
      header: t('detail.columns.product'),
      card: 'title',
      cell: (l) => <span className="whitespace-pre-line">{l.description}</span>,
    },
    { id: 'ordered', header: t('detail.columns.ordered'), align: 'end', cell: (l) => f.quantityWithUnit(l.quantity, l.unit) },
    { id: 'delivered', header: t('detail.columns.delivered'), align: 'end', cell: (l) => f.quantity(l.delivered) },
    { id: 'invoiced', header: t('detail.columns.invoiced'), align: 'end', cell: (l) => f.quantity(l.invoiced) },
    {
      id: 'price',
      header: t('detail.columns.unitPrice'),
      amount: true,
      cell: (l) => (
        <>
          {f.money(l.priceUnit, currency)}
          {l.discount ? <span className="block text-xs text-slate-700">{t('detail.discount', { discount: l.discount })}</span> : null}
        </>
      ),
    },
    { id: 'subtotal', header: t('detail.columns.subtotal'), amount: true, strong: true, cell: (l) => f.money(l.subtotal, currency) },
  ];
}

function Timeline({ order }: { order: OrderDetail }) {
  const t = useTranslations('orders');
  const status = useTranslations('status');
  const f = useFormat();
  // An invoice's payment state in the badge's words; a credit note is named as such.
  const invoiceStatus = (state: string) =>
    state === 'credit note' ? t('detail.creditNote') : (statusOf(status, 'payment', state)?.label ?? state).replace('_', ' ');
  return (
    <section className="mt-6" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="mb-2 text-lg font-semibold">
        {t('detail.timeline')}
      </h2>
      {order.timeline.length === 0 ? (
        <p className="text-slate-700">{t('detail.timelineEmpty')}</p>
      ) : (
        <ol className="relative ml-2 border-l-2 border-slate-300">
          {order.timeline.map((e) => (
            <li key={`${e.kind}-${e.id}`} className="mb-4 ml-4">
              <span className="absolute -left-[7px] mt-1.5 h-3 w-3 rounded-full bg-brand-700" aria-hidden="true" />
              <p className="text-sm text-slate-700">{f.date(e.date)}</p>
              <p className="flex flex-wrap items-center gap-2">
                <span>{e.kind === 'delivery' ? t('detail.delivery') : t('detail.invoice')}</span>
                {e.href ? (
                  <Link className="font-semibold text-brand-700 underline" href={e.href}>
                    {e.name}
                  </Link>
                ) : (
                  <span className="font-semibold">{e.name}</span>
                )}
                {e.kind === 'delivery' ? <DeliveryBadge status={e.status} /> : <Badge>{invoiceStatus(e.status)}</Badge>}
                {e.backorderOf ? <span className="text-sm text-slate-700">{t('detail.backorderOf', { name: e.backorderOf })}</span> : null}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
