import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Link } from '@/components/app-link';
import { Alert, EmptyState, PageHeader, buttonClass, inputClass, labelClass } from '@/components/ui';
import { parseSearchParams, type SearchParams } from '@/lib/http/search-params';
import { searchCustomers } from '@/lib/portal/support-customers';
import { customerSearchQuery } from '@/lib/schemas/support';
import { loadSession, requireStaff } from '@/lib/session/require-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('support.customers');
  return { title: t('title') };
}

export default async function SupportHome({ searchParams }: { searchParams: SearchParams }) {
  const staff = await requireStaff();
  const [state, t] = await Promise.all([loadSession(), getTranslations('support.customers')]);
  const parsed = await parseSearchParams(customerSearchQuery, searchParams);
  const q = parsed.ok ? parsed.query.q : undefined;
  // Said only to a staff member not acting now (an address from history or a bookmark says nothing while a session runs).
  const ended = parsed.ok && state.status === 'staff' ? parsed.query.ended : undefined;
  const customers = parsed.ok ? await searchCustomers(staff, q) : [];
  const allCustomers = staff.roles.has('support-admin');
  return (
    <>
      <PageHeader title={t('title')} description={allCustomers ? t('allCustomers') : t('yourCustomers')} />
      {state.status === 'customer' && state.ctx.actingAs ? (
        <div className="mb-4">
          <Alert tone="warning" title={t('acting', { contact: state.ctx.contact.name, company: state.ctx.tenant.name })}>
            <Link className="underline" href="/">
              {t('backToPortal')}
            </Link>
          </Alert>
        </div>
      ) : null}
      {ended ? (
        <div className="mb-4">
          <Alert tone="info" title={t(`ended.${ended}.title`)}>
            {t(`ended.${ended}.body`)}
          </Alert>
        </div>
      ) : null}
      <form
        method="get"
        action="/support"
        role="search"
        aria-label={t('searchLabel')}
        className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <div className="min-w-0 flex-1">
          <label htmlFor="q" className={labelClass}>
            {t('searchField')}
          </label>
          <input id="q" name="q" defaultValue={q ?? ''} maxLength={100} className={inputClass} />
        </div>
        <button type="submit" className={buttonClass}>
          {t('search')}
        </button>
      </form>
      {!parsed.ok ? (
        <Alert tone="error">{parsed.message}</Alert>
      ) : customers.length === 0 ? (
        // A support admin sees every customer: "of yours" and "assigned to you" are the account manager's words.
        allCustomers ? (
          <EmptyState title={q ? t('noMatchAll', { q }) : t('noneAll')}>{t('emptyTextAll')}</EmptyState>
        ) : (
          <EmptyState title={q ? t('noMatch', { q }) : t('none')}>{t('emptyText')}</EmptyState>
        )
      ) : (
        <ul className="flex flex-col gap-2" aria-label={t('title')}>
          {customers.map((c) => (
            <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-3">
              <Link href={`/support/customers/${c.id}`} className="font-semibold text-brand-700 underline">
                {c.name}
              </Link>
              <p className="text-sm text-slate-700">
                {[c.reference, c.vat, c.city, c.accountManager ? t('accountManager', { name: c.accountManager }) : null]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
