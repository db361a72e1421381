import { demoSecretsInProduction, DemoSecretsError } from './config';
import { installPeerAddressHook } from './http/peer-address-hook';

/**
 * What a server process does before it serves anything (instrumentation.ts): refuse to run
 * in production on the demo's public secrets, and install the peer-address hook. Exits
 * the process on a refusal: a server that answers with a forgeable session secret or the
 * demo ERP key must not come up at all.
 */
export function checkStartup(
  env: Record<string, string | undefined> = process.env,
  exit: (code: number) => never = (code) => process.exit(code),
): void {
  const problems = demoSecretsInProduction(env);
  if (problems.length > 0) {
    console.error(new DemoSecretsError(problems).message);
    exit(1);
  }
  installPeerAddressHook();
}
