import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DOWNLOADS_PER_PERSON, takeDownloadSlot } from '../../lib/http/download-slots';

describe('downloads in the making, per person', () => {
  it('allows DOWNLOADS_PER_PERSON at once, refuses the next, and gives a slot back when a download closes', async () => {
    expect(DOWNLOADS_PER_PERSON).toBe(2);
    const first = new PassThrough();
    takeDownloadSlot('fiona')!.hold(first);
    const second = takeDownloadSlot('fiona')!.hold(new PassThrough());
    expect(takeDownloadSlot('fiona')).toBeNull();
    // Someone else is not held back by Fiona's downloads.
    expect(takeDownloadSlot('alice')).not.toBeNull();

    // Finished, or abandoned by the browser: either way the slot comes back.
    first.end();
    first.resume();
    await new Promise((closed) => first.once('close', closed));
    const third = takeDownloadSlot('fiona');
    expect(third).not.toBeNull();
    const body = third!.hold(new PassThrough());
    expect(takeDownloadSlot('fiona')).toBeNull();
    second.destroy();
    body.destroy();
    await new Promise((closed) => setImmediate(closed));
    const last = takeDownloadSlot('fiona')!;
    expect(takeDownloadSlot('fiona')).not.toBeNull();
    expect(takeDownloadSlot('fiona')).toBeNull();
    // A download that never got its body gives its slot back by hand, once however often it is called.
    last.release();
    last.release();
    expect(takeDownloadSlot('fiona')).not.toBeNull();
    expect(takeDownloadSlot('fiona')).toBeNull();
  });
});
