'use client';

import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import useSWRImmutable from 'swr/immutable';
import { ActionForm, Field, SubmitButton } from '@/components/action-form';
import { ConfirmSubmit } from '@/components/confirm-dialog';
import { inputClass, labelClass, secondaryButtonClass } from '@/components/ui';
import { fetchPortalJson } from '@/lib/http/fetch-json';
import { statesUrl } from './states-url';
import type { Country, CountryState, DeliveryAddress } from '@/lib/types';
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
  const suffix = address ? String(address.id) : 'new';
  const id = `country-${suffix}`;
  const [country, setCountry] = useState(countries.find((c) => c.id === address?.countryId)?.code ?? '');
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
          defaultValue={country}
          onChange={(e) => setCountry(e.target.value)}
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
      {country ? (
        // Keyed by country: another country's list starts from "None", not from a state it does not have.
        <StateField
          key={country}
          id={`state-${suffix}`}
          countryCode={country}
          defaultStateId={address?.stateId ?? null}
          error={fieldError('stateId')}
        />
      ) : null}
    </div>
  );
}

/**
 * The state or province, offered once the country is chosen and only when Odoo knows states
 * for it (the page gives the lists of its addresses' countries; another is asked for).
 * Optional, as in Odoo.
 */
function StateField({
  id,
  countryCode,
  defaultStateId,
  error,
}: {
  id: string;
  countryCode: string;
  defaultStateId: number | null;
  error: string | undefined;
}) {
  const t = useTranslations('account.addresses');
  const { data: states, error: failed } = useSWRImmutable<CountryState[], Error>(statesUrl(countryCode), fetchPortalJson<CountryState[]>);
  if (failed) return <p className="text-sm text-slate-700 sm:self-end">{t('statesFailed', { message: failed.message })}</p>;
  if (states?.length === 0) return null;
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {t('state')}
      </label>
      <select
        // Mounted again once the list arrives, so the saved state is the one chosen.
        key={states ? 'states' : 'loading'}
        id={id}
        name="stateId"
        defaultValue={states?.some((s) => s.id === defaultStateId) ? String(defaultStateId) : ''}
        disabled={!states}
        className={inputClass}
        aria-invalid={error ? true : undefined}
      >
        <option value="">{states ? t('stateNone') : t('statesLoading')}</option>
        {states?.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      {error ? <p className="mt-1 text-sm text-red-800">{error}</p> : null}
    </div>
  );
}

export function NewAddressForm({ countries }: { countries: Country[] }) {
  const t = useTranslations('account.addresses');
  // Added: the fields start again, the chosen country's states with them.
  const [round, setRound] = useState(0);
  return (
    <ActionForm
      action={createAddressAction}
      label={t('newLabel')}
      success={t('added')}
      resetOnSuccess
      onSuccess={() => setRound((r) => r + 1)}
      className="flex flex-col gap-3"
    >
      {({ pending, fieldError }) => (
        <>
          <AddressFields key={round} countries={countries} fieldError={fieldError} />
          <SubmitButton pending={pending} label={t('addButton')} busy={t('adding')} />
        </>
      )}
    </ActionForm>
  );
}

/** The addresses list's heading: where the focus goes once an address is archived and its item gone. */
export const ADDRESSES_HEADING = 'addresses-heading';

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
          <ActionForm
            action={archiveAddressAction}
            label={t('archiveLabel', { name: address.name })}
            success={t('archived')}
            focusOnRemoval={ADDRESSES_HEADING}
          >
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
