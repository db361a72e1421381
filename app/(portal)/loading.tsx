export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse text-slate-600">
      Loading…
    </div>
  );
}
