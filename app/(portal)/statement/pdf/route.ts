import { brand } from '@/lib/brand';
import { withPortalRoute } from '@/lib/http/route';
import { statement } from '@/lib/portal/statement';
import { statementPdf } from '@/lib/portal/statement-pdf';

export const GET = withPortalRoute({ permission: 'see-invoices' }, async ({ ctx }) => {
  const s = await statement(ctx);
  return new Response(statementPdf({ company: ctx.tenant.name, ...s, brand: brand(), locale: ctx.locale }), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="statement-${s.today}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  });
});
