import type { Metadata } from 'next';
import { Link } from '@/components/app-link';
import { formatDate, formatMoney } from '@/lib/format';
import { ButtonLink, EmptyState, PageHeader } from '@/components/ui';
import { BUCKET_LABEL, BUCKETS, shownDaysOverdue, statement, type CurrencyAging, type StatementLine } from '@/lib/portal/statement';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';
import { NotForYourRole } from '@/components/not-for-your-role';
import { Table, type Column } from '@/components/table';

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
              <Table
                caption={`Open balance in ${a.currency} by days past due`}
                columns={agingColumns(a.currency)}
                rows={[a]}
                rowKey={(row) => row.currency}
              />
            </section>
          ))}
          <h2 className="mb-2 text-lg font-semibold">Open items</h2>
          {s.lines.length > SHOWN ? (
            <p className="mb-2 text-sm text-slate-700">
              The {SHOWN} items due first of {s.lines.length.toLocaleString('en-GB')}; the PDF and CSV hold them all.
            </p>
          ) : null}
          <Table caption="Open invoices and credit notes" columns={lineColumns} rows={s.lines.slice(0, SHOWN)} rowKey={(l) => l.id} />
        </>
      )}
    </>
  );
}

type Aging = CurrencyAging;
type Line = StatementLine;

function agingColumns(currency: string): Column<Aging>[] {
  return [
    ...BUCKETS.map((b): Column<Aging> => ({
      id: b,
      header: BUCKET_LABEL[b],
      amount: true,
      cell: (a) => formatMoney(a.buckets[b], currency),
    })),
    { id: 'total', header: 'Total', amount: true, strong: true, cell: (a) => formatMoney(a.total, currency) },
  ];
}

const lineColumns: Column<Line>[] = [
  {
    id: 'number',
    header: 'Number',
    card: 'title',
    cell: (l) => (
      <>
        <Link className="text-brand-700 underline" href={`/invoices/${l.id}`}>
          {l.number}
        </Link>
        {l.kind === 'credit' ? ' (credit note)' : ''}
      </>
    ),
  },
  { id: 'due', header: 'Due', cell: (l) => formatDate(l.dueDate) },
  { id: 'late', header: 'Days late', align: 'end', cell: (l) => shownDaysOverdue(l) ?? '—' },
  { id: 'bucket', header: 'Bucket', card: 'badge', cell: (l) => BUCKET_LABEL[l.bucket] },
  { id: 'open', header: 'Open', amount: true, strong: true, cell: (l) => formatMoney(l.balance, l.currency) },
];
