'use client';

import { useTranslations } from 'next-intl';
import { ActionForm, Field, SubmitButton } from '@/components/action-form';
import { updateMyContactAction } from './actions';

export function MyContactForm({ name, phone }: { name: string; phone: string | null }) {
  const t = useTranslations('account.me');
  return (
    <ActionForm action={updateMyContactAction} label={t('title')} success={t('saved')} className="flex flex-col gap-3">
      {({ pending, fieldError }) => (
        <>
          <Field
            name="name"
            label={t('name')}
            defaultValue={name}
            required
            maxLength={128}
            autoComplete="name"
            error={fieldError('name')}
          />
          <Field
            name="phone"
            label={t('phone')}
            type="tel"
            defaultValue={phone}
            maxLength={32}
            autoComplete="tel"
            error={fieldError('phone')}
          />
          <SubmitButton pending={pending} label={t('save')} busy={t('saving')} />
        </>
      )}
    </ActionForm>
  );
}
