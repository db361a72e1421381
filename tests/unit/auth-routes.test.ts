import { describe, expect, it } from 'vitest';
import { isAuthRoute } from '../../lib/http/auth-routes';

describe('the next-auth routes the portal serves', () => {
  it('are the sign-in, callback, session and sign-out routes of its one OIDC provider', () => {
    for (const path of ['session', 'csrf', 'providers', 'signin', 'signin/oidc', 'signout', 'callback/oidc', 'error', 'verify-request'])
      expect(isAuthRoute(`/api/auth/${path}`), path).toBe(true);
  });

  it('leave out every other path, which next-auth would log as an error', () => {
    for (const path of ['x1', 'webauthn-options/oidc', 'callback/github', 'signin/oidc/extra', 'session/', 'callback', ''])
      expect(isAuthRoute(`/api/auth/${path}`), path).toBe(false);
  });
});
