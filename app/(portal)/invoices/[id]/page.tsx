import type { Metadata } from 'next';
import { Link } from '@/components/app-link';
import { ListLink } from '@/components/list-address';
import { listScope } from '@/components/list-scope';
import { deniedNotFound } from '@/lib/http/not-found';
import { getTranslations } from 'next-intl/server';
import type { Formatter } from '@/lib/i18n/format';
import { getFormat } from '@/lib/i18n/server';
import { DeliveryBadge } from '@/components/status';
import { AmountsCard, ButtonLink, Card, PageHeader } from '@/components/ui';
import { getInvoice, type InvoiceLine } from '@/lib/portal/invoices';
import { Table, type Column } from '@/components/table';
import { recordId } from '@/lib/schemas/common';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';
import { PaymentBadge } from '@/components/status';
import { NotForYourRole } from '@/components/not-for-your-role';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('invoices.detail');
  return { title: t('invoice') };
}

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSession();
  const [t, f] = await Promise.all([getTranslations('invoices.detail'), getFormat()]);
  if (!can(ctx.roles, 'see-invoices'))
    return (
      <>
        <PageHeader title={t('invoice')} />
        <NotForYourRole />
      </>
    );
  const id = recordId.safeParse((await params).id);
  if (!id.success) return deniedNotFound();
  const inv = await getInvoice(ctx, id.data);
  if (!inv) return deniedNotFound();
  const title = t('title', { kind: inv.kind, number: inv.number });
  const reversalOf = inv.reversalOf;
  return (
    <>
      <nav aria-label={t('breadcrumb')} className="mb-2 text-sm">
        <ListLink className="underline" path="/invoices" scope={listScope(ctx)}>
          {t('invoices')}
        </ListLink>{' '}
        / {inv.number}
      </nav>
      <PageHeader
        title={title}
        description={<PaymentBadge row={inv} />}
        actions={
          <ButtonLink href={`/invoices/${inv.id}/pdf`} download>
            {t('downloadPdf')}
          </ButtonLink>
        }
      />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <Card title={t('dates')}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-700">{t('date')}</dt>
            <dd>{f.date(inv.date)}</dd>
            <dt className="text-slate-700">{t('due')}</dt>
            <dd>{f.date(inv.dueDate)}</dd>
            <dt className="text-slate-700">{t('paymentReference')}</dt>
            <dd>{inv.paymentReference ?? inv.number}</dd>
            {inv.reference ? (
              <>
                <dt className="text-slate-700">{t('reference')}</dt>
                <dd>{inv.reference}</dd>
              </>
            ) : null}
          </dl>
        </Card>
        <AmountsCard
          untaxed={inv.amountUntaxed}
          tax={inv.amountTax}
          total={inv.total}
          // A credit note is owed to the customer: what is left of it is credit, not an amount due,
          // and "Credit left" says the sign already (its totals stay negative, as on every list).
          due={inv.kind === 'credit' ? Math.abs(inv.residual) : inv.residual}
          dueLabel={inv.kind === 'credit' ? t('creditLeft') : t('amountDue')}
          currency={inv.currency}
        />
        <Card title={t('related')}>
          <ul className="text-sm">
            {inv.orders.map((o) => (
              <li key={`o${o.id}`}>
                {t.rich('order', {
                  name: o.name,
                  link: (chunks) => (
                    <Link className="text-brand-700 underline" href={`/orders/${o.id}`}>
                      {chunks}
                    </Link>
                  ),
                })}
              </li>
            ))}
            {inv.deliveries.map((d) => (
              <li key={`d${d.id}`}>
                {t.rich('delivery', {
                  name: d.name,
                  link: (chunks) => (
                    <Link className="text-brand-700 underline" href={`/deliveries/${d.id}`}>
                      {chunks}
                    </Link>
                  ),
                })}{' '}
                <DeliveryBadge status={d.step} />
              </li>
            ))}
            {reversalOf ? (
              <li>
                {t.rich('creditFor', {
                  name: reversalOf.name,
                  link: (chunks) => (
                    <Link className="text-brand-700 underline" href={`/invoices/${reversalOf.id}`}>
                      {chunks}
                    </Link>
                  ),
                })}
              </li>
            ) : null}
            {!inv.orders.length && !inv.deliveries.length && !reversalOf ? (
              <li>{inv.origin ? t('origin', { origin: inv.origin }) : t('noRelated')}</li>
            ) : null}
          </ul>
        </Card>
      </div>
      <section className="mt-6" aria-labelledby="lines-heading">
        <h2 id="lines-heading" className="mb-2 text-lg font-semibold">
          {t('lines')}
        </h2>
        {inv.lines.length === 0 ? (
          <p className="text-slate-700">{t('linesInPdf')}</p>
        ) : (
          <Table
            caption={t('linesCaption', { title })}
            columns={lineColumns(inv.currency, t, f)}
            rows={inv.lines}
            rowKey={(l) => l.id}
            fullRow={(l) => (l.kind === 'product' ? null : { kind: l.kind, content: l.description })}
          />
        )}
      </section>
    </>
  );
}

function lineColumns(
  currency: string,
  t: Awaited<ReturnType<typeof getTranslations<'invoices.detail'>>>,
  f: Formatter,
): Column<InvoiceLine>[] {
  return [
    { id: 'description', header: t('description'), card: 'title', cell: (l) => l.description },
    { id: 'quantity', header: t('quantity'), align: 'end', cell: (l) => f.quantity(l.quantity) },
    {
      id: 'price',
      header: t('unitPrice'),
      amount: true,
      cell: (l) => (
        <>
          {f.money(l.priceUnit, currency)}
          {l.discount ? <span className="block text-xs">{t('discount', { discount: l.discount })}</span> : null}
        </>
      ),
    },
    { id: 'taxes', header: t('taxes'), cell: (l) => l.taxes.join(', ') || '—' },
    { id: 'subtotal', header: t('subtotal'), amount: true, cell: (l) => f.money(l.subtotal, currency) },
    { id: 'total', header: t('total'), amount: true, strong: true, cell: (l) => f.money(l.total, currency) },
  ];
}
