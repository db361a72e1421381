import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { markPeerAddressHookInstalled, PEER_ADDRESS_HEADER, peerAddressHookInstalled } from './client-ip';

/**
 * Writes each request's TCP peer address into PEER_ADDRESS_HEADER, replacing whatever the
 * client sent under that name, before Next.js sees the request: Node publishes
 * `http.server.request.start` after parsing the request and before the server's 'request'
 * event. Installed once per process by instrumentation.ts; lib/http/client-ip.ts reads it.
 */
export function installPeerAddressHook(): void {
  if (peerAddressHookInstalled()) return;
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    const address = socket.remoteAddress;
    if (address) request.headers[PEER_ADDRESS_HEADER] = address;
    else delete request.headers[PEER_ADDRESS_HEADER];
  });
  markPeerAddressHookInstalled();
}
