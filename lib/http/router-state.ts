import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { parseAndValidateFlightRouterState } from 'next/dist/server/app-render/parse-and-validate-flight-router-state';
import { UNREADABLE_ROUTER_STATE } from './router-state-refusal';

/**
 * An RSC request carries Next's router state in `Next-Router-State-Tree`. A forged or garbled
 * one makes Next answer a bare 500 before any page runs, and Next takes the header away from
 * the proxy's view of the request, so it is read here, where Node hands the request over
 * (`http.server.request.start`, before Next sees it), with Next's own parser: one Next cannot
 * read is removed and the request marked, and the proxy answers it 400. The mark is removed
 * from every request first, so a client that sends it gets only its own request refused.
 */

export function isUnreadableRouterState(value: string | string[] | undefined): boolean {
  if (value === undefined) return false;
  try {
    parseAndValidateFlightRouterState(value);
    return false;
  } catch {
    return true;
  }
}

/** Marks a request whose router state Next cannot read (and removes that header). */
export function markUnreadableRouterState(request: Pick<IncomingMessage, 'headers'>): void {
  delete request.headers[UNREADABLE_ROUTER_STATE];
  if (!isUnreadableRouterState(request.headers['next-router-state-tree'])) return;
  delete request.headers['next-router-state-tree'];
  request.headers[UNREADABLE_ROUTER_STATE] = '1';
}

/** Installed once per process by instrumentation.ts (lib/startup.ts). */
export function installRouterStateCheck(): void {
  subscribe('http.server.request.start', (message) => markUnreadableRouterState((message as { request: IncomingMessage }).request));
}
