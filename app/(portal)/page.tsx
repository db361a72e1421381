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
        <span className="block text-3xl font-bold">{value}</span>
      </Link>
    </li>
  );
}

export default async function HomePage() {
  const ctx = await requireSession();
  const d = await dashboard(ctx);
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
        <Figure label="Late deliveries" value={d.lateDeliveries} href="/deliveries?status=late" />
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
                <span className="flex items-center gap-2">
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
