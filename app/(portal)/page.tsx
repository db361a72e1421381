import type { Metadata } from 'next';
import { dashboardCounts } from '@/lib/portal/dashboard';
import { requireSession } from '@/lib/session/require-session';

export const metadata: Metadata = { title: 'Home' };

export default async function HomePage() {
  const ctx = await requireSession();
  const counts = await dashboardCounts(ctx);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">{ctx.tenant.name}</h1>
      <p>Welcome, {ctx.contact.name}.</p>
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-600">Open orders</dt>
          <dd className="text-3xl font-bold">{counts.openOrders}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-600">Deliveries on the way</dt>
          <dd className="text-3xl font-bold">{counts.deliveriesOnTheWay}</dd>
        </div>
      </dl>
    </div>
  );
}
