import Papa from 'papaparse';
import { withPortalRoute } from '@/lib/http/route';
import { BUCKET_LABEL, statement } from '@/lib/portal/statement';

export const GET = withPortalRoute({ permission: 'see-invoices' }, async ({ ctx }) => {
  const s = await statement(ctx);
  const csv = Papa.unparse({
    fields: ['Number', 'Type', 'Date', 'Due date', 'Days overdue', 'Bucket', 'Open amount', 'Currency'],
    data: s.lines.map((l) => [l.number, l.kind === 'credit' ? 'credit note' : 'invoice', l.date ?? '', l.dueDate ?? '', Math.max(0, l.daysOverdue), BUCKET_LABEL[l.bucket], l.balance.toFixed(2), l.currency]),
  }, { escapeFormulae: true });
  return new Response(`\uFEFF${csv}\r\n`, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="statement-${s.today}.csv"`, 'Cache-Control': 'private, no-store' },
  });
});
