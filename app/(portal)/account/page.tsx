import type { Metadata } from 'next';
import { formatMoney } from '@/lib/format';
import { Card, PageHeader } from '@/components/ui';
import { getAccount } from '@/lib/portal/account';
import { requireSession } from '@/lib/session/require-session';
import { AccountNav } from './account-nav';
import { MyContactForm } from './my-contact-form';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const ctx = await requireSession();
  const { company, me } = await getAccount(ctx);
  return (
    <>
      <PageHeader title="Account" />
      <AccountNav ctx={ctx} current="company" />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Card title={company.name}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-700">Address</dt>
            <dd>{company.address.lines.join(', ') || '—'}</dd>
            <dt className="text-slate-700">VAT</dt>
            <dd>{company.vat ?? '—'}</dd>
            <dt className="text-slate-700">Customer number</dt>
            <dd>{company.reference ?? '—'}</dd>
            <dt className="text-slate-700">Email</dt>
            <dd>{company.email ?? '—'}</dd>
            <dt className="text-slate-700">Phone</dt>
            <dd>{company.phone ?? '—'}</dd>
            <dt className="text-slate-700">Payment terms</dt>
            <dd>{company.paymentTerms ?? '—'}</dd>
            {company.creditLimit.amount ? (
              <>
                <dt className="text-slate-700">Credit limit ({company.creditLimit.currency})</dt>
                <dd>{formatMoney(company.creditLimit.amount, company.creditLimit.currency)}</dd>
              </>
            ) : null}
            <dt className="text-slate-700">Account manager</dt>
            <dd>{company.accountManager ?? '—'}</dd>
          </dl>
          <p className="mt-3 text-sm text-slate-700">To change company details, contact your account manager.</p>
        </Card>
        <Card title="Your details">
          <p className="mb-3 text-sm text-slate-700">
            Signed in as {me.email ?? ctx.user.email}. Your email comes from your company’s sign-in.
          </p>
          <MyContactForm name={me.name} phone={me.phone} />
        </Card>
      </div>
    </>
  );
}
