import { z } from 'zod';
import { demoSecretsInProduction, DemoSecretsError, parseConfig } from './config';
import { installPeerAddressHook } from './http/peer-address-hook';
import { installRouterStateCheck } from './http/router-state';
import { processSingleton } from './process-singleton';
import { installScriptsAfterPaint } from './http/scripts-after-paint';
import { parseOdooSettings } from './portal/odoo-client';

/**
 * What a server process does before it serves anything (instrumentation.ts): refuse to run
 * in production on the demo's public secrets or on settings it cannot parse, and install
 * the peer-address hook and the rewrite that starts pages' scripts after their first frame. Exits the process on a refusal: a server that answers with a
 * forgeable session secret or the demo ERP key must not come up at all, and one that would
 * fail every signed-in page should say why at start.
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
  const invalid = invalidSettings(env);
  if (invalid.length > 0) {
    console.error(`Refusing to start with settings it cannot use:\n- ${invalid.join('\n- ')}`);
    exit(1);
  }
  installPeerAddressHook();
  processSingleton('router-state-check', installRouterStateCheck);
  if (env.PORTAL_SCRIPTS_AFTER_PAINT !== 'false') installScriptsAfterPaint();
}

/**
 * The settings that would fail the first request that reads them (a signed-in page would
 * answer 500 while the health check still answered 200), each as "NAME: what is wrong".
 */
export function invalidSettings(env: Record<string, string | undefined>): string[] {
  // `next build` serves nothing: its environment need not hold the runtime settings.
  if (env.NEXT_PHASE === 'phase-production-build') return [];
  const problems: string[] = [];
  for (const parse of [parseConfig, parseOdooSettings]) {
    try {
      parse(env);
    } catch (err) {
      if (!(err instanceof z.ZodError)) throw err;
      problems.push(...err.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`));
    }
  }
  return problems;
}
