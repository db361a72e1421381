import type { Metadata } from 'next';
import { Link } from '@/components/app-link';
import { deniedNotFound } from '@/lib/http/not-found';
import { formatDate, formatMoney, formatQuantity, formatQuantityWithUnit } from '@/lib/format';
import { DeliveryBadge, OrderStateBadge } from '@/components/status';
import { Alert, AmountsCard, Badge, ButtonLink, Card, PageHeader } from '@/components/ui';
import { getOrder, type OrderDetail, type OrderLine } from '@/lib/portal/orders';
import { Table, type Column } from '@/components/table';
import { recordId } from '@/lib/schemas/common';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';

export const metadata: Metadata = { title: 'Order' };

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
  return (
    <>
      {placed ? (
        <div className="mb-4">
          <Alert tone="success" title={`Order ${order.number} was placed`}>
            We sent it to our team{order.state === 'quotation' ? ' as a quotation to confirm' : ''}. You can follow it here.
          </Alert>
        </div>
      ) : null}
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link className="underline" href="/orders">
          Orders
        </Link>{' '}
        / {order.number}
      </nav>
      <PageHeader
        title={`Order ${order.number}`}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <OrderStateBadge state={order.state} /> <DeliveryBadge status={order.deliveryStatus} /> placed {formatDate(order.date)}
          </span>
        }
        actions={
          can(ctx.roles, 'order') && order.state !== 'cancelled' ? (
            <ButtonLink href={`/orders/new?from=${order.id}`}>Order again</ButtonLink>
          ) : null
        }
      />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <Card title="Details">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-700">Your PO</dt>
            <dd>{order.poReference ?? '—'}</dd>
            <dt className="text-slate-700">Requested for</dt>
            <dd>{formatDate(order.requestedDate)}</dd>
            {order.state === 'quotation' ? (
              <>
                <dt className="text-slate-700">Valid until</dt>
                <dd>{formatDate(order.validUntil)}</dd>
              </>
            ) : null}
            <dt className="text-slate-700">Payment terms</dt>
            <dd>{order.paymentTerms ?? '—'}</dd>
            <dt className="text-slate-700">Your contact</dt>
            <dd>{order.salesperson ?? '—'}</dd>
          </dl>
        </Card>
        <Card title="Addresses">
          <dl className="text-sm">
            <dt className="text-slate-700">Delivery</dt>
            <dd className="mb-2">{order.shippingAddress ?? '—'}</dd>
            <dt className="text-slate-700">Invoice</dt>
            <dd>{order.invoiceAddress ?? '—'}</dd>
          </dl>
        </Card>
        <AmountsCard untaxed={order.amountUntaxed} tax={order.amountTax} total={order.total} currency={order.currency} />
      </div>
      <Lines order={order} />
      <Timeline order={order} />
    </>
  );
}

function Lines({ order }: { order: OrderDetail }) {
  return (
    <section className="mt-6" aria-labelledby="lines-heading">
      <h2 id="lines-heading" className="mb-2 text-lg font-semibold">
        Lines
      </h2>
      <Table
        caption={`Lines of order ${order.number}: ordered, delivered and invoiced quantities`}
        columns={lineColumns(order.currency)}
        rows={order.lines}
        rowKey={(l) => l.id}
        fullRow={(l) => (l.kind === 'product' ? null : { kind: l.kind, content: l.description })}
      />
    </section>
  );
}

function lineColumns(currency: string): Column<OrderLine>[] {
  return [
    { id: 'product', header: 'Product', card: 'title', cell: (l) => l.description },
    { id: 'ordered', header: 'Ordered', align: 'end', cell: (l) => formatQuantityWithUnit(l.quantity, l.unit) },
    { id: 'delivered', header: 'Delivered', align: 'end', cell: (l) => formatQuantity(l.delivered) },
    { id: 'invoiced', header: 'Invoiced', align: 'end', cell: (l) => formatQuantity(l.invoiced) },
    {
      id: 'price',
      header: 'Unit price',
      amount: true,
      cell: (l) => (
        <>
          {formatMoney(l.priceUnit, currency)}
          {l.discount ? <span className="block text-xs text-slate-700">−{l.discount}%</span> : null}
        </>
      ),
    },
    { id: 'subtotal', header: 'Subtotal', amount: true, strong: true, cell: (l) => formatMoney(l.subtotal, currency) },
  ];
}

function Timeline({ order }: { order: OrderDetail }) {
  return (
    <section className="mt-6" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="mb-2 text-lg font-semibold">
        Deliveries and invoices
      </h2>
      {order.timeline.length === 0 ? (
        <p className="text-slate-700">Nothing shipped or invoiced yet.</p>
      ) : (
        <ol className="relative ml-2 border-l-2 border-slate-300">
          {order.timeline.map((e) => (
            <li key={`${e.kind}-${e.id}`} className="mb-4 ml-4">
              <span className="absolute -left-[7px] mt-1.5 h-3 w-3 rounded-full bg-brand-700" aria-hidden="true" />
              <p className="text-sm text-slate-700">{formatDate(e.date)}</p>
              <p className="flex flex-wrap items-center gap-2">
                <span>{e.kind === 'delivery' ? 'Delivery' : 'Invoice'}</span>
                {e.href ? (
                  <Link className="font-semibold text-brand-700 underline" href={e.href}>
                    {e.name}
                  </Link>
                ) : (
                  <span className="font-semibold">{e.name}</span>
                )}
                {e.kind === 'delivery' ? <DeliveryBadge status={e.status} /> : <Badge>{e.status.replace('_', ' ')}</Badge>}
                {e.backorderOf ? <span className="text-sm text-slate-700">backorder of {e.backorderOf}</span> : null}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
