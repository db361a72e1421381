import type { Metadata } from 'next';
import { Link } from '@/components/app-link';
import { deniedNotFound } from '@/lib/http/not-found';
import { formatDate, formatMoney, formatQuantity } from '@/lib/format';
import { DeliveryBadge } from '@/components/status';
import { AmountsCard, ButtonLink, Card, PageHeader } from '@/components/ui';
import { getInvoice, type InvoiceLine } from '@/lib/portal/invoices';
import { Table, type Column } from '@/components/table';
import { recordId } from '@/lib/schemas/common';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';
import { PaymentBadge } from '@/components/status';
import { NotForYourRole } from '@/components/not-for-your-role';

export const metadata: Metadata = { title: 'Invoice' };

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSession();
  if (!can(ctx.roles, 'see-invoices'))
    return (
      <>
        <PageHeader title="Invoice" />
        <NotForYourRole />
      </>
    );
  const id = recordId.safeParse((await params).id);
  if (!id.success) return deniedNotFound();
  const inv = await getInvoice(ctx, id.data);
  if (!inv) return deniedNotFound();
  const title = `${inv.kind === 'credit' ? 'Credit note' : 'Invoice'} ${inv.number}`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link className="underline" href="/invoices">
          Invoices
        </Link>{' '}
        / {inv.number}
      </nav>
      <PageHeader
        title={title}
        description={<PaymentBadge row={inv} />}
        actions={
          <ButtonLink href={`/invoices/${inv.id}/pdf`} download>
            Download PDF
          </ButtonLink>
        }
      />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <Card title="Dates">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-700">Date</dt>
            <dd>{formatDate(inv.date)}</dd>
            <dt className="text-slate-700">Due</dt>
            <dd>{formatDate(inv.dueDate)}</dd>
            <dt className="text-slate-700">Payment reference</dt>
            <dd>{inv.paymentReference ?? inv.number}</dd>
            {inv.reference ? (
              <>
                <dt className="text-slate-700">Reference</dt>
                <dd>{inv.reference}</dd>
              </>
            ) : null}
          </dl>
        </Card>
        <AmountsCard
          untaxed={inv.amountUntaxed}
          tax={inv.amountTax}
          total={inv.total}
          due={inv.residual}
          // A credit note is owed to the customer: what is left of it is credit, not an amount due.
          dueLabel={inv.kind === 'credit' ? 'Credit left' : 'Amount due'}
          currency={inv.currency}
        />
        <Card title="Related">
          <ul className="text-sm">
            {inv.orders.map((o) => (
              <li key={`o${o.id}`}>
                Order{' '}
                <Link className="text-brand-700 underline" href={`/orders/${o.id}`}>
                  {o.name}
                </Link>
              </li>
            ))}
            {inv.deliveries.map((d) => (
              <li key={`d${d.id}`}>
                Delivery{' '}
                <Link className="text-brand-700 underline" href={`/deliveries/${d.id}`}>
                  {d.name}
                </Link>{' '}
                <DeliveryBadge status={d.step} />
              </li>
            ))}
            {inv.reversalOf ? (
              <li>
                Credit for{' '}
                <Link className="text-brand-700 underline" href={`/invoices/${inv.reversalOf.id}`}>
                  {inv.reversalOf.name}
                </Link>
              </li>
            ) : null}
            {!inv.orders.length && !inv.deliveries.length && !inv.reversalOf ? (
              <li>{inv.origin ? `Origin ${inv.origin}` : 'No related documents.'}</li>
            ) : null}
          </ul>
        </Card>
      </div>
      <section className="mt-6" aria-labelledby="lines-heading">
        <h2 id="lines-heading" className="mb-2 text-lg font-semibold">
          Lines
        </h2>
        {inv.lines.length === 0 ? (
          <p className="text-slate-700">The PDF holds the details of this document.</p>
        ) : (
          <Table
            caption={`Lines of ${title}`}
            columns={lineColumns(inv.currency)}
            rows={inv.lines}
            rowKey={(l) => l.id}
            fullRow={(l) => (l.kind === 'product' ? null : { kind: l.kind, content: l.description })}
          />
        )}
      </section>
    </>
  );
}

function lineColumns(currency: string): Column<InvoiceLine>[] {
  return [
    { id: 'description', header: 'Description', card: 'title', cell: (l) => l.description },
    { id: 'quantity', header: 'Quantity', align: 'end', cell: (l) => formatQuantity(l.quantity) },
    {
      id: 'price',
      header: 'Unit price',
      amount: true,
      cell: (l) => (
        <>
          {formatMoney(l.priceUnit, currency)}
          {l.discount ? <span className="block text-xs">−{l.discount}%</span> : null}
        </>
      ),
    },
    { id: 'taxes', header: 'Taxes', cell: (l) => l.taxes.join(', ') || '—' },
    { id: 'subtotal', header: 'Subtotal', amount: true, cell: (l) => formatMoney(l.subtotal, currency) },
    { id: 'total', header: 'Total', amount: true, strong: true, cell: (l) => formatMoney(l.total, currency) },
  ];
}
