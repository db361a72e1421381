import { describe, expect, it } from 'vitest';
import { SUCCESS_TOAST_MS, toastLifetime, toastOfResult } from '@/lib/toast';

describe('toasts', () => {
  it('a success hides by itself after a few seconds, an error stays until dismissed', () => {
    expect(toastLifetime('success')).toBe(SUCCESS_TOAST_MS);
    expect(SUCCESS_TOAST_MS).toBeGreaterThanOrEqual(5000);
    expect(toastLifetime('error')).toBeNull();
  });

  it('an action’s error is an error toast with its message', () => {
    const result = { ok: false as const, error: { code: 'bad_request' as const, message: 'You cannot deactivate yourself.' } };
    expect(toastOfResult(result, 'Contact deactivated.')).toEqual({ tone: 'error', message: 'You cannot deactivate yourself.' });
  });

  it('a success says the form’s text, and nothing when the form has none', () => {
    expect(toastOfResult({ ok: true, data: null }, 'Address added.')).toEqual({ tone: 'success', message: 'Address added.' });
    expect(toastOfResult({ ok: true, data: null })).toBeNull();
  });
});
