import { getTranslations } from 'next-intl/server';
import { Link } from '@/components/app-link';
import { Alert, PageHeader } from './ui';

/**
 * Where a list would be when its search params did not parse: why, and the way back to its
 * defaults. With `title` it is the whole page (a list without a filter form); without, it
 * stands under the page's own header and filter form, which keep what was typed.
 */
export async function InvalidFilters({
  title,
  message,
  resetHref,
  resetLabel,
}: {
  title?: string;
  message: string;
  resetHref: string;
  resetLabel: string;
}) {
  // Server-only (a page's search params): its words never travel to the browser.
  const t = await getTranslations('errors.filters');
  return (
    <>
      {title ? <PageHeader title={title} /> : null}
      <Alert tone="error" title={t('title')}>
        {message}{' '}
        <Link className="underline" href={resetHref}>
          {resetLabel}
        </Link>
      </Alert>
    </>
  );
}
