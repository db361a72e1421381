import { describe, expect, it } from 'vitest';
import { defaultAddressId } from '../../lib/default-address';

// As listAddresses offers them: the company address first, then the active delivery addresses.
const offered = [{ id: 10 }, { id: 26 }, { id: 27 }];

describe('the delivery address an order starts from', () => {
  it('is the original order’s address when ordering again and it is still active', () => {
    expect(defaultAddressId(offered, 27)).toBe(27);
  });

  it('is the company address when the original address was archived or is not a delivery address', () => {
    expect(defaultAddressId(offered, 99)).toBe(10);
    expect(defaultAddressId(offered, null)).toBe(10);
  });

  it('is nothing when nothing is offered', () => {
    expect(defaultAddressId([], 27)).toBeUndefined();
  });
});
