'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { startTransition } from 'react';

const KINDS: Record<string, 'unavailable' | 'timeout' | 'refused'> = {
  'odoo-unavailable': 'unavailable',
  'odoo-timeout': 'timeout',
  'odoo-refused': 'refused',
};

/**
 * What a failed page shows. The ERP's outages, timeouts and refusals of the portal's
 * credentials carry their own digest (OdooUnavailableError, OdooAuthError), so people read what happened; anything else gets a reference to
 * quote to support.
 */
export function ErrorPanel({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errors.page');
  const router = useRouter();
  // reset() alone renders the same failed server answer again: the page is asked of the
  // server anew, and the boundary cleared when it arrives (in one transition, so the error
  // stays on screen until then).
  const tryAgain = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  const kind = KINDS[error.digest ?? ''] ?? 'failed';
  const text = { title: t(`${kind}.title`), body: t(`${kind}.body`) };
  return (
    <div role="alert" className="flex flex-col gap-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h1 className="text-xl font-bold">{text.title}</h1>
      <p>{text.body}</p>
      {error.digest && !error.digest.startsWith('odoo-') ? (
        <p className="text-sm text-slate-700">{t('reference', { digest: error.digest })}</p>
      ) : null}
      <button type="button" onClick={tryAgain} className="self-start rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">
        {t('tryAgain')}
      </button>
    </div>
  );
}
