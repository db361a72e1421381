import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/server';
import { Alert, Badge, EmptyState, PageHeader } from '@/components/ui';
import { accessLog } from '@/lib/portal/access-log';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';
import {
  auditActionLabel,
  auditTargetHref,
  auditTargetLabel,
  sessionEndLabel,
  type AuditTarget,
  type AuditTranslate,
} from '@/lib/audit-words';
import { Link } from '@/components/app-link';
import { AccountNav } from '../account-nav';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.accessLog');
  return { title: t('title') };
}

/** The record a change touched, linked to its page in the portal where it has one. */
function TargetLink({ target, action, words }: { target: AuditTarget; action: string; words: AuditTranslate }) {
  const label = auditTargetLabel(words, target, action);
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
  // The audit trail's words are shared with the staff audit log (support catalogue).
  const [t, words, f] = await Promise.all([getTranslations('account'), getTranslations('support.auditWords'), getFormat()]);
  if (!can(ctx.roles, 'manage-contacts')) {
    return (
      <>
        <PageHeader title={t('title')} />
        <AccountNav ctx={ctx} current="access-log" />
        <Alert tone="error">{t('accessLog.adminsOnly')}</Alert>
      </>
    );
  }
  const entries = await accessLog(ctx);
  return (
    <>
      <PageHeader title={t('title')} />
      <AccountNav ctx={ctx} current="access-log" />
      <h2 className="mb-1 text-lg font-semibold">{t('accessLog.heading')}</h2>
      <p className="mb-4 text-sm text-slate-700">{t('accessLog.intro')}</p>
      {entries.length === 0 ? (
        <EmptyState title={t('accessLog.empty')} />
      ) : (
        <ul className="flex flex-col gap-3" aria-label={t('accessLog.sessions')}>
          {entries.map((e) => {
            const end = e.endedAt ?? e.expiresAt;
            const minutes = Math.max(1, Math.round((Date.parse(end) - Date.parse(e.startedAt)) / 60_000));
            return (
              <li key={e.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm wrap-anywhere">
                <p className="font-semibold">
                  {t('accessLog.actedAs', {
                    staff: e.staff.email ? t('accessLog.staffWithEmail', { name: e.staff.name, email: e.staff.email }) : e.staff.name,
                    contact: e.contact.name,
                  })}
                </p>
                <p>
                  {f.dateTime(e.startedAt)} ·{' '}
                  {e.endedAt
                    ? t('accessLog.ended', { minutes, reason: sessionEndLabel(words, e.endReason, 'customer') })
                    : t('accessLog.stillOpen')}{' '}
                  ·{' '}
                  {e.changesAllowed ? (
                    <Badge color="amber">{t('accessLog.changesAllowed')}</Badge>
                  ) : (
                    <Badge>{t('accessLog.readOnly')}</Badge>
                  )}
                </p>
                <p className="mt-1">
                  <span className="text-slate-700">{t('accessLog.reason')}</span> {e.reason}
                </p>
                <p className="mt-1 text-slate-700">{t('accessLog.pagesViewed', { count: e.pagesViewed })}</p>
                {e.downloads.length ? (
                  <>
                    <p className="mt-1 text-slate-700">{t('accessLog.downloads', { count: e.downloads.length })}</p>
                    <ul className="mt-1 list-disc pl-5" aria-label={t('accessLog.downloadsLabel')}>
                      {e.downloads.map((d, i) => (
                        <li key={i} className="break-all">
                          {f.dateTime(d.at)}: <code>{d.path}</code>
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
                {e.changes.length ? (
                  <ul className="mt-1 list-disc pl-5">
                    {e.changes.map((c, i) => (
                      <li key={i}>
                        {f.dateTime(c.at)}: {auditActionLabel(words, c, 'customer')}
                        {c.target ? (
                          <>
                            {' '}
                            <TargetLink target={c.target} action={c.action} words={words} />
                          </>
                        ) : null}
                        {/* A change that went through needs no word; a session's end is the portal refusing the staff member, not the customer's change. */}
                        {c.outcome !== 'success' && c.action !== 'support.end' ? t('accessLog.outcome', { outcome: c.outcome }) : ''}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-slate-700">{t('accessLog.noChanges')}</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
