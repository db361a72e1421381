import { describe, expect, it } from 'vitest';
import { isUnreadableRouterState, unreadableRouterState } from '../../lib/http/router-state';

const withHeader = (value?: string) => new Headers(value === undefined ? {} : { 'next-router-state-tree': value });

describe('the router state header of an RSC request', () => {
  it('lets a request without one, or with one Next can read, through', () => {
    expect(isUnreadableRouterState(withHeader())).toBe(false);
    expect(isUnreadableRouterState(withHeader(encodeURIComponent('["",{}]')))).toBe(false);
  });

  it('refuses one Next would fail on with a 500: not JSON, not a tree, a broken escape, too large', () => {
    for (const value of ['x', '[]', '%E0', '{"children":1}', encodeURIComponent(`["",{"children":${'["",'.repeat(10_000)}`)]) {
      expect(isUnreadableRouterState(withHeader(value)), value.slice(0, 20)).toBe(true);
    }
  });

  it('answers 400 in the portal’s error shape, never stored', async () => {
    const res = unreadableRouterState('req-1');
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await res.json()).toMatchObject({ error: { code: 'bad_request', requestId: 'req-1' } });
  });
});
