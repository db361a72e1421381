'use client';

import { useSearchParams } from 'next/navigation';
import { useEffect, useSyncExternalStore } from 'react';
import { Link } from './app-link';

/**
 * A detail page's way back to its list as the person left it: filters, sort and page kept.
 * Each list keeps its address in this tab's sessionStorage; a detail page's link to the list
 * reads it in the browser (the server, which cannot know it, renders the bare list path).
 * `scope` names whose list it is (the customer and contact, acted for or not), so the next
 * person in the tab, or staff acting for another customer, never gets another's search.
 */
const storageKey = (path: string, scope: string) => `portal:list:${scope}:${path}`;

/** Put on a list page: remembers its current address for the detail pages' links back. */
export function RememberListAddress({ path, scope }: { path: string; scope: string }) {
  const search = useSearchParams().toString();
  useEffect(() => {
    try {
      if (search) sessionStorage.setItem(storageKey(path, scope), `${path}?${search}`);
      else sessionStorage.removeItem(storageKey(path, scope));
    } catch {
      // Storage refused (a private window's quota): the links go to the bare list.
    }
  }, [path, scope, search]);
  return null;
}

const noSubscription = () => () => {};

function savedAddress(path: string, scope: string): string {
  try {
    const saved = sessionStorage.getItem(storageKey(path, scope));
    // Only this list's own address: whatever else the storage holds is never followed.
    return saved?.startsWith(`${path}?`) ? saved : path;
  } catch {
    return path;
  }
}

/** A link to a list (a breadcrumb's), to the list as the person last left it in this tab. */
export function ListLink({
  path,
  scope,
  className,
  children,
}: {
  path: string;
  scope: string;
  className?: string;
  children: React.ReactNode;
}) {
  const href = useSyncExternalStore(
    noSubscription,
    () => savedAddress(path, scope),
    () => path,
  );
  return (
    <Link className={className} href={href}>
      {children}
    </Link>
  );
}
