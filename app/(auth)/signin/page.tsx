import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { brand } from '@/lib/brand';
import { portalConfig } from '@/lib/config';
import { safeCallbackPath } from '@/lib/safe-callback';
import { loadSession } from '@/lib/session/require-session';
import { signInAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth');
  return { title: t('signIn.title') };
}

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
  const t = await getTranslations('auth');
  const { name, logoUrl } = brand();
  return (
    <main id="main" className="mx-auto flex max-w-md flex-col gap-6 px-4 py-16">
      {logoUrl ? (
        // The seller's configured logo (PORTAL_BRAND_LOGO_URL), any origin and size.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={logoUrl} alt={name} className="h-12 w-auto self-start" />
      ) : null}
      <h1 className="text-2xl font-bold">{t('signIn.heading', { brand: name })}</h1>
      <p>{t('signIn.intro', { brand: name })}</p>
      {signedOut && (
        <p role="status" className="rounded bg-green-50 p-3 text-green-900">
          {t('signIn.signedOut')}
        </p>
      )}
      {error && (
        <p role="alert" className="rounded bg-red-50 p-3 text-red-900">
          {t('signIn.failed')}
        </p>
      )}
      <form action={signInAction}>
        <input type="hidden" name="callbackUrl" value={safeCallbackPath(callbackUrl)} />
        <button type="submit" className="w-full rounded-md bg-brand-700 px-4 py-3 font-semibold text-white hover:bg-brand-800">
          {t('signIn.button', { provider: portalConfig().AUTH_OIDC_NAME })}
        </button>
      </form>
    </main>
  );
}
