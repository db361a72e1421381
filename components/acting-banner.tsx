'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useState } from 'react';
import type { ActionResult } from '@/lib/http/action';
import { useTranslations } from 'next-intl';
import { useFormat } from '@/lib/i18n/use-format';
import { ConfirmSubmit } from './confirm-dialog';

type BannerAction = (prev: unknown, form: FormData) => Promise<ActionResult<unknown>>;

/**
 * Shown on every page while an account manager acts for a customer: who, for whom, how
 * long is left, whether changes are allowed, and the stop button. At the time limit the
 * page refreshes and the server ends the session.
 */
export function ActingBanner({
  staffName,
  contactName,
  tenantName,
  expiresAt,
  canWrite,
  stopActingAction,
  setActingWriteAction,
}: {
  staffName: string;
  contactName: string;
  tenantName: string;
  expiresAt: string;
  canWrite: boolean;
  /** The support pages' server actions, handed down by the layout: components never import app/. */
  stopActingAction: BannerAction;
  setActingWriteAction: BannerAction;
}) {
  const t = useTranslations('shell.acting');
  const f = useFormat();
  const router = useRouter();
  // Null until mounted: the server's clock and the browser's differ, so the first render
  // (server HTML and hydration alike) shows the fixed end time and the countdown starts after.
  const [left, setLeft] = useState<number | null>(null);
  const [stopState, stop, stopping] = useActionState(stopActingAction, null);
  const [writeState, toggleWrite, toggling] = useActionState(setActingWriteAction, null);
  useEffect(() => {
    const tick = () => {
      const ms = Date.parse(expiresAt) - Date.now();
      setLeft(ms);
      if (ms <= 0) router.refresh();
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [expiresAt, router]);
  useEffect(() => {
    if (stopState?.ok) router.push('/support');
  }, [stopState, router]);
  useEffect(() => {
    if (writeState?.ok) router.refresh();
  }, [writeState, router]);
  const minutes = Math.max(0, Math.floor((left ?? 0) / 60_000));
  const seconds = Math.max(0, Math.floor(((left ?? 0) % 60_000) / 1000));
  return (
    <div role="region" aria-label={t('region')} className="bg-amber-300 text-slate-950">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-2 text-sm">
        <p>
          {t.rich('who', { staff: staffName, contact: contactName, tenant: tenantName, b: (chunks) => <strong>{chunks}</strong> })} ·{' '}
          {canWrite ? t('changesAllowed') : t('readOnly')} ·{' '}
          <span aria-live="off">
            {left === null
              ? t('until', { time: f.time(expiresAt) })
              : t('left', { time: `${minutes}:${String(seconds).padStart(2, '0')}` })}
          </span>
        </p>
        <div className="flex flex-wrap gap-2">
          <form action={toggleWrite}>
            <input type="hidden" name="canWrite" value={canWrite ? 'false' : 'true'} />
            <button
              type="submit"
              disabled={toggling}
              className="rounded border border-slate-900 bg-white px-3 py-1 font-semibold hover:bg-amber-100"
            >
              {canWrite ? t('makeReadOnly') : t('allowChanges')}
            </button>
          </form>
          <form action={stop}>
            <ConfirmSubmit
              disabled={stopping}
              className="rounded bg-slate-900 px-3 py-1 font-semibold text-white hover:bg-slate-700"
              title={t('stopTitle', { contact: contactName })}
              description={t('stopDescription', { tenant: tenantName })}
              confirmLabel={t('stop')}
            >
              {t('stop')}
            </ConfirmSubmit>
          </form>
        </div>
        {stopState && !stopState.ok ? <p role="alert">{stopState.error.message}</p> : null}
        {writeState && !writeState.ok ? <p role="alert">{writeState.error.message}</p> : null}
      </div>
    </div>
  );
}
