import type { Metadata } from 'next';
import { Link } from '@/components/app-link';
import { formatMoney } from '@/lib/format';
import { FilterForm, ListResults } from '@/components/list-frame';
import { ButtonLink, EmptyState, PageHeader, inputClass, labelClass, InvalidFilters } from '@/components/ui';
import { parseSearchParams, type SearchParams } from '@/lib/http/search-params';
import { listInvoices } from '@/lib/portal/invoices';
import { portalConfig } from '@/lib/config';
import { invoiceListQuery } from '@/lib/schemas/invoices';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';
import { BulkDownload } from './bulk-download';
import { InvoicesTable } from './invoices-table';
import { NotForYourRole } from '@/components/not-for-your-role';

export const metadata: Metadata = { title: 'Invoices' };

export default async function InvoicesPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireSession();
  if (!can(ctx.roles, 'see-invoices'))
    return (
      <>
        <PageHeader title="Invoices" />
        <NotForYourRole />
      </>
    );
  const parsed = await parseSearchParams(invoiceListQuery, searchParams);
  if (!parsed.ok) return <InvalidFilters title="Invoices" message={parsed.message} resetHref="/invoices" resetLabel="Show all invoices" />;
  const q = parsed.query;
  const page = await listInvoices(ctx, q);
  const filters = Object.fromEntries(Object.entries(parsed.raw).filter(([k]) => ['status', 'type', 'from', 'to', 'q'].includes(k)));
  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <PageHeader
        title="Invoices"
        description="Invoices and credit notes, with what is open and overdue."
        actions={
          <>
            <ButtonLink variant="secondary" href="/statement">
              Statement of account
            </ButtonLink>
            <ButtonLink variant="secondary" download href={`/invoices/export?${new URLSearchParams(parsed.raw).toString()}`}>
              Export CSV
            </ButtonLink>
          </>
        }
      />
      <FilterForm
        action="/invoices"
        label="Filter invoices"
        grid="lg:grid-cols-6"
        keep={{ sort: q.sort, dir: q.dir, size: q.size }}
        filtered={filtered}
      >
        <div className="lg:col-span-2">
          <label htmlFor="q" className={labelClass}>
            Search
          </label>
          <input
            id="q"
            name="q"
            defaultValue={q.q ?? ''}
            maxLength={100}
            placeholder="Number, PO reference or order"
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor="status" className={labelClass}>
            Status
          </label>
          <select id="status" name="status" defaultValue={q.status ?? ''} className={inputClass}>
            <option value="">Any</option>
            <option value="open">Open</option>
            <option value="overdue">Overdue</option>
            <option value="paid">Paid</option>
          </select>
        </div>
        <div>
          <label htmlFor="type" className={labelClass}>
            Type
          </label>
          <select id="type" name="type" defaultValue={q.type ?? ''} className={inputClass}>
            <option value="">Invoices and credit notes</option>
            <option value="invoice">Invoices</option>
            <option value="credit">Credit notes</option>
          </select>
        </div>
        <div>
          <label htmlFor="from" className={labelClass}>
            From
          </label>
          <input id="from" name="from" type="date" defaultValue={q.from ?? ''} className={inputClass} />
        </div>
        <div>
          <label htmlFor="to" className={labelClass}>
            To
          </label>
          <input id="to" name="to" type="date" defaultValue={q.to ?? ''} className={inputClass} />
        </div>
      </FilterForm>
      <section aria-label="Totals of the filtered invoices" className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-2">
        {page.totals.map((t) => (
          <div key={t.currency} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <p className="font-semibold">
              {t.currency} · {t.count} document{t.count === 1 ? '' : 's'}
            </p>
            <p>
              Open balance <strong>{formatMoney(t.openBalance, t.currency)}</strong>
            </p>
            <p>
              Overdue <strong className={t.overdue > 0 ? 'text-red-800' : ''}>{formatMoney(t.overdue, t.currency)}</strong>
            </p>
          </div>
        ))}
      </section>
      <ListResults
        empty={
          page.rows.length === 0 ? (
            <EmptyState title={filtered ? 'No invoices match these filters' : 'No invoices yet'}>
              {filtered ? (
                <Link className="underline" href="/invoices">
                  Clear the filters
                </Link>
              ) : (
                'Invoices appear here when they are posted.'
              )}
            </EmptyState>
          ) : null
        }
        pages={{
          basePath: '/invoices',
          params: parsed.raw,
          page: page.page,
          pageCount: page.pageCount,
          total: page.total,
          noun: 'invoice',
        }}
      >
        <div className="mb-3">
          <BulkDownload
            variant="secondary"
            href={`/invoices/bulk?${new URLSearchParams(filters).toString()}`}
            label={`Download all ${page.total.toLocaleString('en-GB')} matching as ZIP`}
            count={page.total}
            limit={portalConfig().INVOICE_BULK_LIMIT}
          />
        </div>
        <InvoicesTable rows={page.rows} sort={q.sort} dir={q.dir} limit={portalConfig().INVOICE_BULK_LIMIT} />
      </ListResults>
    </>
  );
}
