'use server';

import { signIn, signOut } from '@/auth';
import { safeCallbackPath } from '@/lib/safe-callback';
import { endThisSignIn } from '@/lib/session/sign-out';

/** Starts the OpenID sign-in; the destination afterwards is a same-origin path only. */
export async function signInAction(formData: FormData) {
  await signIn('oidc', { redirectTo: safeCallbackPath(formData.get('callbackUrl')) });
}

/**
 * Signing out ends the sign-in on the server first (its id revoked, a support session the
 * staff member was acting in ended), so no copy of the cookie works afterwards; only then
 * is the cookie cleared. Done here as well as in auth.ts's signOut event, whose errors
 * next-auth swallows: a sign-out that could not be recorded says so instead of pretending.
 */
export async function signOutAction() {
  await endThisSignIn();
  await signOut({ redirectTo: '/signin?signedOut=1' });
}
