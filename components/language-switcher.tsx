'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useId } from 'react';
import type { ActionResult } from '@/lib/http/action';
import { LOCALES, LOCALE_NAMES, type Locale } from '@/lib/i18n/locales';

type SetLanguage = (prev: unknown, form: FormData) => Promise<ActionResult<unknown>>;

/**
 * The contact's language, written back to Odoo (res.partner.lang) so every channel speaks
 * it: the portal, and Odoo's own emails and documents. A select and a button, not a select
 * that submits on change: changing a field never moves the reader elsewhere (WCAG 3.2.2).
 */
export function LanguageSwitcher({ current, setLanguageAction }: { current: Locale; setLanguageAction: SetLanguage }) {
  const t = useTranslations('shell');
  const router = useRouter();
  const id = useId();
  const [state, submit, pending] = useActionState(setLanguageAction, null);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <form action={submit} className="flex items-center gap-1.5">
      <label htmlFor={id} className="sr-only">
        {t('language')}
      </label>
      <select id={id} name="locale" defaultValue={current} className="rounded border border-slate-400 bg-white px-2 py-1 text-slate-900">
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      <button type="submit" disabled={pending} className="rounded border border-slate-400 px-2 py-1 hover:bg-slate-100">
        {t('changeLanguage')}
      </button>
      {state && !state.ok ? (
        <p role="alert" className="w-full text-red-800">
          {state.error.message}
        </p>
      ) : null}
    </form>
  );
}
