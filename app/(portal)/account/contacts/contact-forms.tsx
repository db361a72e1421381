'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { ActionForm, Field, SubmitButton } from '@/components/action-form';
import { ConfirmSubmit } from '@/components/confirm-dialog';
import { Badge, secondaryButtonClass } from '@/components/ui';
import type { CompanyContact } from '@/lib/types';
import { CUSTOMER_ROLES, ROLE_MESSAGE_KEY, type CustomerRole } from '@/lib/role-names';
import { deactivateContactAction, inviteContactAction, reactivateContactAction, setRolesAction } from '../actions';

function RoleChoices({ name, selected, legend, error }: { name: string; selected: CustomerRole[]; legend: string; error?: string }) {
  const t = useTranslations('common.roles');
  const errorId = useId();
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-3">
        {CUSTOMER_ROLES.map((r) => (
          <label key={r} className="inline-flex items-center gap-1.5 text-sm">
            <input type="checkbox" name={name} value={r} defaultChecked={selected.includes(r)} /> {t(ROLE_MESSAGE_KEY[r])}
          </label>
        ))}
      </div>
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function InviteForm() {
  const t = useTranslations('account.contacts');
  return (
    <ActionForm action={inviteContactAction} label={t('invite')} success={t('invited')} resetOnSuccess className="flex flex-col gap-3">
      {({ pending, fieldError }) => (
        <>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <Field name="name" label={t('name')} required maxLength={128} error={fieldError('name')} />
            <Field name="email" label={t('email')} type="email" required maxLength={254} error={fieldError('email')} />
          </div>
          <RoleChoices name="roles" selected={['buyer']} legend={t('roles')} error={fieldError('roles')} />
          <SubmitButton pending={pending} label={t('inviteButton')} busy={t('inviting')} />
        </>
      )}
    </ActionForm>
  );
}

export function ContactItem({ contact, manage, isMe }: { contact: CompanyContact; manage: boolean; isMe: boolean }) {
  const t = useTranslations('account.contacts');
  const roleWords = useTranslations('common.roles');
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        <p className="font-semibold">{isMe ? t('you', { name: contact.name }) : contact.name}</p>
        {!contact.active ? <Badge color="slate">{t('deactivated')}</Badge> : null}
        {contact.roles.map((r) => (
          <Badge key={r} color="blue">
            {roleWords(ROLE_MESSAGE_KEY[r])}
          </Badge>
        ))}
      </div>
      <p className="text-sm text-slate-700">{[contact.email, contact.jobTitle, contact.phone].filter(Boolean).join(' · ')}</p>
      {manage ? (
        <div className="mt-3 flex flex-col gap-3">
          {contact.active ? (
            <ActionForm
              action={setRolesAction}
              label={t('rolesOf', { name: contact.name })}
              success={t('rolesSaved')}
              className="flex flex-wrap items-end gap-3"
            >
              {({ pending, fieldError }) => (
                <>
                  <input type="hidden" name="id" value={contact.id} />
                  <RoleChoices
                    name="roles"
                    selected={contact.roles}
                    legend={t('rolesOf', { name: contact.name })}
                    error={fieldError('roles')}
                  />
                  <button type="submit" className={secondaryButtonClass} aria-disabled={pending || undefined}>
                    {t('saveRoles')}
                  </button>
                </>
              )}
            </ActionForm>
          ) : null}
          {!isMe ? (
            <ActionForm
              action={contact.active ? deactivateContactAction : reactivateContactAction}
              label={t(contact.active ? 'deactivateLabel' : 'reactivateLabel', { name: contact.name })}
              success={contact.active ? t('deactivatedDone') : t('reactivatedDone')}
            >
              {({ pending }) => (
                <>
                  <input type="hidden" name="id" value={contact.id} />
                  {contact.active ? (
                    <ConfirmSubmit
                      className={secondaryButtonClass}
                      disabled={pending}
                      title={t('deactivateTitle', { name: contact.name })}
                      description={t('deactivateDescription')}
                      confirmLabel={t('deactivateConfirm')}
                    >
                      {t.rich('deactivate', { name: contact.name, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
                    </ConfirmSubmit>
                  ) : (
                    <button type="submit" className={secondaryButtonClass} aria-disabled={pending || undefined}>
                      {t.rich('reactivate', { name: contact.name, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
                    </button>
                  )}
                </>
              )}
            </ActionForm>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
