import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Link } from '@/components/app-link';
import { ListResults } from '@/components/list-frame';
import { Badge, buttonClass, EmptyState, inputClass, labelClass, PageHeader } from '@/components/ui';
import { InvalidFilters } from '@/components/invalid-filters';
import { AUDIT_ACTIONS, auditActionLabel, auditOutcomeLabel, auditTargetLabel } from '@/lib/audit-words';
import { getFormat } from '@/lib/i18n/server';
import { parseSearchParams, type SearchParams } from '@/lib/http/search-params';
import { countAuditEvents, listAuditActors, listAuditEvents, type AuditEvent, type AuditFilter } from '@/lib/portal/audit';
import { auditListQuery } from '@/lib/schemas/audit';
import { requireStaff } from '@/lib/session/require-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('support.audit');
  return { title: t('title') };
}

type Translate = Awaited<ReturnType<typeof getTranslations<'support.audit'>>>;

const PAGE_SIZE = 50;

/** The contact acted for and the customer (tenant): different Odoo records, so both are named. */
function forWhom(e: AuditEvent, t: Translate) {
  if (!e.actingFor && e.tenantId === null) return null;
  return (
    <>
      {e.actingFor ? t('actingFor', { name: e.actingFor.name, id: e.actingFor.id }) : null}
      {e.actingFor && e.tenantId !== null ? ', ' : null}
      {e.tenantId === null
        ? null
        : e.tenantName
          ? t('tenantNamed', { name: e.tenantName, id: e.tenantId })
          : t('tenant', { id: e.tenantId })}
    </>
  );
}

export default async function StaffAuditPage({ searchParams }: { searchParams: SearchParams }) {
  const staff = await requireStaff();
  const [t, words, f] = await Promise.all([getTranslations('support.audit'), getTranslations('support.auditWords'), getFormat()]);
  const admin = staff.roles.has('support-admin');
  const parsed = await parseSearchParams(auditListQuery, searchParams);
  if (!parsed.ok)
    return <InvalidFilters title={t('title')} message={parsed.message} resetHref="/support/audit" resetLabel={t('showLatest')} />;
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
      <PageHeader title={t('title')} description={admin ? t('everyone') : t('yours')} />
      <form
        method="get"
        aria-label={t('filterLabel')}
        className="mb-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6"
      >
        {admin ? (
          <div>
            <label htmlFor="person" className={labelClass}>
              {t('person')}
            </label>
            <select id="person" name="person" defaultValue={q.person ?? ''} className={inputClass}>
              <option value="">{t('everyonePerson')}</option>
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
            {t('customer')}
          </label>
          <input id="customer" name="customer" inputMode="numeric" defaultValue={q.customer ?? ''} className={inputClass} />
        </div>
        <div>
          <label htmlFor="action" className={labelClass}>
            {t('action')}
          </label>
          <select id="action" name="action" defaultValue={q.action ?? ''} className={inputClass}>
            <option value="">{t('anyAction')}</option>
            {Object.entries(AUDIT_ACTIONS).map(([code, word]) => (
              <option key={code} value={code}>
                {words(`actions.${word}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="from" className={labelClass}>
            {t('from')}
          </label>
          <input id="from" name="from" type="date" defaultValue={q.from ?? ''} className={inputClass} />
        </div>
        <div>
          <label htmlFor="to" className={labelClass}>
            {t('to')}
          </label>
          <input id="to" name="to" type="date" defaultValue={q.to ?? ''} className={inputClass} />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass}>
            {t('filter')}
          </button>
          {filtered ? (
            <Link className="px-2 py-2 text-sm underline" href="/support/audit">
              {t('clear')}
            </Link>
          ) : null}
        </div>
      </form>
      <ListResults
        empty={events.length === 0 ? <EmptyState title={filtered ? t('noMatch') : t('none')} /> : null}
        pages={{
          basePath: '/support/audit',
          params: parsed.raw,
          page: q.page,
          pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
          total,
          noun: 'event',
        }}
      >
        <ul aria-label={t('events')} className="flex flex-col gap-2">
          {events.map((e) => (
            // Names and addresses come from customers and may be one long word: they wrap anywhere.
            <li key={e.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm wrap-anywhere">
              <p className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="min-w-0 font-semibold">
                  {e.actor.name} · {auditActionLabel(words, e)}
                  {e.target ? ` · ${auditTargetLabel(words, e.target, e.action)}` : ''}
                </span>
                <Badge color={e.outcome === 'success' ? 'green' : e.outcome === 'denied' ? 'red' : 'amber'}>
                  {auditOutcomeLabel(words, e.outcome)}
                </Badge>
              </p>
              <p className="text-slate-700">
                {f.dateTime(e.at)}
                {forWhom(e, t) ? <> · {forWhom(e, t)}</> : null}
                {e.detail && typeof e.detail.path === 'string' ? <> · {e.detail.path}</> : null}
              </p>
              <p className="text-xs text-slate-700">
                {t('origin', { ip: e.ip ?? t('unknownAddress'), request: e.requestId?.slice(0, 8) ?? '—' })}
              </p>
            </li>
          ))}
        </ul>
      </ListResults>
    </>
  );
}
