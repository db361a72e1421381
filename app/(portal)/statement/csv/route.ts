import { csvResponse } from '@/lib/http/csv';
import { withPortalRoute } from '@/lib/http/route';
import { statement, STATEMENT_CSV_COLUMNS } from '@/lib/portal/statement';

export const GET = withPortalRoute({ permission: 'see-invoices' }, async ({ ctx }) => {
  const s = await statement(ctx);
  return csvResponse(`statement-${s.today}.csv`, STATEMENT_CSV_COLUMNS, s.lines);
});
