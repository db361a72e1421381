import { NextResponse } from 'next/server';
import { brand } from '../brand';
import { translatorFor } from '../i18n/translator';
import type { Locale } from '../i18n/locales';

/**
 * The 429 answer: JSON in the one error shape for API routes, a small styled page for
 * everything a browser navigates to (pages, and the sign-in paths the IdP redirects back
 * to), in the browser's language and the seller's colour. The page is built before any
 * React renders, so it escapes what it shows itself.
 */
export function tooManyRequests(format: 'json' | 'html', retryAfterSeconds: number, requestId: string, locale: Locale = 'en'): Response {
  const headers = { 'Retry-After': String(retryAfterSeconds), 'Cache-Control': 'no-store' };
  const t = translatorFor(format === 'json' ? 'en' : locale, 'errors');
  const wait =
    retryAfterSeconds < 120
      ? t('tooMany.seconds', { count: retryAfterSeconds })
      : t('tooMany.minutes', { count: Math.ceil(retryAfterSeconds / 60) });
  const message = t('tooMany.message', { wait });
  if (format === 'json') return NextResponse.json({ error: { code: 'rate_limited', message, requestId } }, { status: 429, headers });
  const { color } = brand();
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t('tooMany.title'))}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#111}a{color:${color}}</style></head>
<body><main><h1>${escapeHtml(t('tooMany.title'))}</h1><p>${escapeHtml(message)}</p><p><a href="/">${escapeHtml(t('notFound.back'))}</a></p><p><small>${escapeHtml(t('tooMany.request', { id: requestId }))}</small></p></main></body></html>`;
  return new Response(html, { status: 429, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
