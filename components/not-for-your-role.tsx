import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui';

/** What a buyer or viewer sees on an invoice page (the menu hides them; a typed URL lands here). */
export function NotForYourRole() {
  const t = useTranslations('common');
  return (
    <Alert tone="error" title={t('notForYourRole.title')}>
      {t('notForYourRole.body')}
    </Alert>
  );
}
