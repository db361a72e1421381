import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Card, PageHeader } from '@/components/ui';
import { listContacts } from '@/lib/portal/account';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';
import { AccountNav } from '../account-nav';
import { ContactItem, InviteForm } from './contact-forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.contacts');
  return { title: t('title') };
}

export default async function ContactsPage() {
  const ctx = await requireSession();
  const [contacts, t] = await Promise.all([listContacts(ctx), getTranslations('account')]);
  // While acting, staff see the contacts but do not change them (lib/portal/account.ts refuses it too).
  const manage = can(ctx.roles, 'manage-contacts') && !ctx.actingAs;
  return (
    <>
      <PageHeader title={t('title')} />
      <AccountNav ctx={ctx} current="contacts" />
      <h2 className="mb-1 text-lg font-semibold">{t('contacts.heading')}</h2>
      <p className="mb-3 text-sm text-slate-700">{t('contacts.rolesNote', { manage: manage ? 'yes' : 'no' })}</p>
      {ctx.actingAs && can(ctx.roles, 'manage-contacts') ? <p className="mb-3 text-sm text-slate-700">{t('contacts.actingNote')}</p> : null}
      <ul className="mb-6 flex flex-col gap-3" aria-label={t('contacts.title')}>
        {contacts.map((c) => (
          <ContactItem key={c.id} contact={c} manage={manage} isMe={c.id === ctx.contact.id} />
        ))}
      </ul>
      {manage ? (
        <Card title={t('contacts.invite')}>
          <InviteForm />
        </Card>
      ) : null}
    </>
  );
}
