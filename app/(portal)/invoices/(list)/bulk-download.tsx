'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert, buttonClass, secondaryButtonClass } from '@/components/ui';
import { useFormat } from '@/lib/i18n/use-format';

/**
 * Downloads a ZIP from the bulk route while showing how far it got: the server streams the
 * archive as it builds it, so bytes arrive from the first invoice on.
 */
export function BulkDownload({
  href,
  label,
  count,
  limit,
  variant = 'primary',
}: {
  href: string;
  label: string;
  count: number;
  limit: number;
  variant?: 'primary' | 'secondary';
}) {
  const t = useTranslations('invoices.bulk');
  const f = useFormat();
  const [status, setStatus] = useState<
    { kind: 'idle' } | { kind: 'running'; bytes: number } | { kind: 'done'; bytes: number } | { kind: 'error'; message: string }
  >({ kind: 'idle' });

  async function run() {
    setStatus({ kind: 'running', bytes: 0 });
    try {
      const res = await fetch(href);
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        return setStatus({ kind: 'error', message: body?.error?.message ?? t('failed', { status: res.status }) });
      }
      const reader = res.body.getReader();
      const chunks: Uint8Array[] = [];
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.length;
        setStatus({ kind: 'running', bytes });
      }
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: 'application/zip' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'invoices.zip';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setStatus({ kind: 'done', bytes });
    } catch (err) {
      setStatus({ kind: 'error', message: t('stopped', { message: (err as Error).message }) });
    }
  }

  const tooMany = count > limit;
  return (
    <div className="flex flex-col gap-2">
      <button
        type="button"
        className={variant === 'primary' ? buttonClass : secondaryButtonClass}
        onClick={run}
        disabled={status.kind === 'running' || count === 0 || tooMany}
      >
        {label}
      </button>
      {tooMany ? <p className="text-sm text-red-800">{t('tooMany', { limit, count })}</p> : null}
      <div aria-live="polite" className="text-sm">
        {status.kind === 'running' ? <span role="status">{t('preparing', { count, size: f.bytes(status.bytes) })}</span> : null}
        {status.kind === 'done' ? <span role="status">{t('done', { size: f.bytes(status.bytes) })}</span> : null}
        {status.kind === 'error' ? <Alert tone="error">{status.message}</Alert> : null}
      </div>
    </div>
  );
}
