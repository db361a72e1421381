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
