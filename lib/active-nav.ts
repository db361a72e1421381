/**
 * The one menu entry lit for a path: the longest entry that is the path or a parent of it.
 * Menus nest (Orders `/orders`, Quick order `/orders/new`), and a plain prefix test would
 * light both on `/orders/new`.
 */
export function activeNavHref(path: string, hrefs: readonly string[]): string | undefined {
  const matches = hrefs.filter((href) => (href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`)));
  return matches.sort((a, b) => b.length - a.length)[0];
}
