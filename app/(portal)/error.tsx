'use client';

/** Shown when a page of the portal failed, e.g. the ERP is not reachable; "Try again" re-renders it. */
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="flex flex-col gap-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h1 className="text-xl font-bold">This page could not be loaded</h1>
      <p>The ERP may not be reachable right now. Please try again in a moment.</p>
      {error.digest && <p className="text-sm text-slate-600">Reference: {error.digest}</p>}
      <button type="button" onClick={reset} className="self-start rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">
        Try again
      </button>
    </div>
  );
}
