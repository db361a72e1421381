import { csvResponse, type CsvColumn } from '@/lib/http/csv';
import { withPortalRoute } from '@/lib/http/route';
import { iterateOrders, type OrderRow } from '@/lib/portal/orders';
import { orderListQuery } from '@/lib/schemas/orders';
import { englishStatus } from '@/lib/status-words-en';

const COLUMNS: CsvColumn<OrderRow>[] = [
  { header: 'Order', type: 'text', value: (o) => o.number },
  { header: 'Date', type: 'date', value: (o) => o.date },
  { header: 'Your PO', type: 'text', value: (o) => o.poReference },
  // The words the orders page shows ("Not shipped"), not Odoo's codes ("pending").
  { header: 'Status', type: 'text', value: (o) => englishStatus('order', o.state) },
  { header: 'Delivery', type: 'text', value: (o) => englishStatus('delivery', o.deliveryStatus) },
  { header: 'Requested for', type: 'date', value: (o) => o.requestedDate },
  { header: 'Total', type: 'number', decimals: 2, value: (o) => o.total },
  { header: 'Currency', type: 'text', value: (o) => o.currency },
];

/** The filtered orders list as CSV, streamed in batches of 500 (never the whole list in memory). */
export const GET = withPortalRoute({ query: orderListQuery }, async ({ ctx, query }) =>
  csvResponse(`orders-${new Date().toISOString().slice(0, 10)}.csv`, COLUMNS, iterateOrders(ctx, query)),
);
