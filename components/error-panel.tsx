'use client';

/**
 * What a failed page shows. The ERP's outages and timeouts carry their own digest (see
 * OdooUnavailableError), so people read what happened; anything else gets a reference to
 * quote to support.
 */
export function ErrorPanel({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const text =
    error.digest === 'odoo-unavailable'
      ? {
          title: 'The ERP is not reachable',
          body: 'Our ERP is not answering right now. Nothing was changed. Please try again in a moment.',
        }
      : error.digest === 'odoo-timeout'
        ? { title: 'The ERP took too long to answer', body: 'The request timed out. Nothing was changed. Please try again in a moment.' }
        : { title: 'This page could not be loaded', body: 'Something went wrong on our side. The problem was logged.' };
  return (
    <div role="alert" className="flex flex-col gap-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h1 className="text-xl font-bold">{text.title}</h1>
      <p>{text.body}</p>
      {error.digest && !error.digest.startsWith('odoo-') ? <p className="text-sm text-slate-700">Reference: {error.digest}</p> : null}
      <button type="button" onClick={reset} className="self-start rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">
        Try again
      </button>
    </div>
  );
}
