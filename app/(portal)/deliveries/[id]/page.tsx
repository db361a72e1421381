import type { Metadata } from 'next';
import { Link } from '@/components/app-link';
import { deniedNotFound } from '@/lib/http/not-found';
import { PageHeader } from '@/components/ui';
import { portalConfig } from '@/lib/config';
import { getDelivery } from '@/lib/portal/deliveries';
import { recordId } from '@/lib/schemas/common';
import { requireSession } from '@/lib/session/require-session';
import { DeliveryLive } from './delivery-live';

export const metadata: Metadata = { title: 'Delivery' };

export default async function DeliveryPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSession();
  const id = recordId.safeParse((await params).id);
  if (!id.success) return deniedNotFound();
  const delivery = await getDelivery(ctx, id.data);
  if (!delivery) return deniedNotFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link className="underline" href="/deliveries">
          Deliveries
        </Link>{' '}
        / {delivery.name}
      </nav>
      <PageHeader title={`Delivery ${delivery.name}`} />
      <DeliveryLive initial={delivery} refreshSeconds={portalConfig().DELIVERY_REFRESH_SECONDS} />
    </>
  );
}
