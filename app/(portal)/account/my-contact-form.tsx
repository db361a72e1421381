'use client';

import { ActionForm, Field, SubmitButton } from '@/components/action-form';
import { updateMyContactAction } from './actions';

export function MyContactForm({ name, phone }: { name: string; phone: string | null }) {
  return (
    <ActionForm action={updateMyContactAction} label="Your details" success="Saved." className="flex flex-col gap-3">
      {({ pending, fieldError }) => (
        <>
          <Field name="name" label="Name" defaultValue={name} required maxLength={128} autoComplete="name" error={fieldError('name')} />
          <Field name="phone" label="Phone" type="tel" defaultValue={phone} maxLength={32} autoComplete="tel" error={fieldError('phone')} />
          <SubmitButton pending={pending} label="Save" busy="Saving…" />
        </>
      )}
    </ActionForm>
  );
}
