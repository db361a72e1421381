import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ListLink } from '@/components/list-address';
import { listScope } from '@/components/list-scope';
import { deniedNotFound } from '@/lib/http/not-found';
import { PageHeader } from '@/components/ui';
import { portalConfig } from '@/lib/config';
import { getDelivery } from '@/lib/portal/deliveries';
import { recordId } from '@/lib/schemas/common';
import { requireSession } from '@/lib/session/require-session';
import { DeliveryLive } from './delivery-live';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('deliveries');
  return { title: t('detail.title') };
}

export default async function DeliveryPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSession();
  const id = recordId.safeParse((await params).id);
  if (!id.success) return deniedNotFound();
  const delivery = await getDelivery(ctx, id.data);
  if (!delivery) return deniedNotFound();
  const t = await getTranslations('deliveries');
  return (
    <>
      <nav aria-label={t('detail.breadcrumb')} className="mb-2 text-sm">
        <ListLink className="underline" path="/deliveries" scope={listScope(ctx)}>
          {t('list.title')}
        </ListLink>{' '}
        / {delivery.name}
      </nav>
      <PageHeader title={t('detail.heading', { name: delivery.name })} />
      <DeliveryLive initial={delivery} refreshSeconds={portalConfig().DELIVERY_REFRESH_SECONDS} />
    </>
  );
}
