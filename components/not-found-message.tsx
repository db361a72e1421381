import { useTranslations } from 'next-intl';
import { Link } from '@/components/app-link';

/** What a missing page or record says: the root's 404 page, and inside the signed-in shells' main. */
export function NotFoundMessage() {
  const t = useTranslations('errors');
  return (
    <>
      <h1 className="text-2xl font-bold">{t('notFound.title')}</h1>
      <p className="mt-2">{t('notFound.body')}</p>
      <p className="mt-4">
        <Link href="/" className="text-brand-700 underline">
          {t('notFound.back')}
        </Link>
      </p>
    </>
  );
}
