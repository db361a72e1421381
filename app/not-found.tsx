import { useTranslations } from 'next-intl';
import { Link } from '@/components/app-link';

/**
 * No side effects here: Next renders this on every full page load as the root boundary's
 * fallback. A refused record settles its audit row in lib/http/not-found.ts.
 */
export default function NotFound() {
  const t = useTranslations('errors');
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-16">
      <h1 className="text-2xl font-bold">{t('notFound.title')}</h1>
      <p className="mt-2">{t('notFound.body')}</p>
      <p className="mt-4">
        <Link href="/" className="text-brand-700 underline">
          {t('notFound.back')}
        </Link>
      </p>
    </main>
  );
}
