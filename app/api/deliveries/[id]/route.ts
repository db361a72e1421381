import { z } from 'zod';
import { notFound } from '@/lib/errors';
import { withPortalRoute } from '@/lib/http/route';
import { getDelivery } from '@/lib/portal/deliveries';
import { recordId } from '@/lib/schemas/common';

/** One delivery as JSON: what the delivery page polls while it is open. */
export const GET = withPortalRoute({ params: z.object({ id: recordId }) }, async ({ ctx, params }) => {
  const delivery = await getDelivery(ctx, params.id);
  if (!delivery) throw notFound('deliveryNotFound');
  return delivery;
});
