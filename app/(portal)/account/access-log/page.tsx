import type { Metadata } from 'next';
import { formatDateTime } from '@/lib/format';
import { Alert, Badge, EmptyState, PageHeader } from '@/components/ui';
import { accessLog } from '@/lib/portal/access-log';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';
import { AUDIT_OUTCOMES, auditActionLabel, auditTargetHref, auditTargetLabel, sessionEndLabel, type AuditTarget } from '@/lib/audit-words';
import { Link } from '@/components/app-link';
import { AccountNav } from '../account-nav';

export const metadata: Metadata = { title: 'Support access log' };

/** The record a change touched, linked to its page in the portal where it has one. */
function TargetLink({ target, action }: { target: AuditTarget; action: string }) {
  const label = auditTargetLabel(target, action);
  const href = auditTargetHref(target);
  return href ? (
    <Link className="underline" href={href}>
      {label}
    </Link>
  ) : (
    <>{label}</>
  );
}

export default async function AccessLogPage() {
  const ctx = await requireSession();
  if (!can(ctx.roles, 'manage-contacts')) {
    return (
      <>
        <PageHeader title="Account" />
        <AccountNav ctx={ctx} current="access-log" />
        <Alert tone="error">The access log is for your company’s admins.</Alert>
      </>
    );
  }
  const entries = await accessLog(ctx);
  return (
    <>
      <PageHeader title="Account" />
      <AccountNav ctx={ctx} current="access-log" />
      <h2 className="mb-1 text-lg font-semibold">When our support acted in your account</h2>
      <p className="mb-4 text-sm text-slate-700">
        Every session of an account manager or support agent acting as one of your contacts: who, why, for how long, and what changed.
      </p>
      {entries.length === 0 ? (
        <EmptyState title="Nobody from support has acted in your account" />
      ) : (
        <ul className="flex flex-col gap-3" aria-label="Support sessions">
          {entries.map((e) => {
            const end = e.endedAt ?? e.expiresAt;
            const minutes = Math.max(1, Math.round((Date.parse(end) - Date.parse(e.startedAt)) / 60_000));
            return (
              <li key={e.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
                <p className="font-semibold">
                  {e.staff.name}
                  {e.staff.email ? ` (${e.staff.email})` : ''} acted as {e.contact.name}
                </p>
                <p>
                  {formatDateTime(e.startedAt)} ·{' '}
                  {e.endedAt ? `${minutes} min, ended: ${sessionEndLabel(e.endReason, 'customer')}` : 'still open'} ·{' '}
                  {e.canWrite ? <Badge color="amber">changes allowed</Badge> : <Badge>read-only</Badge>}
                </p>
                <p className="mt-1">
                  <span className="text-slate-700">Reason:</span> {e.reason}
                </p>
                <p className="mt-1 text-slate-700">
                  {e.pagesViewed} page{e.pagesViewed === 1 ? '' : 's'} viewed.
                </p>
                {e.changes.length ? (
                  <ul className="mt-1 list-disc pl-5">
                    {e.changes.map((c, i) => (
                      <li key={i}>
                        {formatDateTime(c.at)}: {auditActionLabel(c, 'customer')}
                        {c.target ? (
                          <>
                            {' '}
                            <TargetLink target={c.target} action={c.action} />
                          </>
                        ) : null}
                        {/* A session's end is the portal refusing the staff member, not the customer's change. */}
                        {c.outcome !== 'success' && c.action !== 'support.end' ? ` — ${AUDIT_OUTCOMES[c.outcome].toLowerCase()}` : ''}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-slate-700">No changes.</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
