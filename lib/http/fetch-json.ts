/**
 * The browser's GET of a portal API route, as SWR's fetcher: the JSON body, or an Error
 * carrying the message of the portal's one error shape (`{error: {message}}`), which the
 * page can show as it is.
 */
export async function fetchPortalJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!res.ok)
    throw new Error(
      ((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`,
    );
  return res.json() as Promise<T>;
}
