import type { Metadata } from 'next';
import { formatMoney } from '@/lib/format';
import { Alert, Card, PageHeader } from '@/components/ui';
import { getAccount, type Credit } from '@/lib/portal/account';
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
            <dt className="text-slate-700">Account manager</dt>
            <dd>{company.accountManager ?? '—'}</dd>
          </dl>
          <p className="mt-3 text-sm text-slate-700">To change company details, contact your account manager.</p>
        </Card>
        {company.credit ? <CreditCard credit={company.credit} /> : null}
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

/**
 * Odoo's credit limit, what is used of it (invoiced, not paid yet) and what is left, in the
 * seller company's currency, named because the customer may buy in another. Shown only
 * when Odoo uses credit limits and the customer has one.
 */
function CreditCard({ credit }: { credit: Credit }) {
  const cur = credit.currency;
  return (
    <Card title="Credit">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-700">Credit limit ({cur})</dt>
        <dd className="tabular-nums">{formatMoney(credit.limit, cur)}</dd>
        <dt className="text-slate-700">Used ({cur})</dt>
        <dd className="tabular-nums">{formatMoney(credit.used, cur)}</dd>
        <dt className="text-slate-700">Available ({cur})</dt>
        <dd className="tabular-nums font-semibold">{formatMoney(Math.max(0, credit.available), cur)}</dd>
      </dl>
      <p className="mt-3 text-sm text-slate-700">Used is what is invoiced and not paid yet, less open credit notes.</p>
      {credit.overLimit ? (
        <div className="mt-3">
          <Alert tone="warning" title="Over the credit limit">
            Your open invoices are {formatMoney(-credit.available, cur)} over the limit. Orders can still be placed; the seller sees the
            same warning in Odoo. Paying open invoices makes room again.
          </Alert>
        </div>
      ) : null}
    </Card>
  );
}
