import type { Metadata } from 'next';
import { useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { useFormat } from '@/lib/i18n/use-format';
import { Alert, Card, PageHeader } from '@/components/ui';
import { getAccount, type Credit } from '@/lib/portal/account';
import { requireSession } from '@/lib/session/require-session';
import { changesRefused } from '@/lib/context';
import { ReadOnlyNotice } from '@/components/read-only-notice';
import { AccountNav } from './account-nav';
import { MyContactForm } from './my-contact-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account');
  return { title: t('title') };
}

export default async function AccountPage() {
  const ctx = await requireSession();
  const [{ company, me }, t] = await Promise.all([getAccount(ctx), getTranslations('account')]);
  const readOnly = changesRefused(ctx);
  return (
    <>
      <PageHeader title={t('title')} />
      <AccountNav ctx={ctx} current="company" />
      {readOnly ? <ReadOnlyNotice /> : null}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Card title={company.name}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-700">{t('company.address')}</dt>
            <dd>{company.address.lines.join(', ') || '—'}</dd>
            <dt className="text-slate-700">{t('company.vat')}</dt>
            <dd>{company.vat ?? '—'}</dd>
            <dt className="text-slate-700">{t('company.customerNumber')}</dt>
            <dd>{company.reference ?? '—'}</dd>
            <dt className="text-slate-700">{t('company.email')}</dt>
            <dd>{company.email ?? '—'}</dd>
            <dt className="text-slate-700">{t('company.phone')}</dt>
            <dd>{company.phone ?? '—'}</dd>
            <dt className="text-slate-700">{t('company.paymentTerms')}</dt>
            <dd>{company.paymentTerms ?? '—'}</dd>
            <dt className="text-slate-700">{t('company.accountManager')}</dt>
            <dd>{company.accountManager ?? '—'}</dd>
          </dl>
          <p className="mt-3 text-sm text-slate-700">{t('company.changeDetails')}</p>
        </Card>
        {company.credit ? <CreditCard credit={company.credit} /> : null}
        <Card title={t('me.title')}>
          <p className="mb-3 text-sm text-slate-700">{t('me.signedInAs', { email: me.email ?? ctx.user.email ?? '' })}</p>
          {readOnly ? (
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-700">{t('me.name')}</dt>
              <dd>{me.name}</dd>
              <dt className="text-slate-700">{t('me.phone')}</dt>
              <dd>{me.phone ?? '—'}</dd>
            </dl>
          ) : (
            <MyContactForm name={me.name} phone={me.phone} />
          )}
        </Card>
      </div>
    </>
  );
}

/**
 * Odoo's credit limit, what is used of it (invoiced, not paid yet) and what is left, in the
 * seller company's currency, named because the customer may buy in another. Shown only
 * when Odoo uses credit limits and the customer has one.
 */
function CreditCard({ credit }: { credit: Credit }) {
  const t = useTranslations('account.credit');
  const f = useFormat();
  const cur = credit.currency;
  return (
    <Card title={t('title')}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-700">{t('limit', { currency: cur })}</dt>
        <dd className="tabular-nums">{f.money(credit.limit, cur)}</dd>
        <dt className="text-slate-700">{t('used', { currency: cur })}</dt>
        <dd className="tabular-nums">{f.money(credit.used, cur)}</dd>
        <dt className="text-slate-700">{t('available', { currency: cur })}</dt>
        <dd className="tabular-nums font-semibold">{f.money(Math.max(0, credit.available), cur)}</dd>
      </dl>
      <p className="mt-3 text-sm text-slate-700">{t('usedExplained')}</p>
      {credit.overLimit ? (
        <div className="mt-3">
          <Alert tone="warning" title={t('overLimitTitle')}>
            {t('overLimit', { amount: f.money(-credit.available, cur) })}
          </Alert>
        </div>
      ) : null}
    </Card>
  );
}
