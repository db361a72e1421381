import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { randomUUID } from 'node:crypto';
import { Link } from '@/components/app-link';
import { deniedNotFound } from '@/lib/http/not-found';
import { Alert, PageHeader } from '@/components/ui';
import { listAddresses } from '@/lib/portal/account';
import { exampleSkus } from '@/lib/portal/quick-order-template';
import { examplePlaceholder } from '@/lib/portal/quick-order';
import { priceCart, reorderRequest } from '@/lib/portal/cart';
import { recordId } from '@/lib/schemas/common';
import { requireSession } from '@/lib/session/require-session';
import { changesRefused } from '@/lib/context';
import { ReadOnlyNotice } from '@/components/read-only-notice';
import { can } from '@/lib/roles';
import { defaultAddressId } from '@/lib/default-address';
import { OrderReviewForm } from './order-review-form';
import { QuickOrderForm } from './quick-order-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('quickOrder');
  return { title: t('newOrderTitle') };
}

export default async function NewOrderPage({ searchParams }: { searchParams: Promise<{ from?: string | string[] }> }) {
  const ctx = await requireSession();
  const [t, tOrders] = await Promise.all([getTranslations('quickOrder'), getTranslations('orders')]);
  if (!can(ctx.roles, 'order')) {
    return (
      <>
        <PageHeader title={t('newOrderTitle')} />
        <Alert tone="error" title={t('notAllowedTitle')}>
          {t('notAllowedBody')}
        </Alert>
      </>
    );
  }
  const { from } = await searchParams;
  // A read-only support session checks and prices orders; it does not place them.
  const readOnly = changesRefused(ctx);
  const today = new Date().toISOString().slice(0, 10);
  // A new key per render: each review screen is one order, however often it is submitted.
  const idempotencyKey = randomUUID();
  const addressOption = (a: { id: number; name: string; lines: string[]; isCompany: boolean }) => ({
    id: a.id,
    label: `${a.isCompany ? t('companyAddress') : a.name} — ${a.lines.join(', ')}`,
  });

  if (from === undefined) {
    const [addresses, examples] = await Promise.all([listAddresses(ctx), exampleSkus(ctx)]);
    return (
      <>
        <PageHeader title={t('title')} description={t('description')} />
        {readOnly ? <ReadOnlyNotice /> : null}
        <QuickOrderForm
          readOnly={readOnly}
          addresses={addresses.map(addressOption)}
          idempotencyKey={idempotencyKey}
          today={today}
          placeholder={examplePlaceholder(examples)}
        />
      </>
    );
  }

  const id = recordId.safeParse(from);
  if (!id.success) return deniedNotFound();
  const [source, addresses] = await Promise.all([reorderRequest(ctx, id.data), listAddresses(ctx)]);
  if (!source) return deniedNotFound();
  const cart = await priceCart(ctx, source.requests);
  const unsellable = cart.lines.filter((l) => !l.sellable).length;
  return (
    <>
      <nav aria-label={tOrders('detail.breadcrumb')} className="mb-2 text-sm">
        <Link className="underline" href="/orders">
          {tOrders('list.title')}
        </Link>{' '}
        /{' '}
        <Link className="underline" href={`/orders/${id.data}`}>
          {source.orderName}
        </Link>{' '}
        / {tOrders('reorder.breadcrumb')}
      </nav>
      <PageHeader title={tOrders('reorder.heading', { number: source.orderName })} description={tOrders('reorder.description')} />
      {readOnly ? <ReadOnlyNotice /> : null}
      {unsellable ? (
        <div className="mb-4">
          <Alert tone="warning">{tOrders('reorder.unsellable', { count: unsellable })}</Alert>
        </div>
      ) : null}
      {cart.lines.some((l) => l.sellable) ? (
        <OrderReviewForm
          readOnly={readOnly}
          initialCart={cart}
          addresses={addresses.map(addressOption)}
          defaultAddressId={defaultAddressId(addresses, source.shippingAddressId)}
          idempotencyKey={idempotencyKey}
          today={today}
        />
      ) : (
        <Alert tone="error">{tOrders('reorder.nothingOrderable')}</Alert>
      )}
    </>
  );
}
