/**
 * next-auth's routes the portal uses (one OIDC provider, `oidc`; no email or passkey sign-in).
 * next-auth answers any other path under /api/auth with a 400 and logs it as an error with
 * its stack, so anyone could fill the log from outside; those get a plain 404 instead.
 */
const AUTH_ROUTES = /^\/api\/auth\/(session|csrf|providers|signin|signin\/oidc|signout|callback\/oidc|error|verify-request)$/;

export function isAuthRoute(pathname: string): boolean {
  return AUTH_ROUTES.test(pathname);
}
