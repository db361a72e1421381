import { NextResponse } from 'next/server';

/**
 * The 429 answer: JSON in the one error shape for API routes, a small styled page for
 * everything a browser navigates to (pages, and the sign-in paths the IdP redirects back
 * to). The page is built before any React renders, so it escapes what it shows itself.
 */
export function tooManyRequests(format: 'json' | 'html', retryAfterSeconds: number, requestId: string): Response {
  const headers = { 'Retry-After': String(retryAfterSeconds), 'Cache-Control': 'no-store' };
  const message = `Too many requests. Please wait ${waitText(retryAfterSeconds)} and try again.`;
  if (format === 'json') return NextResponse.json({ error: { code: 'rate_limited', message, requestId } }, { status: 429, headers });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Too many requests</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#111}a{color:#1d4ed8}</style></head>
<body><main><h1>Too many requests</h1><p>${escapeHtml(message)}</p><p><a href="/">Back to the portal</a></p><p><small>Request ${escapeHtml(requestId)}</small></p></main></body></html>`;
  return new Response(html, { status: 429, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}

function waitText(seconds: number): string {
  if (seconds < 120) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
