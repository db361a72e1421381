'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { ActionForm, SubmitButton } from '@/components/action-form';
import { inputClass, labelClass } from '@/components/ui';
import { startActingAction } from '../../actions';

export function StartActingForm({
  customerId,
  contacts,
  defaultContactId,
  defaultMinutes,
}: {
  customerId: number;
  contacts: { id: number; label: string }[];
  /** The least privileged contact: a session starts with the narrowest view unless staff choose otherwise. */
  defaultContactId?: number;
  defaultMinutes: number;
}) {
  const t = useTranslations('support.customer');
  const router = useRouter();
  // The customer's home opens at its top, where the banner says whose account this is: Next
  // would scroll only as far as the page's own content, below the banner and the header.
  const arrive = () => {
    window.scrollTo(0, 0);
    router.push('/', { scroll: false });
  };
  return (
    <ActionForm action={startActingAction} label={t('actAs')} className="flex flex-col gap-3" onSuccess={arrive}>
      {({ pending, fieldError }) => (
        <>
          <input type="hidden" name="customerId" value={customerId} />
          <div>
            <label htmlFor="contactId" className={labelClass}>
              {t('form.contact')}
            </label>
            <select id="contactId" name="contactId" className={inputClass} defaultValue={defaultContactId}>
              {contacts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="reason" className={labelClass}>
              {t('form.reason')}
            </label>
            <textarea
              id="reason"
              name="reason"
              rows={3}
              maxLength={500}
              required
              className={inputClass}
              aria-invalid={fieldError('reason') ? true : undefined}
              aria-describedby={fieldError('reason') ? 'reason-error' : undefined}
            />
            {fieldError('reason') ? (
              <p id="reason-error" className="mt-1 text-sm text-red-800">
                {fieldError('reason')}
              </p>
            ) : null}
          </div>
          <div className="flex flex-wrap gap-6">
            <div>
              <label htmlFor="minutes" className={labelClass}>
                {t('form.minutes')}
              </label>
              <input
                id="minutes"
                name="minutes"
                type="number"
                min={5}
                max={240}
                defaultValue={defaultMinutes}
                className="w-28 rounded border border-slate-400 px-3 py-2 text-sm"
              />
              {fieldError('minutes') ? <p className="mt-1 text-sm text-red-800">{fieldError('minutes')}</p> : null}
            </div>
            <label className="inline-flex items-center gap-2 self-end text-sm">
              <input type="checkbox" name="canWrite" /> {t('form.canWrite')}
            </label>
          </div>
          <SubmitButton pending={pending} label={t('form.start')} busy={t('form.starting')} />
        </>
      )}
    </ActionForm>
  );
}
