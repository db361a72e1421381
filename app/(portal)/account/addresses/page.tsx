import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Card, PageHeader } from '@/components/ui';
import { listAddresses, listCountries } from '@/lib/portal/account';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';
import { AccountNav } from '../account-nav';
import { AddressItem, NewAddressForm } from './address-forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.addresses');
  return { title: t('title') };
}

export default async function AddressesPage() {
  const ctx = await requireSession();
  const [addresses, countries, t] = await Promise.all([listAddresses(ctx), listCountries(ctx), getTranslations('account')]);
  const canEdit = can(ctx.roles, 'manage-addresses');
  return (
    <>
      <PageHeader title={t('title')} />
      <AccountNav ctx={ctx} current="addresses" />
      <h2 className="mb-3 text-lg font-semibold">{t('addresses.title')}</h2>
      <ul className="mb-6 flex flex-col gap-3" aria-label={t('addresses.title')}>
        {addresses.map((a) => (
          <AddressItem key={a.id} address={a} countries={countries} canEdit={canEdit} />
        ))}
      </ul>
      {canEdit ? (
        <Card title={t('addresses.add')}>
          <NewAddressForm countries={countries} />
        </Card>
      ) : (
        <p className="text-slate-700">{t('addresses.onlyBuyersAdd')}</p>
      )}
    </>
  );
}
