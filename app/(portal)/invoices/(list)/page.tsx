import { RememberListAddress } from '@/components/list-address';
import { listScope } from '@/components/list-scope';
import type { Metadata } from 'next';
import { Link } from '@/components/app-link';
import { getTranslations } from 'next-intl/server';
import { getFormat } from '@/lib/i18n/server';
import { FilterForm, ListResults } from '@/components/list-frame';
import { ButtonLink, EmptyState, PageHeader, inputClass, labelClass } from '@/components/ui';
import { InvalidFilters } from '@/components/invalid-filters';
import { parseSearchParams, type SearchParams } from '@/lib/http/search-params';
import { listInvoices } from '@/lib/portal/invoices';
import { portalConfig } from '@/lib/config';
import { invoiceListQuery } from '@/lib/schemas/invoices';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';
import { BulkDownload } from './bulk-download';
import { InvoicesTable } from './invoices-table';
import { NotForYourRole } from '@/components/not-for-your-role';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('invoices');
  return { title: t('title') };
}

export default async function InvoicesPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireSession();
  const [t, f] = await Promise.all([getTranslations('invoices'), getFormat()]);
  if (!can(ctx.roles, 'see-invoices'))
    return (
      <>
        <PageHeader title={t('title')} />
        <NotForYourRole />
      </>
    );
  const parsed = await parseSearchParams(invoiceListQuery, searchParams);
  // Filters that did not parse keep the form as typed, to be corrected, with the message where the list would be.
  const q = parsed.ok ? parsed.query : null;
  const typed: Partial<Record<'q' | 'status' | 'type' | 'from' | 'to', string>> = q ?? parsed.raw;
  const page = q ? await listInvoices(ctx, q) : null;
  const filters = Object.fromEntries(Object.entries(parsed.raw).filter(([k]) => ['status', 'type', 'from', 'to', 'q'].includes(k)));
  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      {parsed.ok ? <RememberListAddress path="/invoices" scope={listScope(ctx)} /> : null}
      <PageHeader
        title={t('title')}
        description={t('list.description')}
        actions={
          <>
            <ButtonLink variant="secondary" href="/statement">
              {t('list.statement')}
            </ButtonLink>
            {q ? (
              <ButtonLink variant="secondary" download href={`/invoices/export?${new URLSearchParams(parsed.raw).toString()}`}>
                {t('list.exportCsv')}
              </ButtonLink>
            ) : null}
          </>
        }
      />
      <FilterForm
        action="/invoices"
        label={t('list.filters.label')}
        grid="lg:grid-cols-6"
        keep={q ? { sort: q.sort, dir: q.dir, size: q.size } : {}}
        filtered={filtered}
      >
        <div className="lg:col-span-2">
          <label htmlFor="q" className={labelClass}>
            {t('list.filters.search')}
          </label>
          <input
            id="q"
            name="q"
            defaultValue={typed.q ?? ''}
            maxLength={100}
            placeholder={t('list.filters.searchPlaceholder')}
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor="status" className={labelClass}>
            {t('list.filters.status')}
          </label>
          <select id="status" name="status" defaultValue={typed.status ?? ''} className={inputClass}>
            <option value="">{t('list.filters.statusAny')}</option>
            <option value="open">{t('list.filters.statusOpen')}</option>
            <option value="overdue">{t('list.filters.statusOverdue')}</option>
            <option value="paid">{t('list.filters.statusPaid')}</option>
          </select>
        </div>
        <div>
          <label htmlFor="type" className={labelClass}>
            {t('list.filters.type')}
          </label>
          <select id="type" name="type" defaultValue={typed.type ?? ''} className={inputClass}>
            <option value="">{t('list.filters.typeAll')}</option>
            <option value="invoice">{t('list.filters.typeInvoice')}</option>
            <option value="credit">{t('list.filters.typeCredit')}</option>
          </select>
        </div>
        <div>
          <label htmlFor="from" className={labelClass}>
            {t('list.filters.from')}
          </label>
          <input id="from" name="from" type="date" defaultValue={typed.from ?? ''} className={inputClass} />
        </div>
        <div>
          <label htmlFor="to" className={labelClass}>
            {t('list.filters.to')}
          </label>
          <input id="to" name="to" type="date" defaultValue={typed.to ?? ''} className={inputClass} />
        </div>
      </FilterForm>
      {!q || !page ? (
        <InvalidFilters message={parsed.ok ? '' : parsed.message} resetHref="/invoices" resetLabel={t('list.showAll')} />
      ) : (
        <>
          <section aria-label={t('list.totals.label')} className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-2">
            {page.totals.map((sum) => (
              <div key={sum.currency} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
                <p className="font-semibold">{t('list.totals.documents', { currency: sum.currency, count: sum.count })}</p>
                <p>
                  {t.rich('list.totals.openBalance', {
                    amount: f.money(sum.openBalance, sum.currency),
                    strong: (chunks) => <strong>{chunks}</strong>,
                  })}
                </p>
                <p>
                  {t.rich('list.totals.overdue', {
                    amount: f.money(sum.overdue, sum.currency),
                    strong: (chunks) => <strong className={sum.overdue > 0 ? 'text-red-800' : ''}>{chunks}</strong>,
                  })}
                </p>
              </div>
            ))}
          </section>
          <ListResults
            empty={
              page.rows.length === 0 ? (
                <EmptyState title={filtered ? t('list.empty.filteredTitle') : t('list.empty.title')}>
                  {filtered ? (
                    <Link className="underline" href="/invoices">
                      {t('list.empty.clearFilters')}
                    </Link>
                  ) : (
                    t('list.empty.text')
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
              // What the count holds: only invoices or only credit notes when the filter says so.
              noun: q.type === 'invoice' ? 'invoice' : q.type === 'credit' ? 'creditNote' : 'document',
            }}
          >
            <div className="mb-3">
              <BulkDownload
                variant="secondary"
                href={`/invoices/bulk?${new URLSearchParams(filters).toString()}`}
                label={t('list.downloadAll', { count: page.total })}
                count={page.total}
                limit={portalConfig().INVOICE_BULK_LIMIT}
              />
            </div>
            <InvoicesTable rows={page.rows} sort={q.sort} dir={q.dir} limit={portalConfig().INVOICE_BULK_LIMIT} />
          </ListResults>
        </>
      )}
    </>
  );
}
