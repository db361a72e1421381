import type { Metadata } from 'next';
import { Link } from '@/components/app-link';
import { Alert, EmptyState, PageHeader, buttonClass, inputClass, labelClass } from '@/components/ui';
import { parseSearchParams, type SearchParams } from '@/lib/http/search-params';
import { searchCustomers } from '@/lib/portal/support-customers';
import { customerSearchQuery } from '@/lib/schemas/support';
import { loadSession, requireStaff } from '@/lib/session/require-session';

export const metadata: Metadata = { title: 'Customers' };

export default async function SupportHome({ searchParams }: { searchParams: SearchParams }) {
  const staff = await requireStaff();
  const state = await loadSession();
  const parsed = await parseSearchParams(customerSearchQuery, searchParams);
  const q = parsed.ok ? parsed.query.q : undefined;
  const customers = parsed.ok ? await searchCustomers(staff, q) : [];
  return (
    <>
      <PageHeader
        title="Customers"
        description={staff.roles.has('support-admin') ? 'All customers.' : 'The customers you are the salesperson of in Odoo.'}
      />
      {state.status === 'customer' && state.ctx.actingAs ? (
        <div className="mb-4">
          <Alert tone="warning" title={`You are acting for ${state.ctx.contact.name} at ${state.ctx.tenant.name}`}>
            <Link className="underline" href="/">
              Back to their portal
            </Link>
          </Alert>
        </div>
      ) : null}
      <form
        method="get"
        action="/support"
        role="search"
        aria-label="Find a customer"
        className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <div className="min-w-0 flex-1">
          <label htmlFor="q" className={labelClass}>
            Name, customer number, VAT or a contact’s email
          </label>
          <input id="q" name="q" defaultValue={q ?? ''} maxLength={100} className={inputClass} />
        </div>
        <button type="submit" className={buttonClass}>
          Search
        </button>
      </form>
      {!parsed.ok ? (
        <Alert tone="error">{parsed.message}</Alert>
      ) : customers.length === 0 ? (
        <EmptyState title={q ? `No customer of yours matches “${q}”` : 'No customers assigned to you'}>
          Customers appear here when you are their salesperson in Odoo.
        </EmptyState>
      ) : (
        <ul className="flex flex-col gap-2" aria-label="Customers">
          {customers.map((c) => (
            <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-3">
              <Link href={`/support/customers/${c.id}`} className="font-semibold text-brand-700 underline">
                {c.name}
              </Link>
              <p className="text-sm text-slate-700">
                {[c.reference, c.vat, c.city, c.accountManager ? `Account manager ${c.accountManager}` : null].filter(Boolean).join(' · ')}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
