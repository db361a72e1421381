import 'server-only';
import { portalDb } from '../db/sql';
import { forbidden } from '../errors';
import type { AuditTarget } from '../audit-words';
import type { PortalContext } from '../context';
import { can } from '../roles';
import { auditEventFromRow, type AuditOutcome } from './audit';
import { listSupportSessions, type SupportSession } from './support-sessions';

export interface AccessLogEntry extends SupportSession {
  /** Whether changes were allowed at any time in the session (its mode may have been switched since). */
  changesAllowed: boolean;
  pagesViewed: number;
  /** Files taken away (CSV exports, PDFs, ZIPs), each with its address and filters: listed, not only counted. */
  downloads: { at: string; path: string }[];
  changes: { at: string; action: string; target: AuditTarget | null; outcome: AuditOutcome; detail: Record<string, unknown> | null }[];
}

/**
 * What the customer's admins see: every support session in their account, who, why, for
 * how long, and each change made in it (views are counted; downloads and changes listed).
 */
export async function accessLog(ctx: PortalContext): Promise<AccessLogEntry[]> {
  if (!can(ctx.roles, 'manage-contacts')) throw forbidden('accessLogAdmins');
  const sessions = await listSupportSessions({ tenantId: ctx.tenant.id, limit: 100 });
  if (!sessions.length) return [];
  const db = await portalDb();
  const events = await db.query<Record<string, unknown>>(
    'SELECT * FROM audit_events WHERE tenant_id = $1 AND support_session_id = ANY($2::text[]) ORDER BY id',
    [ctx.tenant.id, sessions.map((s) => s.id)],
  );
  return sessions.map((s) => {
    // Each row read once: a request row is a page viewed or a download, anything else a change.
    const mine = events.filter((e) => e.support_session_id === s.id).map(auditEventFromRow);
    // Only what the staff member saw of this account: not a refused request (whose address may
    // name another customer's record), nor their own support pages.
    const requests = ofTheAccount(
      mine.filter((e) => e.action === 'support.request' && e.outcome === 'success').map((e) => ({ at: e.at, path: pathOf(e.detail) })),
    );
    const downloads = requests.filter((r) => DOWNLOAD.test(r.path));
    // The mode the session had before its first switch is the opposite of what that switch set.
    const switches = mine.filter((e) => e.action === 'support.set-write').map((e) => e.detail?.canWrite === true);
    const startedWithChanges = switches.length ? !switches[0] : s.canWrite;
    return {
      ...s,
      changesAllowed: startedWithChanges || switches.includes(true),
      pagesViewed: requests.length - downloads.length,
      downloads: downloads.map(({ at, path }) => ({ at, path: path.replace(/^GET /, '') })),
      changes: mine
        .filter((e) => e.action !== 'support.request')
        .map(({ at, action, outcome, target, detail }) => ({ at, action, outcome, target, detail })),
    };
  });
}

/** The portal's file downloads (the route.ts files under app/(portal)), as the proxy names a request: method, path and query. */
const DOWNLOAD =
  /^GET \/(orders\/export|invoices\/export|invoices\/bulk|invoices\/\d+\/pdf|statement\/(csv|pdf)|orders\/new\/template)(\?|$)/;
/** Requests made while acting that are not the customer's pages: the staff member's support pages, the portal's data routes. */
const NOT_OF_THE_ACCOUNT = /^[A-Z]+ \/(support|api)(\/|\?|$)/;
/** A delivery's data route (app/api/deliveries/[id]), which the delivery's page polls while the delivery is open. */
const DELIVERY_DATA = /^GET \/api\/deliveries\/(\d+)(\?|$)/;

/**
 * The requests that showed the account's pages and files. A delivery read through its data
 * route is that delivery's page seen, once, unless the page itself was opened in the session
 * (its polls add nothing): a staff member reading deliveries by that route is not left out.
 * The other data routes show no record of the account (the signed-in person, the product
 * search, a country's states).
 */
function ofTheAccount(requests: { at: string; path: string }[]): { at: string; path: string }[] {
  const opened = new Set(requests.map((r) => r.path));
  const seen: { at: string; path: string }[] = [];
  for (const r of requests) {
    const delivery = DELIVERY_DATA.exec(r.path);
    if (delivery) {
      const page = `GET /deliveries/${delivery[1]}`;
      if (!opened.has(page)) seen.push({ at: r.at, path: page });
      opened.add(page);
    } else if (!NOT_OF_THE_ACCOUNT.test(r.path)) seen.push(r);
  }
  return seen;
}
/** The address a request row recorded (lib/portal/audit.ts), or '' when it has none. */
const pathOf = (detail: Record<string, unknown> | null): string => (typeof detail?.path === 'string' ? detail.path : '');
