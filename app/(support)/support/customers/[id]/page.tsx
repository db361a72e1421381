import type { Metadata } from 'next';
import { Link } from '@/components/app-link';
import { deniedNotFound } from '@/lib/http/not-found';
import { Card, PageHeader } from '@/components/ui';
import { portalConfig } from '@/lib/config';
import { recordAudit } from '@/lib/portal/audit';
import { getManagedCustomer } from '@/lib/portal/support-customers';
import { recordId } from '@/lib/schemas/common';
import { requireStaff } from '@/lib/session/require-session';
import { leastPrivileged } from '@/lib/roles';
import { StartActingForm } from './start-acting-form';

export const metadata: Metadata = { title: 'Customer' };

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
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link className="underline" href="/support">
          Customers
        </Link>{' '}
        / {customer.name}
      </nav>
      <PageHeader title={customer.name} description={[customer.reference, customer.vat, customer.city].filter(Boolean).join(' · ')} />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Card title="Contacts">
          <ul className="text-sm">
            {customer.contacts.map((c) => (
              <li key={c.id} className="py-1">
                {c.name}{' '}
                <span className="text-slate-700">
                  {c.email} {c.roles.length ? `· ${c.roles.join(', ')}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Act as a contact">
          <p className="mb-3 text-sm text-slate-700">
            You see the portal as this contact sees it, read-only unless you allow changes. A banner stays on every page, the session ends
            after the time limit, and everything you do is logged and shown to the customer’s admins.
          </p>
          {customer.contacts.length ? (
            <StartActingForm
              customerId={customer.id}
              contacts={customer.contacts.map((c) => ({ id: c.id, label: `${c.name}${c.email ? ` (${c.email})` : ''}` }))}
              defaultContactId={leastPrivileged(customer.contacts)?.id}
              defaultMinutes={portalConfig().SUPPORT_SESSION_MINUTES}
            />
          ) : (
            <p>This customer has no active contacts.</p>
          )}
        </Card>
      </div>
    </>
  );
}
