/**
 * Runs once when a server process starts, before it serves a request (Next.js calls
 * register() on start-up).
 * - A production start on the demo's public secrets stops here, naming the variable,
 *   unless PORTAL_DEMO=1 (lib/config.ts).
 * - The TCP peer address of each request is written where lib/http/client-ip.ts finds it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { checkStartup } = await import('./lib/startup');
  checkStartup();
}
