import { translatorFor } from '../i18n/translator';
import type { Locale } from '../i18n/locales';
import { earlyAnswer } from './early-answer';

/** The 429 answer, with how long to wait (lib/http/early-answer.ts says the rest). */
export function tooManyRequests(format: 'json' | 'html', retryAfterSeconds: number, requestId: string, locale: Locale = 'en'): Response {
  const lang = format === 'json' ? 'en' : locale;
  const t = translatorFor(lang, 'errors');
  const wait =
    retryAfterSeconds < 120
      ? t('tooMany.seconds', { count: retryAfterSeconds })
      : t('tooMany.minutes', { count: Math.ceil(retryAfterSeconds / 60) });
  return earlyAnswer({
    format,
    status: 429,
    code: 'rate_limited',
    title: t('tooMany.title'),
    message: t('tooMany.message', { wait }),
    requestId,
    locale: lang,
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}
