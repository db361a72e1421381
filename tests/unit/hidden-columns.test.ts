import { describe, expect, it } from 'vitest';
import { parseHidden } from '../../components/hidden-columns';

describe('the stored column choice', () => {
  it('reads a list of column ids', () => {
    expect([...parseHidden('["type","due"]')]).toEqual(['type', 'due']);
  });

  it('hides nothing for an entry that is not a list of ids', () => {
    for (const stored of ['', 'type', '{"type":true}', '"type"', 'null', '[1,2]']) expect([...parseHidden(stored)], stored).toEqual([]);
    expect([...parseHidden('["type",3,null]')]).toEqual(['type']);
  });
});

describe('the column choice where the browser refuses to store it', () => {
  it('is kept in memory and read back from there', async () => {
    const stored = new Map<string, string>();
    const storage = {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    const g = globalThis as unknown as { localStorage?: unknown; window?: unknown };
    g.localStorage = storage;
    try {
      const { hiddenColumnsStore } = await import('../../components/hidden-columns');
      hiddenColumnsStore.write('/invoices', new Set(['type']));
      expect(parseHidden(hiddenColumnsStore.read('/invoices'))).toEqual(new Set(['type']));
      // Another list's choice is its own.
      expect(hiddenColumnsStore.read('/orders')).toBe('[]');
    } finally {
      delete g.localStorage;
    }
  });
});
