import { describe, expect, it, vi } from 'vitest';
import { scavengeWhileStreaming } from '../../lib/http/scavenge-while-streaming';

const MB = 1024 * 1024;

function chunks(count: number, size: number): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i === count) return controller.close();
      controller.enqueue(new Uint8Array(size).fill(i++ % 251));
    },
  });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('a large download passed through with scavenges', () => {
  it('passes every byte through unchanged and collects once per 4 MB streamed', async () => {
    const gc = vi.fn();
    const out = await readAll(scavengeWhileStreaming(chunks(20, MB / 2), { gc })); // 10 MB
    expect(out.byteLength).toBe(10 * MB);
    expect(out[0]).toBe(0);
    expect(out[out.byteLength - 1]).toBe(19);
    expect(gc).toHaveBeenCalledTimes(2);
    expect(gc).toHaveBeenCalledWith({ type: 'minor', execution: 'sync' });
  });

  it('leaves the stream as it is when Node runs without --expose-gc', () => {
    const body = chunks(1, 10);
    expect(scavengeWhileStreaming(body, { gc: null })).toBe(body);
  });
});
