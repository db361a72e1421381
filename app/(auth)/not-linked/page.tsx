import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { brand } from '@/lib/brand';
import { signOutAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth');
  return { title: t('notLinked.title') };
}

/** Shown when the sign-in maps to no Odoo contact, to several, or to an archived one. */
export default async function NotLinkedPage() {
  const [t, shell] = await Promise.all([getTranslations('auth'), getTranslations('shell')]);
  return (
    <main id="main" className="mx-auto flex max-w-lg flex-col gap-4 px-4 py-16">
      <h1 className="text-2xl font-bold">{t('notLinked.heading')}</h1>
      <p>{t('notLinked.body', { brand: brand().name })}</p>
      <form action={signOutAction}>
        <button type="submit" className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold hover:bg-slate-100">
          {shell('signOut')}
        </button>
      </form>
    </main>
  );
}
