import type { Metadata } from 'next';
import { randomUUID } from 'node:crypto';
import { Link } from '@/components/app-link';
import { deniedNotFound } from '@/lib/http/not-found';
import { Alert, PageHeader } from '@/components/ui';
import { listAddresses } from '@/lib/portal/account';
import { priceCart, reorderRequest } from '@/lib/portal/cart';
import { recordId } from '@/lib/schemas/common';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';
import { defaultAddressId } from '@/lib/default-address';
import { OrderReviewForm } from './order-review-form';
import { QuickOrderForm } from './quick-order-form';

export const metadata: Metadata = { title: 'New order' };

export default async function NewOrderPage({ searchParams }: { searchParams: Promise<{ from?: string | string[] }> }) {
  const ctx = await requireSession();
  if (!can(ctx.roles, 'order')) {
    return (
      <>
        <PageHeader title="New order" />
        <Alert tone="error" title="Your role does not allow ordering">
          Ask a buyer or an admin of your company to place the order.
        </Alert>
      </>
    );
  }
  const { from } = await searchParams;
  const today = new Date().toISOString().slice(0, 10);
  // A new key per render: each review screen is one order, however often it is submitted.
  const idempotencyKey = randomUUID();

  if (from === undefined) {
    const addresses = await listAddresses(ctx);
    return (
      <>
        <PageHeader
          title="Quick order"
          description="Find products by SKU or name, paste SKUs and quantities, or load a CSV file. You review prices before anything is ordered."
        />
        <QuickOrderForm addresses={addresses.map(addressOption)} idempotencyKey={idempotencyKey} today={today} />
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
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link className="underline" href="/orders">
          Orders
        </Link>{' '}
        /{' '}
        <Link className="underline" href={`/orders/${id.data}`}>
          {source.orderName}
        </Link>{' '}
        / Order again
      </nav>
      <PageHeader
        title={`Order ${source.orderName} again`}
        description="Prices and stock are today’s. Change quantities, then place the order."
      />
      {unsellable ? (
        <div className="mb-4">
          <Alert tone="warning">
            {unsellable} product{unsellable === 1 ? ' is' : 's are'} no longer sold and will not be ordered.
          </Alert>
        </div>
      ) : null}
      {cart.lines.some((l) => l.sellable) ? (
        <OrderReviewForm
          initialCart={cart}
          addresses={addresses.map(addressOption)}
          defaultAddressId={defaultAddressId(addresses, source.shippingAddressId)}
          idempotencyKey={idempotencyKey}
          today={today}
        />
      ) : (
        <Alert tone="error">None of the products of this order can be ordered any more.</Alert>
      )}
    </>
  );
}

function addressOption(a: { id: number; name: string; lines: string[]; isCompany: boolean }) {
  return { id: a.id, label: `${a.isCompany ? 'Company address' : a.name} — ${a.lines.join(', ')}` };
}
