import 'server-only';
import { randomUUID } from 'node:crypto';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { PortalContext, StaffContext } from '../context';
import { clientIp } from '../http/client-ip';
import { recordActingRequest } from '../portal/audit';
import { requestOdooClient } from '../portal/odoo-client';
import { actingIdentity, endRefusedSupportSession, supportSessionState } from '../portal/support-sessions';
import type { ActingEnd } from '../schemas/support';
import { stillManages } from '../portal/support-customers';
import { localeFromAcceptLanguage } from '../i18n/request-locale';
import { localeFromOdooLang, ODOO_LANG, type Locale } from '../i18n/locales';
import { identityResolver, type Identity } from './identity';
import { signInRevocations } from './revocation';
import { readSessionCookie } from './session-token';

export type SessionState =
  | { status: 'anonymous' }
  | { status: 'unlinked'; identity: Identity }
  /** A customer's contact, or a staff member acting for one (then `staff` is set too). */
  | { status: 'customer'; ctx: PortalContext; staff?: StaffContext }
  /** `actingEnded`: the session's cookie names a support session that has ended since, and why. */
  | { status: 'staff'; ctx: StaffContext; actingEnded?: ActingEnd };

/** The session of this request, resolved once per request (React cache). Never redirects. */
export const loadSession = cache(async (): Promise<SessionState> => {
  const session = await readSessionCookie(await cookies());
  if (session.status !== 'valid') return { status: 'anonymous' };
  // A signed-out sign-in stays signed out, whichever copy of its cookie comes back.
  if (await signInRevocations().isRevoked(session.token.sid)) return { status: 'anonymous' };
  const { claims, acting: actingId } = session.token;
  const h = await headers();
  const requestId = h.get('x-request-id') ?? randomUUID();
  const ip = clientIp(h);
  const odoo = requestOdooClient(requestId);
  const identity = await identityResolver().resolve(odoo, claims);
  const user = { sub: claims.sub, email: claims.email ?? null, name: claims.name ?? claims.email ?? claims.sub };
  if (identity.kind === 'staff') {
    const locale = localeFromAcceptLanguage(h.get('accept-language'));
    const staff: StaffContext = {
      requestId,
      ip,
      user,
      roles: new Set(identity.roles),
      locale,
      odooUserId: identity.odooUserId,
      odoo: odoo.withLang(ODOO_LANG[locale]),
    };
    if (!actingId) return { status: 'staff', ctx: staff };
    const acting = await actingContext(staff, actingId, h.get('x-portal-path'));
    return typeof acting === 'string' ? { status: 'staff', ctx: staff, actingEnded: acting } : { status: 'customer', ctx: acting, staff };
  }
  if (identity.kind !== 'customer') return { status: 'unlinked', identity };
  const locale = localeFromOdooLang(identity.contact.lang);
  return {
    status: 'customer',
    ctx: {
      requestId,
      ip,
      user,
      contact: { id: identity.contact.id, name: identity.contact.name },
      tenant: identity.tenant,
      roles: new Set(identity.roles),
      locale,
      // The contact's own Odoo language (de_CH stays de_CH): Odoo translates as for them.
      odoo: odoo.withLang(identity.contact.lang ?? ODOO_LANG[locale]),
    },
  };
});

/**
 * The customer context of a staff member's open support session, or why it is over: it
 * ended, expired or its customer is no longer theirs (then it is ended here). Every request
 * made while acting is written to the audit trail.
 */
async function actingContext(staff: StaffContext, sessionId: string, path: string | null): Promise<PortalContext | ActingEnd> {
  const state = await supportSessionState(staff.user.sub, sessionId);
  if ('ended' in state) return state.ended;
  const session = state.open;
  const [managed, identity] = await Promise.all([
    stillManages(staff, session.tenant.id),
    actingIdentity(staff, session, (contactId) => identityResolver().resolveContact(staff.odoo, contactId)),
  ]);
  if (!managed) {
    await endRefusedSupportSession(staff, session, 'reassigned', path);
    return 'reassigned';
  }
  // The contact was archived or moved to another company: the session ends, and stays ended.
  if (!identity) {
    await endRefusedSupportSession(staff, session, 'contact-gone', path);
    return 'contact-gone';
  }
  const ctx: PortalContext = {
    requestId: staff.requestId,
    ip: staff.ip,
    user: staff.user,
    // The page speaks the staff member's language; Odoo names things as for them too.
    locale: staff.locale,
    odoo: staff.odoo,
    ...identity,
    roles: new Set(identity.roles),
  };
  await recordActingRequest(ctx, path);
  return ctx;
}

/** For customer pages and actions: the context, or a redirect to sign-in / not-linked / support. */
export async function requireSession(): Promise<PortalContext> {
  const state = await loadSession();
  if (state.status === 'anonymous') redirect('/signin');
  if (state.status === 'unlinked') redirect('/not-linked');
  // A support session that ended under a staff member's feet: their page says why.
  if (state.status === 'staff') redirect(state.actingEnded ? `/support?ended=${state.actingEnded}` : '/support');
  return state.ctx;
}

/** For staff pages and actions (also while acting for a customer). */
export async function requireStaff(): Promise<StaffContext> {
  const state = await loadSession();
  if (state.status === 'anonymous') redirect('/signin');
  if (state.status === 'staff') return state.ctx;
  if (state.status === 'customer' && state.staff) return state.staff;
  redirect('/');
}

/**
 * The language of this request's pages: the customer contact's (Odoo's res.partner.lang),
 * else the browser's. A session that cannot be resolved now (Odoo down) still gets a page
 * in the browser's language, so the error page can speak.
 */
export const requestLocale = cache(async (): Promise<Locale> => {
  try {
    const state = await loadSession();
    if (state.status === 'customer' || state.status === 'staff') return state.ctx.locale;
  } catch {
    // The page itself meets the same failure and shows its error.
  }
  return localeFromAcceptLanguage((await headers()).get('accept-language'));
});

/**
 * Looks the signed-in person up in Odoo again, now, after a change to their own contact
 * (their language): this instance's next page shows it at once; other instances refresh
 * theirs within PORTAL_MAPPING_TTL_SECONDS.
 */
export async function refreshOwnIdentity(ctx: PortalContext): Promise<void> {
  const session = await readSessionCookie(await cookies());
  if (session.status === 'valid') await identityResolver().resolveFresh(ctx.odoo, session.token.claims);
}
