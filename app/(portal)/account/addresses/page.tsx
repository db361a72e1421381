import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SWRConfig } from 'swr';
import { Card, PageHeader } from '@/components/ui';
import { listAddresses, listCountries, listStates } from '@/lib/portal/account';
import { statesUrl } from './states-url';
import { requireSession } from '@/lib/session/require-session';
import { changesRefused } from '@/lib/context';
import { ReadOnlyNotice } from '@/components/read-only-notice';
import { can } from '@/lib/roles';
import { AccountNav } from '../account-nav';
import { ADDRESSES_HEADING, AddressItem, NewAddressForm } from './address-forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.addresses');
  return { title: t('title') };
}

export default async function AddressesPage() {
  const ctx = await requireSession();
  const [addresses, countries, t] = await Promise.all([listAddresses(ctx), listCountries(ctx), getTranslations('account')]);
  const mayManage = can(ctx.roles, 'manage-addresses');
  // A read-only support session shows the forms' absence as its own, where the contact could use them.
  const readOnly = mayManage && changesRefused(ctx);
  const canEdit = mayManage && !readOnly;
  // The forms' state lists for the countries already in use, so they need no request of their own.
  const inUse = [...new Set(addresses.map((a) => countries.find((c) => c.id === a.countryId)?.code).filter((c) => c !== undefined))];
  const fallback = canEdit
    ? Object.fromEntries(await Promise.all(inUse.map(async (code) => [statesUrl(code), await listStates(ctx, code)] as const)))
    : {};
  return (
    <SWRConfig value={{ fallback }}>
      <PageHeader title={t('title')} />
      <AccountNav ctx={ctx} current="addresses" />
      {readOnly ? <ReadOnlyNotice /> : null}
      <h2 id={ADDRESSES_HEADING} tabIndex={-1} className="mb-3 text-lg font-semibold">
        {t('addresses.title')}
      </h2>
      <ul className="mb-6 flex flex-col gap-3" aria-label={t('addresses.title')}>
        {addresses.map((a) => (
          <AddressItem key={a.id} address={a} countries={countries} canEdit={canEdit} />
        ))}
      </ul>
      {canEdit ? (
        <Card title={t('addresses.add')}>
          <NewAddressForm countries={countries} />
        </Card>
      ) : mayManage ? null : (
        <p className="text-slate-700">{t('addresses.onlyBuyersAdd')}</p>
      )}
    </SWRConfig>
  );
}
