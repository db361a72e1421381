import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Link } from '@/components/app-link';
import { OrderStateBadge } from '@/components/status';
import { ButtonLink, EmptyState } from '@/components/ui';
import { getFormat } from '@/lib/i18n/server';
import { dashboard } from '@/lib/portal/dashboard';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('home');
  return { title: t('title') };
}

function Figure({ label, value, href }: { label: string; value: React.ReactNode; href: string }) {
  return (
    <li>
      <Link href={href} className="block rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-700 hover:shadow-sm">
        <span className="block text-sm text-slate-700">{label}</span>
        <span className="block text-3xl font-bold tabular-nums">{value}</span>
      </Link>
    </li>
  );
}

/** One list of things to act on: a few with links to each, and a link to all of them. */
function AttentionList({
  id,
  title,
  count,
  allHref,
  allLabel,
  children,
}: {
  id: string;
  title: string;
  count: number;
  allHref: string;
  allLabel: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <h3 id={id} className="mb-2 font-semibold">
        {title} <span className="font-normal text-slate-700">({count})</span>
      </h3>
      <ul className="divide-y divide-slate-200">{children}</ul>
      <p className="mt-2 text-sm">
        <Link className="underline" href={allHref}>
          {allLabel}
        </Link>
      </p>
    </section>
  );
}

function AttentionItem({ href, label, detail, aside }: { href: string; label: string; detail: React.ReactNode; aside?: React.ReactNode }) {
  return (
    <li className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 py-2">
      <span>
        <Link className="font-semibold text-brand-700 underline" href={href}>
          {label}
        </Link>{' '}
        <span className="text-sm text-slate-700">{detail}</span>
      </span>
      {aside ? <span className="tabular-nums">{aside}</span> : null}
    </li>
  );
}

export default async function HomePage() {
  const ctx = await requireSession();
  const [d, t, f] = await Promise.all([dashboard(ctx), getTranslations('home'), getFormat()]);
  const nothingToDo = d.late.count === 0 && d.quotations.count === 0 && (d.overdue?.count ?? 0) === 0;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{ctx.tenant.name}</h1>
          <p>{t('welcome', { name: ctx.contact.name })}</p>
        </div>
        {can(ctx.roles, 'order') ? <ButtonLink href="/orders/new">{t('quickOrder')}</ButtonLink> : null}
      </div>
      <ul className="grid grid-cols-1 gap-4 sm:grid-cols-3" aria-label={t('atAGlance')}>
        <Figure label={t('openOrders')} value={d.openOrders} href="/orders?state=open" />
        <Figure label={t('deliveriesInProgress')} value={d.deliveriesInProgress} href="/deliveries?status=in-progress" />
        <Figure label={t('lateDeliveries')} value={d.late.count} href="/deliveries?status=late" />
        {d.invoices?.flatMap((inv) => [
          <Figure
            key={`open-${inv.currency}`}
            label={t('openInvoices', { currency: inv.currency })}
            value={f.money(inv.openBalance, inv.currency)}
            href="/invoices?status=open"
          />,
          <Figure
            key={`overdue-${inv.currency}`}
            label={t('overdueAmount', { currency: inv.currency })}
            value={f.money(inv.overdue, inv.currency)}
            href="/invoices?status=overdue"
          />,
        ])}
      </ul>
      <section aria-labelledby="attention-heading">
        <h2 id="attention-heading" className="mb-2 text-lg font-semibold">
          {t('attention.heading')}
        </h2>
        {nothingToDo ? (
          <EmptyState title={t('attention.nothingTitle')}>{d.overdue ? t('attention.nothingFinance') : t('attention.nothing')}</EmptyState>
        ) : (
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
            {d.late.count > 0 ? (
              <AttentionList
                id="late-heading"
                title={t('lateDeliveries')}
                count={d.late.count}
                allHref="/deliveries?status=late"
                allLabel={t('attention.allLate', { count: d.late.count })}
              >
                {d.late.first.map((r) => (
                  <AttentionItem
                    key={r.id}
                    href={`/deliveries/${r.id}`}
                    label={r.name}
                    detail={
                      <>
                        {r.order ? `${t('attention.order', { order: r.order.name })} · ` : ''}
                        {t('attention.promised', { date: f.date(r.promisedDate) })}
                      </>
                    }
                  />
                ))}
              </AttentionList>
            ) : null}
            {d.overdue && d.overdue.count > 0 ? (
              <AttentionList
                id="overdue-heading"
                title={t('attention.overdueInvoices')}
                count={d.overdue.count}
                allHref="/invoices?status=overdue&sort=due&dir=asc"
                allLabel={t('attention.allOverdue', { count: d.overdue.count })}
              >
                {d.overdue.first.map((r) => (
                  <AttentionItem
                    key={r.id}
                    href={`/invoices/${r.id}`}
                    label={r.number}
                    detail={t('attention.due', { date: f.date(r.dueDate) })}
                    aside={f.money(r.residual, r.currency)}
                  />
                ))}
              </AttentionList>
            ) : null}
            {d.quotations.count > 0 ? (
              <AttentionList
                id="quotations-heading"
                title={t('attention.quotations')}
                count={d.quotations.count}
                allHref="/orders?state=to-confirm"
                allLabel={t('attention.allQuotations', { count: d.quotations.count })}
              >
                {d.quotations.first.map((o) => (
                  <AttentionItem
                    key={o.id}
                    href={`/orders/${o.id}`}
                    label={o.number}
                    detail={f.date(o.date)}
                    aside={f.money(o.total, o.currency)}
                  />
                ))}
              </AttentionList>
            ) : null}
          </div>
        )}
      </section>
      <section aria-labelledby="latest-heading">
        <h2 id="latest-heading" className="mb-2 text-lg font-semibold">
          {t('latest.heading')}
        </h2>
        {d.latestOpenOrders.length === 0 ? (
          <EmptyState title={t('latest.emptyTitle')}>{t('latest.empty')}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {d.latestOpenOrders.map((o) => (
              <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
                <span>
                  <Link className="font-semibold text-brand-700 underline" href={`/orders/${o.id}`}>
                    {o.number}
                  </Link>{' '}
                  <span className="text-sm text-slate-700">{f.date(o.date)}</span>
                </span>
                <span className="flex items-center gap-2 tabular-nums">
                  <OrderStateBadge state={o.state} /> {f.money(o.total, o.currency)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2">
          <Link className="text-sm underline" href="/orders">
            {t('latest.all')}
          </Link>
        </p>
      </section>
    </div>
  );
}
