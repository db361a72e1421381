import 'server-only';
import { cookies } from 'next/headers';
import { endSupportSession } from '../portal/support-sessions';
import { signInRevocations } from './revocation';
import { readSessionCookie, type SessionToken } from './session-token';

/**
 * Ends a sign-in on the server: its id is revoked, so no copy of the cookie opens anything
 * again, and a support session the staff member was acting in ends with it.
 */
export async function endSignIn(token: Pick<SessionToken, 'sid' | 'acting'> & { claims: { sub: string } }): Promise<void> {
  await signInRevocations().revoke(token.sid, token.claims.sub);
  if (token.acting) await endSupportSession(token.claims.sub, token.acting, 'signed-out');
}

/** Ends the sign-in of this request's cookie, if it holds one. */
export async function endThisSignIn(): Promise<void> {
  const session = await readSessionCookie(await cookies());
  if (session.status === 'valid') await endSignIn(session.token);
}
