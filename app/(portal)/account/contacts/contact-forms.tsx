'use client';

import { ActionForm, Field, SubmitButton } from '@/components/action-form';
import { ConfirmSubmit } from '@/components/confirm-dialog';
import { Badge, secondaryButtonClass } from '@/components/ui';
import type { CompanyContact } from '@/lib/types';
import { CUSTOMER_ROLES, type CustomerRole } from '@/lib/role-names';
import { deactivateContactAction, inviteContactAction, reactivateContactAction, setRolesAction } from '../actions';

export const ROLE_LABEL: Record<CustomerRole, string> = { 'customer-admin': 'Admin', buyer: 'Buyer', finance: 'Finance', viewer: 'Viewer' };

function RoleChoices({ name, selected, legend, error }: { name: string; selected: CustomerRole[]; legend: string; error?: string }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-3">
        {CUSTOMER_ROLES.map((r) => (
          <label key={r} className="inline-flex items-center gap-1.5 text-sm">
            <input type="checkbox" name={name} value={r} defaultChecked={selected.includes(r)} /> {ROLE_LABEL[r]}
          </label>
        ))}
      </div>
      {error ? <p className="mt-1 text-sm text-red-800">{error}</p> : null}
    </fieldset>
  );
}

export function InviteForm() {
  return (
    <ActionForm
      action={inviteContactAction}
      label="Invite a colleague"
      success="Colleague added. They can sign in with your company’s sign-in using this email."
      resetOnSuccess
      className="flex flex-col gap-3"
    >
      {({ pending, fieldError }) => (
        <>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <Field name="name" label="Name" required maxLength={128} error={fieldError('name')} />
            <Field name="email" label="Work email" type="email" required maxLength={254} error={fieldError('email')} />
          </div>
          <RoleChoices name="roles" selected={['buyer']} legend="Roles" error={fieldError('roles')} />
          <SubmitButton pending={pending} label="Invite" busy="Inviting…" />
        </>
      )}
    </ActionForm>
  );
}

export function ContactItem({ contact, manage, isMe }: { contact: CompanyContact; manage: boolean; isMe: boolean }) {
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        <p className="font-semibold">
          {contact.name}
          {isMe ? ' (you)' : ''}
        </p>
        {!contact.active ? <Badge color="slate">Deactivated</Badge> : null}
        {contact.roles.map((r) => (
          <Badge key={r} color="blue">
            {ROLE_LABEL[r]}
          </Badge>
        ))}
      </div>
      <p className="text-sm text-slate-700">{[contact.email, contact.jobTitle, contact.phone].filter(Boolean).join(' · ')}</p>
      {manage ? (
        <div className="mt-3 flex flex-col gap-3">
          {contact.active ? (
            <ActionForm
              action={setRolesAction}
              label={`Roles of ${contact.name}`}
              success="Roles saved."
              className="flex flex-wrap items-end gap-3"
            >
              {({ pending, fieldError }) => (
                <>
                  <input type="hidden" name="id" value={contact.id} />
                  <RoleChoices name="roles" selected={contact.roles} legend={`Roles of ${contact.name}`} error={fieldError('roles')} />
                  <button type="submit" className={secondaryButtonClass} disabled={pending}>
                    Save roles
                  </button>
                </>
              )}
            </ActionForm>
          ) : null}
          {!isMe ? (
            <ActionForm
              action={contact.active ? deactivateContactAction : reactivateContactAction}
              label={`${contact.active ? 'Deactivate' : 'Reactivate'} ${contact.name}`}
              success={contact.active ? 'Contact deactivated.' : 'Contact reactivated.'}
            >
              {({ pending }) => (
                <>
                  <input type="hidden" name="id" value={contact.id} />
                  {contact.active ? (
                    <ConfirmSubmit
                      className={secondaryButtonClass}
                      disabled={pending}
                      title={`Deactivate ${contact.name}?`}
                      description="They will no longer be able to sign in to the portal. An admin can reactivate them later."
                      confirmLabel="Deactivate contact"
                    >
                      Deactivate<span className="sr-only"> {contact.name}</span>
                    </ConfirmSubmit>
                  ) : (
                    <button type="submit" className={secondaryButtonClass} disabled={pending}>
                      Reactivate<span className="sr-only"> {contact.name}</span>
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
