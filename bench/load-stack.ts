import { startStack, waitForPortal, type Stack } from '../scripts/stack';
import { sessionCookies } from './sign-in';

/**
 * A stack for load: the default seed, warn-level logs and no effective rate limit, started,
 * signed in as each login through the dev IdP, and with the simulator answering after
 * `latencyMs` (20 ms, as the load targets say). The caller stops it.
 */
export async function startLoadStack(opts: {
  port: number;
  simPort: number;
  idpPort: number;
  logins: string[];
  nodeArgs?: string[];
  latencyMs?: number;
  env?: Record<string, string>;
}): Promise<{ stack: Stack; cookies: Record<string, string> }> {
  const stack = await startStack({
    port: opts.port,
    simPort: opts.simPort,
    idpPort: opts.idpPort,
    env: {
      LOG_LEVEL: 'warn',
      RATE_LIMIT_USER_PER_MINUTE: '10000000',
      RATE_LIMIT_SIGNIN_PER_MINUTE: '1000',
      AUDIT_PGLITE_DIR: 'memory://',
      ...opts.env,
    },
    nodeArgs: opts.nodeArgs,
  });
  try {
    await waitForPortal(stack.url, 120_000);
    const cookies = await sessionCookies(stack.url, opts.logins);
    stack.sim.setFaults({ latencyMs: opts.latencyMs ?? 20 });
    return { stack, cookies };
  } catch (err) {
    await stack.stop();
    throw err;
  }
}
