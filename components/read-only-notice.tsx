import { getTranslations } from 'next-intl/server';
import { Alert } from './ui';

/**
 * Said on the pages whose forms a read-only support session leaves out (changesRefused), so
 * the account manager knows why and how to switch changes on, instead of finding no form.
 */
export async function ReadOnlyNotice() {
  const t = await getTranslations('shell.acting');
  return (
    <div className="mb-4">
      <Alert tone="info">{t('readOnlyNotice')}</Alert>
    </div>
  );
}
