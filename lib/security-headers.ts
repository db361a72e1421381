/**
 * Headers every response carries. The Content-Security-Policy needs a fresh nonce per
 * request, so proxy.ts sets it; the static ones are also set in next.config.ts so that
 * assets the proxy does not see carry them too.
 */
export function staticSecurityHeaders(): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}

/**
 * Strict-Transport-Security, only when the portal is served over HTTPS (PORTAL_HTTPS, read
 * when the server runs). Set by proxy.ts, never in next.config.ts, whose headers are fixed
 * when the build is made: one build serves both an HTTPS deployment and the plain-HTTP demo.
 */
export function transportSecurityHeaders(https: boolean): Record<string, string> {
  return https ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {};
}

export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; formActions: string[]; imageOrigins?: string[] }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${(opts.imageOrigins ?? []).map((o) => ` ${o}`).join('')}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Sign-in posts to our action, which redirects to the identity provider.
    `form-action 'self' ${opts.formActions.join(' ')}`.trim(),
    "frame-ancestors 'none'",
  ].join('; ');
}
