import { NextResponse } from 'next/server';
import type { ErrorCode } from '../errors';
import { brand } from '../brand';
import { translatorFor } from '../i18n/translator';
import type { Locale } from '../i18n/locales';

/**
 * The answers the proxy gives before any page renders (a rate limit, an address it cannot
 * read): JSON in the one error shape for API routes, a small styled page for everything a
 * browser navigates to, in the browser's language and the seller's colour. The page is built
 * before React, so it escapes what it shows itself.
 */
export function earlyAnswer(opts: {
  format: 'json' | 'html';
  status: number;
  code: ErrorCode;
  title: string;
  message: string;
  requestId: string;
  locale: Locale;
  headers?: Record<string, string>;
}): Response {
  const headers = { 'Cache-Control': 'no-store', ...opts.headers };
  if (opts.format === 'json')
    return NextResponse.json(
      { error: { code: opts.code, message: opts.message, requestId: opts.requestId } },
      { status: opts.status, headers },
    );
  const t = translatorFor(opts.locale, 'errors');
  const { color } = brand();
  const html = `<!doctype html><html lang="${opts.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(opts.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#111}a{color:${color}}</style></head>
<body><main><h1>${escapeHtml(opts.title)}</h1><p>${escapeHtml(opts.message)}</p><p><a href="/">${escapeHtml(t('notFound.back'))}</a></p><p><small>${escapeHtml(t('tooMany.request', { id: opts.requestId }))}</small></p></main></body></html>`;
  return new Response(html, { status: opts.status, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
