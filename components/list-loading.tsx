/** The skeleton of a list page while its data loads (loading.tsx of the list routes). */
export function ListLoading({ what }: { what: string }) {
  return (
    <div role="status" aria-live="polite" className="animate-pulse">
      <span className="sr-only">Loading {what}…</span>
      <div className="mb-6 h-8 w-40 rounded bg-slate-200" />
      <div className="mb-4 h-24 rounded bg-slate-200" />
      <div className="h-96 rounded bg-slate-200" />
    </div>
  );
}
