import type { Metadata } from 'next';
import { Link } from '@/components/app-link';
import { Pagination } from '@/components/pagination';
import { Badge, buttonClass, EmptyState, inputClass, labelClass, PageHeader, InvalidFilters } from '@/components/ui';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, auditActionLabel, auditTargetLabel } from '@/lib/audit-words';
import { formatDateTime } from '@/lib/format';
import { parseSearchParams, type SearchParams } from '@/lib/http/search-params';
import { countAuditEvents, listAuditActors, listAuditEvents, type AuditEvent, type AuditFilter } from '@/lib/portal/audit';
import { auditListQuery } from '@/lib/schemas/audit';
import { requireStaff } from '@/lib/session/require-session';

export const metadata: Metadata = { title: 'Audit log' };

const PAGE_SIZE = 50;

/** The contact acted for and the customer (tenant): different Odoo records, so both are named. */
function forWhom(e: AuditEvent) {
  if (!e.actingFor && e.tenantId === null) return null;
  return (
    <>
      {e.actingFor ? `as ${e.actingFor.name} (contact #${e.actingFor.id})` : null}
      {e.actingFor && e.tenantId !== null ? ', ' : null}
      {e.tenantId !== null ? `customer #${e.tenantId}` : null}
    </>
  );
}

export default async function StaffAuditPage({ searchParams }: { searchParams: SearchParams }) {
  const staff = await requireStaff();
  const admin = staff.roles.has('support-admin');
  const parsed = await parseSearchParams(auditListQuery, searchParams);
  if (!parsed.ok)
    return <InvalidFilters title="Audit log" message={parsed.message} resetHref="/support/audit" resetLabel="Show the latest events" />;
  const q = parsed.query;
  // Support admins review everyone's trail; an account manager sees their own only.
  const own: AuditFilter = admin ? {} : { actorSub: staff.user.sub };
  const filter: AuditFilter = {
    ...(admin && q.person ? { actorSub: q.person } : own),
    tenantId: q.customer,
    action: q.action,
    from: q.from,
    to: q.to,
  };
  const [events, total, people] = await Promise.all([
    listAuditEvents({ ...filter, limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE }),
    countAuditEvents(filter),
    admin ? listAuditActors() : Promise.resolve([]),
  ]);
  const filtered = Boolean(q.person || q.customer || q.action || q.from || q.to);
  return (
    <>
      <PageHeader title="Audit log" description={admin ? 'What everyone did, newest first.' : 'What you did, newest first.'} />
      <form
        method="get"
        aria-label="Filter the audit log"
        className="mb-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6"
      >
        {admin ? (
          <div>
            <label htmlFor="person" className={labelClass}>
              Person
            </label>
            <select id="person" name="person" defaultValue={q.person ?? ''} className={inputClass}>
              <option value="">Everyone</option>
              {people.map((p) => (
                <option key={p.sub} value={p.sub}>
                  {p.name}
                  {p.email ? ` (${p.email})` : ''}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="customer" className={labelClass}>
            Customer id
          </label>
          <input id="customer" name="customer" inputMode="numeric" defaultValue={q.customer ?? ''} className={inputClass} />
        </div>
        <div>
          <label htmlFor="action" className={labelClass}>
            Action
          </label>
          <select id="action" name="action" defaultValue={q.action ?? ''} className={inputClass}>
            <option value="">Any</option>
            {Object.entries(AUDIT_ACTIONS).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="from" className={labelClass}>
            From
          </label>
          <input id="from" name="from" type="date" defaultValue={q.from ?? ''} className={inputClass} />
        </div>
        <div>
          <label htmlFor="to" className={labelClass}>
            To
          </label>
          <input id="to" name="to" type="date" defaultValue={q.to ?? ''} className={inputClass} />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass}>
            Filter
          </button>
          {filtered ? (
            <Link className="px-2 py-2 text-sm underline" href="/support/audit">
              Clear
            </Link>
          ) : null}
        </div>
      </form>
      {events.length === 0 ? (
        <EmptyState title={filtered ? 'No events match these filters' : 'No events yet'} />
      ) : (
        <>
          <ul aria-label="Audit events, newest first" className="flex flex-col gap-2">
            {events.map((e) => (
              <li key={e.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
                <p className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-semibold">
                    {e.actor.name} · {auditActionLabel(e)}
                    {e.target ? ` · ${auditTargetLabel(e.target, e.action)}` : ''}
                  </span>
                  <Badge color={e.outcome === 'success' ? 'green' : e.outcome === 'denied' ? 'red' : 'amber'}>
                    {AUDIT_OUTCOMES[e.outcome]}
                  </Badge>
                </p>
                <p className="text-slate-700">
                  {formatDateTime(e.at)}
                  {forWhom(e) ? <> · {forWhom(e)}</> : null}
                  {e.detail && typeof e.detail.path === 'string' ? <> · {e.detail.path}</> : null}
                </p>
                <p className="text-xs text-slate-700">
                  From {e.ip ?? 'an unknown address'} · request {e.requestId?.slice(0, 8) ?? '—'}
                </p>
              </li>
            ))}
          </ul>
          <Pagination
            basePath="/support/audit"
            params={parsed.raw}
            page={q.page}
            pageCount={Math.max(1, Math.ceil(total / PAGE_SIZE))}
            total={total}
            noun="event"
          />
        </>
      )}
    </>
  );
}
