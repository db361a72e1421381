import Papa from 'papaparse';
import { withPortalRoute } from '@/lib/http/route';
import { iterateOrders } from '@/lib/portal/orders';
import { orderListQuery } from '@/lib/schemas/orders';

const HEADER = ['Order', 'Date', 'Your PO', 'Status', 'Delivery', 'Requested for', 'Total', 'Currency'];

/** The filtered orders list as CSV, streamed in batches of 500 (never the whole list in memory). */
export const GET = withPortalRoute({ query: orderListQuery }, async ({ ctx, query }) => {
  const batches = iterateOrders(ctx, query);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${Papa.unparse([HEADER])}\r\n`));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) return controller.close();
      const rows = next.value.map((o) => [o.number, o.date?.slice(0, 10) ?? '', o.poReference ?? '', o.state, o.deliveryStatus ?? '', o.requestedDate?.slice(0, 10) ?? '', o.total.toFixed(2), o.currency]);
      controller.enqueue(encoder.encode(`${Papa.unparse(rows, { escapeFormulae: true })}\r\n`));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  return new Response(stream, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="orders-${new Date().toISOString().slice(0, 10)}.csv"`, 'Cache-Control': 'no-store' },
  });
});
