/**
 * Headers every response carries. The Content-Security-Policy needs a fresh nonce per
 * request, so proxy.ts sets it; the static ones are also set in next.config.ts so that
 * assets the proxy does not see carry them too.
 */
export function staticSecurityHeaders(production: boolean): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    ...(production ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; formActions: string[] }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Sign-in posts to our action, which redirects to the identity provider.
    `form-action 'self' ${opts.formActions.join(' ')}`.trim(),
    "frame-ancestors 'none'",
  ].join('; ');
}
