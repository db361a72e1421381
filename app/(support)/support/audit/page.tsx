import type { Metadata } from 'next';
import { formatDateTime } from '@/lib/format';
import { Badge, EmptyState, PageHeader } from '@/components/ui';
import { listAuditEvents, type AuditEvent } from '@/lib/portal/audit';
import { requireStaff } from '@/lib/session/require-session';

export const metadata: Metadata = { title: 'Audit log' };

/** The contact acted for and the customer (tenant), each with its own id: they are different Odoo records. */
function forWhom(e: AuditEvent) {
  if (!e.actingFor && e.tenantId === null) return '—';
  return (
    <>
      {e.actingFor ? (
        <span className="block">
          {e.actingFor.name} (contact #{e.actingFor.id})
        </span>
      ) : null}
      {e.tenantId !== null ? <span className="block text-xs text-slate-700">customer #{e.tenantId}</span> : null}
    </>
  );
}

export default async function StaffAuditPage() {
  const staff = await requireStaff();
  const admin = staff.roles.has('support-admin');
  // Support admins review everyone's trail; an account manager sees their own.
  const events = await listAuditEvents(admin ? { limit: 200 } : { actorSub: staff.user.sub, limit: 200 });
  return (
    <>
      <PageHeader title="Audit log" description={admin ? 'The latest 200 events of all users.' : 'Your latest 200 events.'} />
      {events.length === 0 ? (
        <EmptyState title="No events yet" />
      ) : (
        <div tabIndex={0} className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Audit events, newest first</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">
                  When
                </th>
                <th scope="col" className="px-3 py-2">
                  Who
                </th>
                <th scope="col" className="px-3 py-2">
                  For
                </th>
                <th scope="col" className="px-3 py-2">
                  Action
                </th>
                <th scope="col" className="px-3 py-2">
                  Target
                </th>
                <th scope="col" className="px-3 py-2">
                  Outcome
                </th>
                <th scope="col" className="px-3 py-2">
                  IP · request
                </th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} className="border-t border-slate-200 align-top">
                  <td className="whitespace-nowrap px-3 py-2">{formatDateTime(e.at)}</td>
                  <td className="px-3 py-2">{e.actor.name}</td>
                  <td className="px-3 py-2">{forWhom(e)}</td>
                  <td className="px-3 py-2">
                    {e.action}
                    {e.detail && 'path' in e.detail ? <span className="block text-xs text-slate-700">{String(e.detail.path)}</span> : null}
                  </td>
                  <td className="px-3 py-2">{e.target ? `${e.target.model} ${e.target.id}` : '—'}</td>
                  <td className="px-3 py-2">
                    <Badge color={e.outcome === 'success' ? 'green' : e.outcome === 'denied' ? 'red' : 'amber'}>{e.outcome}</Badge>
                  </td>
                  <td className="px-3 py-2 text-xs">
                    {e.ip ?? '—'} · {e.requestId?.slice(0, 8) ?? '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
