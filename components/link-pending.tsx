'use client';

import { useLinkStatus } from 'next/link';

/**
 * A small spinner beside a link whose page is on its way. Pages render whole, without a
 * loading skeleton: React reveals streamed Suspense content in batches (up to 300 ms later),
 * which put a list's largest paint later than the page itself took; this keeps the feedback
 * of a click without that delay.
 */
export function LinkPending() {
  const { pending } = useLinkStatus();
  return pending ? (
    <span
      aria-hidden="true"
      className="ml-1 inline-block size-3 animate-spin rounded-full border-2 border-current border-t-transparent align-middle"
    />
  ) : null;
}
