import type { Metadata } from 'next';
import { Link } from '@/components/app-link';
import { getTranslations } from 'next-intl/server';
import type { Formatter } from '@/lib/i18n/format';
import { getFormat } from '@/lib/i18n/server';
import { ButtonLink, EmptyState, PageHeader } from '@/components/ui';
import { BUCKETS, shownDaysOverdue, statement, type CurrencyAging, type StatementLine } from '@/lib/portal/statement';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';
import { NotForYourRole } from '@/components/not-for-your-role';
import { Table, type Column } from '@/components/table';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('statement');
  return { title: t('title') };
}

type Translate = Awaited<ReturnType<typeof getTranslations<'statement'>>>;

/** The aging buckets' words: the same as the statement PDF's (documents.statement.buckets). */
type BucketWords = Awaited<ReturnType<typeof getTranslations<'documents.statement.buckets'>>>;

/** A page stays fast and readable; the downloads carry every line. */
const SHOWN = 200;

export default async function StatementPage() {
  const ctx = await requireSession();
  const [t, bucket, f] = await Promise.all([getTranslations('statement'), getTranslations('documents.statement.buckets'), getFormat()]);
  if (!can(ctx.roles, 'see-invoices'))
    return (
      <>
        <PageHeader title={t('title')} />
        <NotForYourRole />
      </>
    );
  const s = await statement(ctx);
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description', { company: ctx.tenant.name, date: f.date(s.today) })}
        actions={
          <>
            <ButtonLink href="/statement/pdf" download>
              {t('printablePdf')}
            </ButtonLink>
            <ButtonLink variant="secondary" href="/statement/csv" download>
              {t('csv')}
            </ButtonLink>
          </>
        }
      />
      {s.aging.length === 0 ? (
        <EmptyState title={t('empty.title')}>{t('empty.text')}</EmptyState>
      ) : (
        <>
          {s.aging.map((a) => (
            <section key={a.currency} className="mb-6" aria-labelledby={`aging-${a.currency}`}>
              <h2 id={`aging-${a.currency}`} className="mb-2 text-lg font-semibold">
                {t('aging.heading', { currency: a.currency })}
              </h2>
              <Table
                caption={t('aging.caption', { currency: a.currency })}
                columns={agingColumns(a.currency, t, bucket, f)}
                rows={[a]}
                rowKey={(row) => row.currency}
              />
            </section>
          ))}
          {/* The invoices list's overdue total counts invoices only; here credits net against their age's column. */}
          {s.lines.some((l) => l.kind === 'credit') ? <p className="mb-6 text-sm text-slate-700">{t('aging.creditNotes')}</p> : null}
          <h2 className="mb-2 text-lg font-semibold">{t('lines.heading')}</h2>
          {s.lines.length > SHOWN ? (
            <p className="mb-2 text-sm text-slate-700">{t('lines.shownOf', { shown: SHOWN, total: s.lines.length })}</p>
          ) : null}
          <Table caption={t('lines.caption')} columns={lineColumns(t, bucket, f)} rows={s.lines.slice(0, SHOWN)} rowKey={(l) => l.id} />
        </>
      )}
    </>
  );
}

type Aging = CurrencyAging;
type Line = StatementLine;

function agingColumns(currency: string, t: Translate, bucket: BucketWords, f: Formatter): Column<Aging>[] {
  return [
    ...BUCKETS.map((b): Column<Aging> => ({
      id: b,
      header: bucket(b),
      amount: true,
      cell: (a) => f.money(a.buckets[b], currency),
    })),
    { id: 'total', header: t('aging.total'), amount: true, strong: true, cell: (a) => f.money(a.total, currency) },
  ];
}

function lineColumns(t: Translate, bucket: BucketWords, f: Formatter): Column<Line>[] {
  return [
    {
      id: 'number',
      header: t('lines.number'),
      card: 'title',
      cell: (l) => (
        <>
          <Link className="text-brand-700 underline" href={`/invoices/${l.id}`}>
            {l.number}
          </Link>
          {l.kind === 'credit' ? ` ${t('lines.creditNote')}` : ''}
        </>
      ),
    },
    { id: 'due', header: t('lines.due'), cell: (l) => f.date(l.dueDate) },
    {
      id: 'late',
      header: t('lines.daysLate'),
      align: 'end',
      cell: (l) => {
        const days = shownDaysOverdue(l);
        return days === null ? '—' : f.number(days);
      },
    },
    { id: 'bucket', header: t('lines.bucket'), card: 'badge', cell: (l) => bucket(l.bucket) },
    { id: 'open', header: t('lines.open'), amount: true, strong: true, cell: (l) => f.money(l.balance, l.currency) },
  ];
}
