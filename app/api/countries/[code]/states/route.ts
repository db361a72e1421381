import { z } from 'zod';
import { withPortalRoute } from '@/lib/http/route';
import { listStates } from '@/lib/portal/account';
import { countryCode } from '@/lib/schemas/account';

/**
 * A country's states or provinces for the address form, which asks once a country is
 * chosen: the whole list (about 2,000 in Odoo) would weigh down every address page. Only
 * for those who may manage addresses; an unknown code has none.
 */
export const GET = withPortalRoute({ permission: 'manage-addresses', params: z.object({ code: countryCode }) }, async ({ ctx, params }) =>
  listStates(ctx, params.code),
);
