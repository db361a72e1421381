import { translatorFor } from '../i18n/translator';
import type { Locale } from '../i18n/locales';
import { earlyAnswer } from './early-answer';

/**
 * Whether a path's percent-escapes cannot be decoded (`/orders/%E0`, a `%` alone): Next
 * would fail to read the route's parameters and answer a bare 500, before any page or
 * error boundary of the portal runs.
 */
export function isUnreadablePath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/** The 400 answer for such a path. */
export function unreadablePath(format: 'json' | 'html', requestId: string, locale: Locale = 'en'): Response {
  const lang = format === 'json' ? 'en' : locale;
  const t = translatorFor(lang, 'errors');
  return earlyAnswer({
    format,
    status: 400,
    code: 'bad_request',
    title: t('unreadablePath.title'),
    message: t('unreadablePath.message'),
    requestId,
    locale: lang,
  });
}
