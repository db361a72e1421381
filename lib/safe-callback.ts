/**
 * A post-sign-in destination is accepted only as a same-origin path ("/orders?x=1"):
 * anything with a scheme, a host, "//" or a backslash, before or after its dot segments
 * are resolved, falls back to "/", so the sign-in flow can never be used as an open redirect.
 */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\') || /[\u0000-\u001f]/.test(value)) return '/';
  try {
    const url = new URL(value, 'http://portal.invalid');
    const path = url.pathname + url.search + url.hash;
    // Resolving dot segments can make a path of a host: "/.//evil.example" and
    // "/..//evil.example" become "//evil.example", which a browser reads as another site.
    return url.origin === 'http://portal.invalid' && !path.startsWith('//') ? path : '/';
  } catch {
    return '/';
  }
}
