import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it, vi } from 'vitest';
import { scavengeWhileStreaming } from '../../lib/http/scavenge-while-streaming';

const MB = 1024 * 1024;

function chunks(count: number, size: number): Readable {
  let i = 0;
  return new Readable({
    read() {
      this.push(i === count ? null : Buffer.alloc(size, i++ % 251));
    },
  });
}

describe('a large download passed through with scavenges', () => {
  it('passes every byte through unchanged and collects once per 4 MB streamed', async () => {
    const gc = vi.fn();
    const out = await buffer(scavengeWhileStreaming(chunks(20, MB / 2), { gc })); // 10 MB
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

  it('closes the source when the download is abandoned', async () => {
    const body = chunks(100, MB);
    const out = scavengeWhileStreaming(body, { gc: vi.fn() });
    out.destroy();
    await new Promise((resolve) => body.once('close', resolve));
    expect(body.destroyed).toBe(true);
  });
});
