import type { Metadata } from 'next';
import { Link } from '@/components/app-link';
import { formatDate, formatMoney } from '@/lib/format';
import { ButtonLink, EmptyState, PageHeader } from '@/components/ui';
import { BUCKET_LABEL, BUCKETS, shownDaysOverdue, statement } from '@/lib/portal/statement';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';
import { NotForYourRole } from '@/components/not-for-your-role';

export const metadata: Metadata = { title: 'Statement of account' };

/** A page stays fast and readable; the downloads carry every line. */
const SHOWN = 200;

export default async function StatementPage() {
  const ctx = await requireSession();
  if (!can(ctx.roles, 'see-invoices'))
    return (
      <>
        <PageHeader title="Statement of account" />
        <NotForYourRole />
      </>
    );
  const s = await statement(ctx);
  return (
    <>
      <PageHeader
        title="Statement of account"
        description={`Open items of ${ctx.tenant.name} on ${formatDate(s.today)}, by how late they are.`}
        actions={
          <>
            <ButtonLink href="/statement/pdf" download>
              Printable PDF
            </ButtonLink>
            <ButtonLink variant="secondary" href="/statement/csv" download>
              CSV
            </ButtonLink>
          </>
        }
      />
      {s.aging.length === 0 ? (
        <EmptyState title="Nothing is open">All invoices are paid. Thank you.</EmptyState>
      ) : (
        <>
          {s.aging.map((a) => (
            <section key={a.currency} className="mb-6" aria-labelledby={`aging-${a.currency}`}>
              <h2 id={`aging-${a.currency}`} className="mb-2 text-lg font-semibold">
                Aging in {a.currency}
              </h2>
              <div tabIndex={0} className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
                <table className="w-full text-sm">
                  <caption className="sr-only">Open balance in {a.currency} by days past due</caption>
                  <thead className="bg-slate-100">
                    <tr>
                      {BUCKETS.map((b) => (
                        <th key={b} scope="col" className="px-3 py-2 text-right">
                          {BUCKET_LABEL[b]}
                        </th>
                      ))}
                      <th scope="col" className="px-3 py-2 text-right">
                        Total
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <tr>
                      {BUCKETS.map((b) => (
                        <td key={b} className="px-3 py-2 text-right">
                          {formatMoney(a.buckets[b], a.currency)}
                        </td>
                      ))}
                      <td className="px-3 py-2 text-right font-semibold">{formatMoney(a.total, a.currency)}</td>
                    </tr>
                  </tbody>
                </table>
              </div>
            </section>
          ))}
          <h2 className="mb-2 text-lg font-semibold">Open items</h2>
          {s.lines.length > SHOWN ? (
            <p className="mb-2 text-sm text-slate-700">
              The {SHOWN} items due first of {s.lines.length.toLocaleString('en-GB')}; the PDF and CSV hold them all.
            </p>
          ) : null}
          <div tabIndex={0} className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Open invoices and credit notes</caption>
              <thead className="bg-slate-100">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Number
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Due
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    Days late
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Bucket
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    Open
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.lines.slice(0, SHOWN).map((l) => (
                  <tr key={l.id} className="border-t border-slate-200">
                    <td className="px-3 py-2">
                      <Link className="text-brand-700 underline" href={`/invoices/${l.id}`}>
                        {l.number}
                      </Link>
                      {l.kind === 'credit' ? ' (credit note)' : ''}
                    </td>
                    <td className="px-3 py-2">{formatDate(l.dueDate)}</td>
                    <td className="px-3 py-2 text-right">{shownDaysOverdue(l) ?? '—'}</td>
                    <td className="px-3 py-2">{BUCKET_LABEL[l.bucket]}</td>
                    <td className="px-3 py-2 text-right">{formatMoney(l.balance, l.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
