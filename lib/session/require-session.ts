import 'server-only';
import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { auth } from '@/auth';
import { portalConfig } from '../config';
import { OdooCallLog, odooGateway, type OdooClient } from '../odoo';
import { IdentityResolver, type Identity, type SessionClaims } from './identity';
import type { Role } from './roles';

/** What every page, action and route handler works with. The tenant comes from here only. */
export interface PortalContext {
  requestId: string;
  user: { sub: string; email: string | null; name: string };
  contact: { id: number; name: string };
  tenant: { id: number; name: string };
  roles: ReadonlySet<Role>;
  odoo: OdooClient;
}

export interface StaffContext {
  requestId: string;
  user: { sub: string; email: string | null; name: string };
  roles: ReadonlySet<Role>;
  odooUserId: number | null;
  odoo: OdooClient;
}

export type SessionState =
  | { status: 'anonymous' }
  | { status: 'unlinked'; identity: Identity }
  | { status: 'customer'; ctx: PortalContext }
  | { status: 'staff'; ctx: StaffContext };

let resolver: IdentityResolver | undefined;
function identityResolver() {
  const c = portalConfig();
  resolver ??= new IdentityResolver({ mapping: c.PORTAL_PARTNER_MAPPING, roleGroups: c.PORTAL_ROLE_GROUPS, ttlSeconds: c.PORTAL_MAPPING_TTL_SECONDS });
  return resolver;
}

/** The session of this request, resolved once per request (React cache). Never redirects. */
export const loadSession = cache(async (): Promise<SessionState> => {
  const session = await auth();
  const claims = session?.claims as SessionClaims | undefined;
  if (!claims?.sub) return { status: 'anonymous' };
  const requestId = (await headers()).get('x-request-id') ?? randomUUID();
  const odoo = odooGateway().client(new OdooCallLog(requestId));
  const identity = await identityResolver().resolve(odoo, claims);
  const user = { sub: claims.sub, email: claims.email ?? null, name: claims.name ?? claims.email ?? claims.sub };
  if (identity.kind === 'staff') {
    return { status: 'staff', ctx: { requestId, user, roles: new Set(identity.roles), odooUserId: identity.odooUserId, odoo } };
  }
  if (identity.kind !== 'customer') return { status: 'unlinked', identity };
  return {
    status: 'customer',
    ctx: { requestId, user, contact: { id: identity.contact.id, name: identity.contact.name }, tenant: identity.tenant, roles: new Set(identity.roles), odoo },
  };
});

/** For customer pages and actions: the context, or a redirect to sign-in / not-linked / support. */
export async function requireSession(): Promise<PortalContext> {
  const state = await loadSession();
  if (state.status === 'anonymous') redirect('/signin');
  if (state.status === 'unlinked') redirect('/not-linked');
  if (state.status === 'staff') redirect('/support');
  return state.ctx;
}

/** For staff pages and actions. */
export async function requireStaff(): Promise<StaffContext> {
  const state = await loadSession();
  if (state.status === 'anonymous') redirect('/signin');
  if (state.status !== 'staff') redirect('/');
  return state.ctx;
}
