import { afterEach, describe, expect, it, vi } from 'vitest';
import { addressInput, countryCode, inviteInput, myContactInput } from '../../lib/schemas/account';
import { isoDate, page, pageSize, recordId, searchText } from '../../lib/schemas/common';
import { cartLine, placeOrderInput, quickOrderInput, repriceInput } from '../../lib/schemas/orders';
import { customerSearchQuery, startActingInput } from '../../lib/schemas/support';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => i.message);

describe('ids are canonical positive integers', () => {
  it('takes digits and integer numbers within the 32-bit range', () => {
    expect(recordId.parse('10')).toBe(10);
    expect(recordId.parse('2147483647')).toBe(2_147_483_647);
    expect(recordId.parse(42)).toBe(42);
  });

  it.each([
    '1e1',
    '01',
    '1.0',
    '0x10',
    '+1',
    ' 1',
    '1 ',
    '-1',
    '0',
    '',
    '1_000',
    '２',
    '2147483648',
    '99999999999999999999',
    'NaN',
    'Infinity',
  ])('refuses “%s”', (raw) => {
    expect(recordId.safeParse(raw).success).toBe(false);
  });

  it.each([1.5, 0, -3, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])('refuses the number %s', (n) => {
    expect(recordId.safeParse(n).success).toBe(false);
  });

  it('reads pages and page sizes the same way', () => {
    expect(page.parse(undefined)).toBe(1);
    expect(page.parse('3')).toBe(3);
    expect(page.safeParse('1e1').success).toBe(false);
    expect(pageSize.parse('50')).toBe(50);
    expect(pageSize.safeParse('5e1').success).toBe(false);
    expect(pageSize.safeParse('050').success).toBe(false);
  });
});

describe('text fields refuse control characters', () => {
  it.each([
    'Bob\u0000',
    'Bob\u001b[31m',
    'Bob\nBuyer',
    'Bob\tBuyer',
    'Bob\u0085',
    'Bob\u2028Buyer',
    'Bob\u007f',
    // A direction override shows the rest reversed; half a surrogate pair is no character.
    'Bob\u202eexe.txt',
    'Bob\u202dBuyer',
    'Bob\u2067Buyer',
    'Bob\u202aBuyer',
    'Bob Buyer \ud800x',
    'Bob \udc00Buyer',
  ])('in a one-line field: %j', (name) => {
    expect(messages(myContactInput.safeParse({ name }))).toEqual(['The name cannot contain control characters.']);
  });

  it('in every one-line text schema', () => {
    const bad = 'x\u0007y';
    expect(addressInput.safeParse({ name: bad, street: 'Main St 1', zip: '12345', city: 'Town', countryCode: 'US' }).success).toBe(false);
    expect(
      addressInput.safeParse({ name: 'Depot', street: 'Main St 1', street2: bad, zip: '12345', city: 'Town', countryCode: 'US' }).success,
    ).toBe(false);
    expect(inviteInput.safeParse({ name: bad, email: 'new@brightline.example', roles: 'buyer' }).success).toBe(false);
    expect(searchText.safeParse(bad).success).toBe(false);
    expect(customerSearchQuery.safeParse({ q: bad }).success).toBe(false);
    expect(
      placeOrderInput.safeParse({
        idempotencyKey: crypto.randomUUID(),
        lines: [{ productId: 1, quantity: 1 }],
        shippingAddressId: 1,
        poReference: 'PO\r\n1',
      }).success,
    ).toBe(false);
  });

  it('keep whole surrogate pairs (emoji, rare scripts) and the direction marks right-to-left names use', () => {
    expect(myContactInput.parse({ name: 'Bob 🔩 Buyer' }).name).toBe('Bob 🔩 Buyer');
    expect(myContactInput.parse({ name: '𠜎 Chen' }).name).toBe('𠜎 Chen');
    expect(myContactInput.parse({ name: 'שלום\u200f Ltd' }).name).toBe('שלום\u200f Ltd');
    const po = (poReference: string) =>
      placeOrderInput.safeParse({
        idempotencyKey: crypto.randomUUID(),
        lines: [{ productId: 1, quantity: 1 }],
        shippingAddressId: 1,
        poReference,
      });
    expect(po('PO-\u202etxt.exe').success).toBe(false);
    expect(po('PO-4711').success).toBe(true);
  });

  it('count invisible characters as nothing: a field of zero-width spaces is empty', () => {
    const zw = '\u200b'.repeat(15);
    expect(messages(myContactInput.safeParse({ name: zw }))).toEqual(['Enter the name.']);
    expect(myContactInput.parse({ name: '\u200bBob Buyer\u2060 ' }).name).toBe('Bob Buyer');
    expect(addressInput.safeParse({ name: zw, street: zw, zip: zw, city: zw, countryCode: 'US' }).success).toBe(false);
    const acting = { customerId: '10', contactId: '21', minutes: '30' };
    expect(messages(startActingInput.safeParse({ ...acting, reason: zw }))).toEqual([
      'Give a reason in words, at least 15 characters: the customer reads it.',
    ]);
    expect(startActingInput.safeParse({ ...acting, reason: `Call\u200b${'\u200b'.repeat(20)}back` }).success).toBe(false);
    // Blank on screen though Unicode calls some of them letters: Braille blank, Hangul fillers; and a row of dots says nothing.
    for (const blank of ['\u2800', '\u3164', '\u115f', '\uffa0']) {
      expect(startActingInput.safeParse({ ...acting, reason: blank.repeat(20) }).success).toBe(false);
    }
    expect(startActingInput.safeParse({ ...acting, reason: '…'.padEnd(20, '.') }).success).toBe(false);
    expect(startActingInput.safeParse({ ...acting, reason: 'Ticket 4711: PDF?' }).success).toBe(true);
    // Joiners inside a word stay: they are part of how some scripts and emoji are written.
    expect(myContactInput.parse({ name: 'Ana 👩\u200d💻' }).name).toBe('Ana 👩\u200d💻');
    // A flag emoji ends in tag characters, which are not invisible padding.
    const wales = 'Ana 🏴\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}';
    expect(myContactInput.parse({ name: wales }).name).toBe(wales);
  });

  it('keeps line breaks and tabs only in multi-line fields', () => {
    expect(quickOrderInput.parse({ text: 'FAS-1001\t12\r\nHTL-1002 3\n' }).text).toBe('FAS-1001\t12\r\nHTL-1002 3\n');
    expect(quickOrderInput.safeParse({ text: 'FAS-1001 12\u0000' }).success).toBe(false);
    const acting = { customerId: '10', contactId: '21', minutes: '30' };
    expect(startActingInput.parse({ ...acting, reason: 'Customer called:\nhelp with a reorder' }).reason).toBe(
      'Customer called:\nhelp with a reorder',
    );
    expect(startActingInput.safeParse({ ...acting, reason: 'Customer called: help with\u001b a reorder' }).success).toBe(false);
    expect(startActingInput.safeParse({ ...acting, minutes: '3e1', reason: 'Customer called: help with a reorder' }).success).toBe(false);
  });
});

describe('quantities and delivery dates', () => {
  afterEach(() => vi.useRealTimers());
  /** An order that asks for delivery on this date. */
  const order = (requestedDate: string) =>
    placeOrderInput.safeParse({
      idempotencyKey: crypto.randomUUID(),
      lines: [{ productId: 1, quantity: 1 }],
      shippingAddressId: 1,
      requestedDate,
    });

  it('reads quantities as decimals only', () => {
    expect(cartLine.parse({ productId: '1', quantity: '2,5' }).quantity).toBe(2.5);
    expect(cartLine.parse({ productId: 1, quantity: 12 }).quantity).toBe(12);
    for (const quantity of ['0x10', '1e3', '+5', '', ' ', 'Infinity', '1.2.3', '0', '100001', '1.2345']) {
      expect(cartLine.safeParse({ productId: 1, quantity }).success, quantity).toBe(false);
    }
  });

  it('refuses quantities finer than Odoo keeps (2 decimals), as text or as numbers, and keeps two decimals', () => {
    for (const quantity of ['0.0000000001', 1e-10, 1e-300, Number.MIN_VALUE, 0.0004, 0.001, 1.125, '1.1250']) {
      const parsed = cartLine.safeParse({ productId: 1, quantity });
      expect(parsed.success, String(quantity)).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe('Use at most 2 decimals.');
    }
    expect(cartLine.parse({ productId: 1, quantity: 1.01 }).quantity).toBe(1.01);
    expect(cartLine.parse({ productId: 1, quantity: 0.1 + 0.2 }).quantity).toBe(0.3);
  });

  it('holds one product on several lines to the same limit as one line', () => {
    const lines = (...q: number[]) => q.map((quantity) => ({ productId: 7, quantity }));
    expect(repriceInput.safeParse({ lines: lines(50_000, 50_000) }).success).toBe(true);
    expect(messages(repriceInput.safeParse({ lines: lines(100_000, 100_000) }))).toEqual(['At most 100,000 of one product per order.']);
    expect(
      placeOrderInput.safeParse({ idempotencyKey: crypto.randomUUID(), lines: lines(60_000, 60_000), shippingAddressId: 1 }).success,
    ).toBe(false);
  });

  it('refuses a requested delivery date before today (UTC)', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-10T23:30:00Z'));
    expect(messages(order('2026-03-09'))).toEqual(['The requested date cannot be in the past.']);
    expect(order('2026-03-10').success).toBe(true);
    expect(order('').success).toBe(true);
    vi.setSystemTime(new Date('2026-03-11T00:30:00Z'));
    expect(order('2026-03-10').success).toBe(false);
    expect(order('2026-03-11').success).toBe(true);
  });

  it('refuses a requested delivery date more than a year ahead (a mistyped year)', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-10T12:00:00Z'));
    expect(order('2027-03-11').success).toBe(true);
    expect(messages(order('2027-03-12'))).toEqual(['The requested date can be at most a year ahead.']);
    expect(order('9999-12-31').success).toBe(false);
  });
});

describe('dates', () => {
  it('are real calendar days from year 1: Odoo has no year 0 and answers a server error for one', () => {
    for (const d of ['0001-01-01', '0999-12-31', '2026-02-28', '9999-12-31']) expect(isoDate.safeParse(d).success, d).toBe(true);
    for (const d of ['0000-01-01', '0000-12-31', '2026-02-30', '2026-13-01', '26-01-01', '2026-1-1'])
      expect(isoDate.safeParse(d).success, d).toBe(false);
  });
});

describe('country codes', () => {
  it('take two Latin letters in any case, and refuse letters that upper-case into two', () => {
    expect(countryCode.parse(' us ')).toBe('US');
    for (const code of ['ß', 'ı', 'ǆ', 'USA', 'U', '1A', 'ＵＳ']) expect(countryCode.safeParse(code).success, code).toBe(false);
    expect(messages(addressInput.safeParse({ name: 'Depot', street: '1 Rd', zip: '1', city: 'X', countryCode: 'ß' }))).toEqual([
      'Choose a country.',
    ]);
  });
});

describe('optional form fields left empty', () => {
  const start = { customerId: '10', contactId: '21', reason: 'Customer asked for help with a reorder' };
  it('take their default: an empty time limit is the default one, not a refusal', () => {
    for (const minutes of ['', '  ', undefined]) {
      const parsed = startActingInput.safeParse({ ...start, minutes });
      expect(parsed.success, JSON.stringify(minutes)).toBe(true);
      expect(parsed.data?.minutes).toBeUndefined();
    }
    expect(startActingInput.parse({ ...start, minutes: '45' }).minutes).toBe(45);
  });
  it('are still checked when filled in', () => {
    for (const minutes of ['4', '241', 'abc', '30.5']) {
      expect(startActingInput.safeParse({ ...start, minutes }).success, minutes).toBe(false);
    }
  });
});

describe('the roles of a contact', () => {
  const invite = (roles: unknown) => inviteInput.safeParse({ name: 'Nora New', email: 'Nora@Brightline.example', roles });

  it('count a role sent more than once (a forged form) once', () => {
    const parsed = invite(['buyer', 'buyer', 'buyer', 'finance', 'buyer']);
    expect(parsed.success && parsed.data.roles).toEqual(['buyer', 'finance']);
    expect(invite('viewer').data?.roles).toEqual(['viewer']);
  });

  it('say in words what is wrong, never zod’s own text', () => {
    expect(messages(invite([]))).toEqual(['Choose at least one role.']);
    expect(messages(invite(['buyer', 'owner']))).toEqual(['Not a portal role.']);
    const long = inviteInput.safeParse({ name: 'Nora', email: `${'n'.repeat(250)}@b.example`, roles: ['buyer'] });
    expect(messages(long)).toContain('An email address is at most 254 characters.');
  });
});
