import type { Metadata } from 'next';
import { Card, PageHeader } from '@/components/ui';
import { listContacts } from '@/lib/portal/account';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';
import { AccountNav } from '../account-nav';
import { ContactItem, InviteForm } from './contact-forms';

export const metadata: Metadata = { title: 'Contacts' };

export default async function ContactsPage() {
  const ctx = await requireSession();
  const contacts = await listContacts(ctx);
  const manage = can(ctx.roles, 'manage-contacts');
  return (
    <>
      <PageHeader title="Account" />
      <AccountNav ctx={ctx} current="contacts" />
      <h2 className="mb-1 text-lg font-semibold">Contacts and portal roles</h2>
      <p className="mb-3 text-sm text-slate-700">
        Roles are kept on the contact in our ERP{manage ? '' : '; your company’s admins change them'}. Roles from your company’s sign-in,
        when it sends any, take precedence.
      </p>
      <ul className="mb-6 flex flex-col gap-3" aria-label="Contacts">
        {contacts.map((c) => (
          <ContactItem key={c.id} contact={c} manage={manage} isMe={c.id === ctx.contact.id} />
        ))}
      </ul>
      {manage ? (
        <Card title="Invite a colleague">
          <InviteForm />
        </Card>
      ) : null}
    </>
  );
}
