import 'server-only';
import { pipeline, Readable, Transform } from 'node:stream';

type MinorGc = (options: { type: 'minor'; execution: 'sync' }) => void;

/**
 * Passes a large download (an invoice PDF, the invoices ZIP) through unchanged, running a
 * minor garbage collection every `everyBytes` when Node was started with --expose-gc
 * (scripts/stack.ts does; production: NODE_OPTIONS=--expose-gc). Without it, nothing changes.
 *
 * Why: every socket read allocates a fresh buffer outside the JavaScript heap, and V8
 * collects those only once tens of MB of them have piled up, so streaming a large PDF
 * raises the server's RSS far beyond the few chunks held at once. A scavenge every 4 MB
 * frees them as they go. The figures are in docs/performance.md
 * (`BENCH_PARTS=memory npm run bench`).
 */
export function scavengeWhileStreaming(
  body: Readable,
  { everyBytes = 4 * 1024 * 1024, gc = (globalThis as { gc?: MinorGc }).gc }: { everyBytes?: number; gc?: MinorGc | null } = {},
): Readable {
  if (!gc) return body;
  let since = 0;
  const out = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      since += chunk.byteLength;
      if (since >= everyBytes) {
        since = 0;
        gc({ type: 'minor', execution: 'sync' });
      }
      done(null, chunk);
    },
  });
  // pipeline, not pipe: a failed or aborted side destroys the other, so no socket is left open.
  pipeline(body, out, () => {});
  return out;
}

/** A large download as a route handler's Response body: scavenged as above, as a web stream. */
export function downloadBody(body: Readable): ReadableStream<Uint8Array> {
  return Readable.toWeb(scavengeWhileStreaming(body)) as ReadableStream<Uint8Array>;
}
