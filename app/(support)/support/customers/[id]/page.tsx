import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Link } from '@/components/app-link';
import { deniedNotFound } from '@/lib/http/not-found';
import { Card, PageHeader } from '@/components/ui';
import { portalConfig } from '@/lib/config';
import { recordAudit } from '@/lib/portal/audit';
import { getManagedCustomer } from '@/lib/portal/support-customers';
import { recordId } from '@/lib/schemas/common';
import { requireStaff } from '@/lib/session/require-session';
import { leastPrivileged } from '@/lib/roles';
import { ROLE_MESSAGE_KEY } from '@/lib/role-names';
import { StartActingForm } from './start-acting-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('support.customer');
  return { title: t('title') };
}

export default async function SupportCustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff();
  const id = recordId.safeParse((await params).id);
  const customer = id.success ? await getManagedCustomer(staff, id.data) : null;
  if (!customer) {
    // A customer one does not manage answers like one that does not exist, and the attempt is kept.
    if (id.success)
      await recordAudit(staff, { action: 'support.open-customer', target: { model: 'res.partner', id: id.data }, outcome: 'denied' });
    return deniedNotFound();
  }
  const [t, customers, roleWords] = await Promise.all([
    getTranslations('support.customer'),
    getTranslations('support.customers'),
    getTranslations('common.roles'),
  ]);
  return (
    <>
      <nav aria-label={t('breadcrumb')} className="mb-2 text-sm">
        <Link className="underline" href="/support">
          {customers('title')}
        </Link>{' '}
        / {customer.name}
      </nav>
      <PageHeader title={customer.name} description={[customer.reference, customer.vat, customer.city].filter(Boolean).join(' · ')} />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Card title={t('contacts')}>
          <ul className="text-sm">
            {customer.contacts.map((c) => (
              <li key={c.id} className="py-1">
                {c.name}{' '}
                <span className="text-slate-700">
                  {c.email} {c.roles.length ? `· ${c.roles.map((r) => roleWords(ROLE_MESSAGE_KEY[r])).join(', ')}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t('actAs')}>
          <p className="mb-3 text-sm text-slate-700">{t('actAsExplained')}</p>
          {customer.contacts.length ? (
            <StartActingForm
              customerId={customer.id}
              contacts={customer.contacts.map((c) => ({ id: c.id, label: `${c.name}${c.email ? ` (${c.email})` : ''}` }))}
              defaultContactId={leastPrivileged(customer.contacts)?.id}
              defaultMinutes={portalConfig().SUPPORT_SESSION_MINUTES}
            />
          ) : (
            <p>{t('noContacts')}</p>
          )}
        </Card>
      </div>
    </>
  );
}
