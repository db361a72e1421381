'use client';

import { ErrorPanel } from '@/components/error-panel';

/** Catches failures of the group layouts too (e.g. the ERP is down while the session is resolved). */
export default function RootError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-10">
      <ErrorPanel {...props} />
    </main>
  );
}
