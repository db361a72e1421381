/** The mark lib/http/router-state.ts puts on a request whose router state Next cannot read. */
export const UNREADABLE_ROUTER_STATE = 'x-portal-unreadable-router-state';

/** Whether lib/http/router-state.ts marked this request's router state as one Next cannot read. */
export const routerStateRefused = (headers: Headers): boolean => headers.has(UNREADABLE_ROUTER_STATE);

/** The 400 answer for it, in the portal's error shape (only a forged request gets it: no page to show). */
export function unreadableRouterState(requestId: string): Response {
  return Response.json(
    { error: { code: 'bad_request', message: 'This request’s router state cannot be read.', requestId } },
    { status: 400, headers: { 'Cache-Control': 'private, no-store' } },
  );
}
