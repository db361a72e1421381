import { withPortalRoute } from '@/lib/http/route';
import { QUICK_ORDER_TEMPLATE } from '@/lib/portal/quick-order';

export const GET = withPortalRoute(
  { permission: 'order' },
  async () =>
    new Response(QUICK_ORDER_TEMPLATE, {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="quick-order-template.csv"' },
    }),
);
