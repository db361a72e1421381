'use client';

import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { ActionForm, Field, SubmitButton } from '@/components/action-form';
import { ConfirmSubmit } from '@/components/confirm-dialog';
import { inputClass, labelClass, secondaryButtonClass } from '@/components/ui';
import type { Country, DeliveryAddress } from '@/lib/types';
import { archiveAddressAction, createAddressAction, updateAddressAction } from '../actions';

function AddressFields({
  address,
  countries,
  fieldError,
}: {
  address?: DeliveryAddress;
  countries: Country[];
  fieldError: (n: string) => string | undefined;
}) {
  const t = useTranslations('account.addresses');
  const id = address ? `country-${address.id}` : 'country-new';
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      {address ? <input type="hidden" name="id" value={address.id} /> : null}
      <Field name="name" label={t('name')} defaultValue={address?.name} required maxLength={128} error={fieldError('name')} />
      <Field
        name="street"
        label={t('street')}
        defaultValue={address?.street}
        required
        maxLength={128}
        autoComplete="address-line1"
        error={fieldError('street')}
      />
      <Field
        name="street2"
        label={t('street2')}
        defaultValue={address?.street2}
        maxLength={128}
        autoComplete="address-line2"
        error={fieldError('street2')}
      />
      <Field
        name="zip"
        label={t('zip')}
        defaultValue={address?.zip}
        required
        maxLength={16}
        autoComplete="postal-code"
        error={fieldError('zip')}
      />
      <Field
        name="city"
        label={t('city')}
        defaultValue={address?.city}
        required
        maxLength={64}
        autoComplete="address-level2"
        error={fieldError('city')}
      />
      <div>
        <label htmlFor={id} className={labelClass}>
          {t('country')}
        </label>
        <select
          id={id}
          name="countryCode"
          defaultValue={countries.find((c) => c.id === address?.countryId)?.code ?? ''}
          className={inputClass}
          aria-invalid={fieldError('countryCode') ? true : undefined}
        >
          <option value="">{t('choose')}</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        {fieldError('countryCode') ? <p className="mt-1 text-sm text-red-800">{fieldError('countryCode')}</p> : null}
      </div>
    </div>
  );
}

export function NewAddressForm({ countries }: { countries: Country[] }) {
  const t = useTranslations('account.addresses');
  return (
    <ActionForm action={createAddressAction} label={t('newLabel')} success={t('added')} resetOnSuccess className="flex flex-col gap-3">
      {({ pending, fieldError }) => (
        <>
          <AddressFields countries={countries} fieldError={fieldError} />
          <SubmitButton pending={pending} label={t('addButton')} busy={t('adding')} />
        </>
      )}
    </ActionForm>
  );
}

export function AddressItem({ address, countries, canEdit }: { address: DeliveryAddress; countries: Country[]; canEdit: boolean }) {
  const t = useTranslations('account.addresses');
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  // Saved: the form closes (the toast says so) and focus goes back to the button that opened it.
  const saved = () => {
    setEditing(false);
    editButton.current?.focus();
  };
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <p className="font-semibold">{address.isCompany ? t('companyAddress', { name: address.name }) : address.name}</p>
      <p className="text-sm text-slate-700">{address.lines.join(', ')}</p>
      {canEdit && !address.isCompany ? (
        <div className="mt-2 flex flex-wrap gap-2">
          <button
            ref={editButton}
            type="button"
            className={secondaryButtonClass}
            aria-expanded={editing}
            onClick={() => setEditing(!editing)}
          >
            {t.rich(editing ? 'close' : 'edit', { name: address.name, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
          </button>
          <ActionForm action={archiveAddressAction} label={t('archiveLabel', { name: address.name })} success={t('archived')}>
            {({ pending }) => (
              <>
                <input type="hidden" name="id" value={address.id} />
                <ConfirmSubmit
                  className={secondaryButtonClass}
                  disabled={pending}
                  title={t('archiveTitle', { name: address.name })}
                  description={t('archiveDescription')}
                  confirmLabel={t('archiveConfirm')}
                >
                  {t.rich('archive', { name: address.name, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
                </ConfirmSubmit>
              </>
            )}
          </ActionForm>
        </div>
      ) : null}
      {editing ? (
        <ActionForm
          action={updateAddressAction}
          label={t('editLabel', { name: address.name })}
          success={t('saved')}
          onSuccess={saved}
          className="mt-3 flex flex-col gap-3"
        >
          {({ pending, fieldError }) => (
            <>
              <AddressFields address={address} countries={countries} fieldError={fieldError} />
              <SubmitButton pending={pending} label={t('save')} busy={t('saving')} />
            </>
          )}
        </ActionForm>
      ) : null}
    </li>
  );
}
