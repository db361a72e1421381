import { withPortalRoute } from '@/lib/http/route';
import { quickOrderTemplateFor } from '@/lib/portal/quick-order-template';

export const GET = withPortalRoute(
  { permission: 'order' },
  async ({ ctx }) =>
    new Response(await quickOrderTemplateFor(ctx), {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="quick-order-template.csv"' },
    }),
);
