import type { Metadata } from 'next';
import { Card, PageHeader } from '@/components/ui';
import { listAddresses, listCountries } from '@/lib/portal/account';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';
import { AccountNav } from '../account-nav';
import { AddressItem, NewAddressForm } from './address-forms';

export const metadata: Metadata = { title: 'Delivery addresses' };

export default async function AddressesPage() {
  const ctx = await requireSession();
  const [addresses, countries] = await Promise.all([listAddresses(ctx), listCountries(ctx)]);
  const canEdit = can(ctx.roles, 'manage-addresses');
  return (
    <>
      <PageHeader title="Account" />
      <AccountNav ctx={ctx} current="addresses" />
      <h2 className="mb-3 text-lg font-semibold">Delivery addresses</h2>
      <ul className="mb-6 flex flex-col gap-3" aria-label="Delivery addresses">
        {addresses.map((a) => (
          <AddressItem key={a.id} address={a} countries={countries} canEdit={canEdit} />
        ))}
      </ul>
      {canEdit ? (
        <Card title="Add a delivery address">
          <NewAddressForm countries={countries} />
        </Card>
      ) : (
        <p className="text-slate-700">Buyers and admins can add delivery addresses.</p>
      )}
    </>
  );
}
