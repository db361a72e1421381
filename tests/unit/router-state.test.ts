import { describe, expect, it } from 'vitest';
import { isUnreadableRouterState, markUnreadableRouterState } from '../../lib/http/router-state';
import { routerStateRefused, unreadableRouterState, UNREADABLE_ROUTER_STATE } from '../../lib/http/router-state-refusal';

const request = (headers: Record<string, string>) => ({ headers: { ...headers } as Record<string, string | string[] | undefined> });

describe('the router state header of an RSC request', () => {
  it('lets a request without one, or with one Next can read, through untouched', () => {
    expect(isUnreadableRouterState(undefined)).toBe(false);
    const readable = encodeURIComponent('["",{}]');
    expect(isUnreadableRouterState(readable)).toBe(false);
    const req = request({ rsc: '1', 'next-router-state-tree': readable });
    markUnreadableRouterState(req);
    expect(req.headers).toEqual({ rsc: '1', 'next-router-state-tree': readable });
  });

  it('marks one Next would fail on with a 500 (not JSON, not a tree, a broken escape, too large) and takes it away', () => {
    for (const value of ['x', '[]', '%E0', '{"children":1}', encodeURIComponent(`["",{"children":${'["",'.repeat(10_000)}`)]) {
      expect(isUnreadableRouterState(value), value.slice(0, 20)).toBe(true);
      const req = request({ rsc: '1', 'next-router-state-tree': value });
      markUnreadableRouterState(req);
      expect(req.headers).toEqual({ rsc: '1', [UNREADABLE_ROUTER_STATE]: '1' });
      expect(routerStateRefused(new Headers(req.headers as Record<string, string>))).toBe(true);
    }
  });

  it('removes a mark the client sent itself', () => {
    const req = request({ [UNREADABLE_ROUTER_STATE]: '1' });
    markUnreadableRouterState(req);
    expect(req.headers).toEqual({});
  });

  it('answers 400 in the portal’s error shape, never stored', async () => {
    const res = unreadableRouterState('req-1');
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await res.json()).toMatchObject({ error: { code: 'bad_request', requestId: 'req-1' } });
  });
});
