import 'server-only';
import { headers } from 'next/headers';
import { clientIp } from './http/client-ip';
import { requestIdFrom } from './http/request-id';
import { log } from './log';
import { requestOdooClient } from './portal/odoo-client';
import { identityResolver, type SessionClaims } from './session/identity';
import { signInLimits } from './sign-in-limits';

/**
 * The portal's part of a sign-in the IdP has just accepted (auth.ts, signIn callback):
 * an account over its refused sign-ins is turned away before any Odoo look-up; a sign-in
 * that maps to no contact (none, several, archived) is counted as failed for its account
 * and IP but goes on, so the person sees the not-linked page that says what to do.
 * Returns whether next-auth may complete the sign-in.
 */
export async function admitMappedSignIn(claims: SessionClaims): Promise<boolean> {
  const h = await headers();
  const ip = clientIp(h);
  const limits = signInLimits();
  if (!(await limits.accountMaySignIn(claims.sub)).allowed) {
    await limits.recordFailure({ ip, reason: 'account over its failed sign-ins' });
    return false;
  }
  let kind: string;
  try {
    kind = (await identityResolver().resolveFresh(requestOdooClient(requestIdFrom(h)), claims)).kind;
  } catch (err) {
    // Odoo unreachable: the sign-in completes and the pages say the ERP is down; nothing is counted.
    log.warn({ err: err instanceof Error ? err.message : String(err) }, 'sign-in mapping not checked');
    return true;
  }
  if (kind === 'customer' || kind === 'staff') await limits.clearAccountFailures(claims.sub);
  else await limits.recordFailure({ ip, account: claims.sub, reason: 'not linked to a contact' });
  return true;
}
