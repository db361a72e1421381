import type { Metadata } from 'next';
import { Link } from '@/components/app-link';
import { formatDate, formatMoney } from '@/lib/format';
import { OrderStateBadge } from '@/components/status';
import { ButtonLink, EmptyState } from '@/components/ui';
import { dashboard } from '@/lib/portal/dashboard';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';

export const metadata: Metadata = { title: 'Home' };

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
  const d = await dashboard(ctx);
  const nothingToDo = d.late.count === 0 && d.quotations.count === 0 && (d.overdue?.count ?? 0) === 0;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{ctx.tenant.name}</h1>
          <p>Welcome, {ctx.contact.name}.</p>
        </div>
        {can(ctx.roles, 'order') ? <ButtonLink href="/orders/new">Quick order</ButtonLink> : null}
      </div>
      <ul className="grid grid-cols-1 gap-4 sm:grid-cols-3" aria-label="At a glance">
        <Figure label="Open orders" value={d.openOrders} href="/orders?state=open" />
        <Figure label="Deliveries in progress" value={d.deliveriesInProgress} href="/deliveries?status=in-progress" />
        <Figure label="Late deliveries" value={d.late.count} href="/deliveries?status=late" />
        {d.invoices?.flatMap((t) => [
          <Figure
            key={`open-${t.currency}`}
            label={`Open invoices (${t.currency})`}
            value={formatMoney(t.openBalance, t.currency)}
            href="/invoices?status=open"
          />,
          <Figure
            key={`overdue-${t.currency}`}
            label={`Overdue (${t.currency})`}
            value={formatMoney(t.overdue, t.currency)}
            href="/invoices?status=overdue"
          />,
        ])}
      </ul>
      <section aria-labelledby="attention-heading">
        <h2 id="attention-heading" className="mb-2 text-lg font-semibold">
          Needs your attention
        </h2>
        {nothingToDo ? (
          <EmptyState title="Nothing needs your attention">
            No late deliveries{d.overdue ? ', no overdue invoices' : ''} and no quotations waiting for you.
          </EmptyState>
        ) : (
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
            {d.late.count > 0 ? (
              <AttentionList
                id="late-heading"
                title="Late deliveries"
                count={d.late.count}
                allHref="/deliveries?status=late"
                allLabel={`All late deliveries (${d.late.count})`}
              >
                {d.late.first.map((r) => (
                  <AttentionItem
                    key={r.id}
                    href={`/deliveries/${r.id}`}
                    label={r.name}
                    detail={
                      <>
                        {r.order ? `order ${r.order.name} · ` : ''}promised {formatDate(r.promisedDate)}
                      </>
                    }
                  />
                ))}
              </AttentionList>
            ) : null}
            {d.overdue && d.overdue.count > 0 ? (
              <AttentionList
                id="overdue-heading"
                title="Overdue invoices"
                count={d.overdue.count}
                allHref="/invoices?status=overdue&sort=due&dir=asc"
                allLabel={`All overdue invoices (${d.overdue.count})`}
              >
                {d.overdue.first.map((r) => (
                  <AttentionItem
                    key={r.id}
                    href={`/invoices/${r.id}`}
                    label={r.number}
                    detail={<>due {formatDate(r.dueDate)}</>}
                    aside={formatMoney(r.residual, r.currency)}
                  />
                ))}
              </AttentionList>
            ) : null}
            {d.quotations.count > 0 ? (
              <AttentionList
                id="quotations-heading"
                title="Quotations to confirm"
                count={d.quotations.count}
                allHref="/orders?state=quotation"
                allLabel={`All quotations (${d.quotations.count})`}
              >
                {d.quotations.first.map((o) => (
                  <AttentionItem
                    key={o.id}
                    href={`/orders/${o.id}`}
                    label={o.number}
                    detail={<>{formatDate(o.date)}</>}
                    aside={formatMoney(o.total, o.currency)}
                  />
                ))}
              </AttentionList>
            ) : null}
          </div>
        )}
      </section>
      <section aria-labelledby="latest-heading">
        <h2 id="latest-heading" className="mb-2 text-lg font-semibold">
          Latest open orders
        </h2>
        {d.latestOpenOrders.length === 0 ? (
          <EmptyState title="No open orders">Everything you ordered has been delivered or cancelled.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {d.latestOpenOrders.map((o) => (
              <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
                <span>
                  <Link className="font-semibold text-brand-700 underline" href={`/orders/${o.id}`}>
                    {o.number}
                  </Link>{' '}
                  <span className="text-sm text-slate-700">{formatDate(o.date)}</span>
                </span>
                <span className="flex items-center gap-2 tabular-nums">
                  <OrderStateBadge state={o.state} /> {formatMoney(o.total, o.currency)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2">
          <Link className="text-sm underline" href="/orders">
            All orders
          </Link>
        </p>
      </section>
    </div>
  );
}
