import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { portalConfig } from '@/lib/config';
import { safeCallbackPath } from '@/lib/safe-callback';
import { loadSession } from '@/lib/session/require-session';
import { signInAction } from '../actions';

export const metadata: Metadata = { title: 'Sign in' };

const query = z.object({
  callbackUrl: z.string().optional(),
  error: z.string().max(100).optional(),
  signedOut: z.string().optional(),
});

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const params = query.safeParse(await searchParams);
  const { callbackUrl, error, signedOut } = params.success ? params.data : {};
  const state = await loadSession();
  if (state.status === 'customer' || state.status === 'staff') redirect(safeCallbackPath(callbackUrl));
  return (
    <main id="main" className="mx-auto flex max-w-md flex-col gap-6 px-4 py-16">
      <h1 className="text-2xl font-bold">Northwind customer portal</h1>
      <p>Orders, deliveries, invoices and your account, for Northwind Supply customers.</p>
      {signedOut && (
        <p role="status" className="rounded bg-green-50 p-3 text-green-900">
          You are signed out.
        </p>
      )}
      {error && (
        <p role="alert" className="rounded bg-red-50 p-3 text-red-900">
          Sign-in did not complete. Please try again; if it keeps failing, contact your administrator.
        </p>
      )}
      <form action={signInAction}>
        <input type="hidden" name="callbackUrl" value={safeCallbackPath(callbackUrl)} />
        <button type="submit" className="w-full rounded-md bg-brand-700 px-4 py-3 font-semibold text-white hover:bg-brand-800">
          Sign in with {portalConfig().AUTH_OIDC_NAME}
        </button>
      </form>
    </main>
  );
}
