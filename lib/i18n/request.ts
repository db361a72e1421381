import { getRequestConfig } from 'next-intl/server';
import { requestLocale } from '../session/require-session';

/**
 * next-intl's per-request configuration (next.config.ts names this file): the locale of
 * the signed-in contact, its catalogue, and UTC, the zone every date on the portal is in.
 * The portal has no locale in its URLs: a contact's language lives in Odoo.
 */
export default getRequestConfig(async () => {
  const locale = await requestLocale();
  const messages = (await (locale === 'de' ? import('../../messages/de') : import('../../messages/en'))).default;
  return { locale, messages, timeZone: 'UTC' };
});
