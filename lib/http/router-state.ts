import { parseAndValidateFlightRouterState } from 'next/dist/server/app-render/parse-and-validate-flight-router-state';

/**
 * Whether a request carries a `Next-Router-State-Tree` header that Next cannot read. Next's
 * client router sends it with its RSC requests; a forged or garbled one makes Next answer a
 * bare 500 before any page runs, so the proxy answers 400 instead. Read with Next's own
 * parser, so the portal refuses exactly what Next would fail on.
 */
export function isUnreadableRouterState(headers: Headers): boolean {
  const value = headers.get('next-router-state-tree');
  if (value === null) return false;
  try {
    parseAndValidateFlightRouterState(value);
    return false;
  } catch {
    return true;
  }
}

/** The 400 answer for it, in the portal's error shape (only a forged request gets it: no page to show). */
export function unreadableRouterState(requestId: string): Response {
  return Response.json(
    { error: { code: 'bad_request', message: 'This request’s router state cannot be read.', requestId } },
    { status: 400, headers: { 'Cache-Control': 'private, no-store' } },
  );
}
