import { withPortalRoute } from '@/lib/http/route';

/** The session's context: who is signed in, for which contact and company, with which roles, and any support session. */
export const GET = withPortalRoute({}, async ({ ctx }) => ({
  user: ctx.user,
  contact: ctx.contact,
  tenant: ctx.tenant,
  roles: [...ctx.roles].sort(),
  actingAs: ctx.actingAs ?? null,
}));
