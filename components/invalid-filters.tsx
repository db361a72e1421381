import { getTranslations } from 'next-intl/server';
import { Link } from '@/components/app-link';
import { Alert, PageHeader } from './ui';

/** A list page whose search params did not parse: the page's title, why, and the way back to its defaults. */
export async function InvalidFilters({
  title,
  message,
  resetHref,
  resetLabel,
}: {
  title: string;
  message: string;
  resetHref: string;
  resetLabel: string;
}) {
  // Server-only (a page's search params): its words never travel to the browser.
  const t = await getTranslations('errors.filters');
  return (
    <>
      <PageHeader title={title} />
      <Alert tone="error" title={t('title')}>
        {message}{' '}
        <Link className="underline" href={resetHref}>
          {resetLabel}
        </Link>
      </Alert>
    </>
  );
}
