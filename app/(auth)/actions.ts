'use server';

import { signIn, signOut } from '@/auth';
import { safeCallbackPath } from '@/lib/safe-callback';

/** Starts the OpenID sign-in; the destination afterwards is a same-origin path only. */
export async function signInAction(formData: FormData) {
  await signIn('oidc', { redirectTo: safeCallbackPath(formData.get('callbackUrl')) });
}

/** Signing out also ends a support session the staff member was acting in (auth.ts, events.signOut). */
export async function signOutAction() {
  await signOut({ redirectTo: '/signin?signedOut=1' });
}
