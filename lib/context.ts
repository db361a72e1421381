import type { OdooClient } from './odoo';
import type { Locale } from './i18n/locales';
import type { Role } from './roles';

/**
 * The contexts every page, action, route handler and lib/portal function works with. Types
 * (and one predicate over them), in a leaf module: lib/portal names them without importing
 * the session code that builds them (lib/session/require-session.ts), which itself calls
 * lib/portal.
 */

/** What every page, action and route handler works with. The tenant comes from here only. */
export interface PortalContext {
  requestId: string;
  ip: string | null;
  /** The person signed in: the customer's contact, or the staff member while acting. */
  user: SessionUser;
  /** The Odoo contact the request works for. */
  contact: { id: number; name: string };
  tenant: { id: number; name: string };
  roles: ReadonlySet<Role>;
  /** The language of the pages, and (as Odoo's `context.lang`) of what Odoo names: product names. */
  locale: Locale;
  odoo: OdooClient;
  /** Set while an account manager acts for this contact (support session). */
  actingAs?: ActingAs;
}

export interface SessionUser {
  sub: string;
  email: string | null;
  name: string;
}

export interface ActingAs {
  sessionId: string;
  canWrite: boolean;
  expiresAt: string;
  reason: string;
}

/**
 * A read-only support session: the actions that change something refuse (lib/http/action.ts),
 * and the pages leave out the forms and buttons that would only be refused.
 */
export function changesRefused(ctx: PortalContext): boolean {
  return ctx.actingAs !== undefined && !ctx.actingAs.canWrite;
}

export interface StaffContext {
  requestId: string;
  ip: string | null;
  user: SessionUser;
  roles: ReadonlySet<Role>;
  /** Staff have no contact language: the browser's. */
  locale: Locale;
  odooUserId: number | null;
  odoo: OdooClient;
}
