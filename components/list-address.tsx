'use client';

import { useSearchParams } from 'next/navigation';
import { useEffect, useSyncExternalStore } from 'react';
import { Link } from './app-link';

/**
 * A detail page's way back to its list as the person left it: filters, sort and page kept.
 * Each list keeps its address in this tab's sessionStorage; a detail page's link to the list
 * reads it in the browser (the server, which cannot know it, renders the bare list path).
 */
const storageKey = (path: string) => `portal:list:${path}`;

/** Put on a list page: remembers its current address for the detail pages' links back. */
export function RememberListAddress({ path }: { path: string }) {
  const search = useSearchParams().toString();
  useEffect(() => {
    try {
      if (search) sessionStorage.setItem(storageKey(path), `${path}?${search}`);
      else sessionStorage.removeItem(storageKey(path));
    } catch {
      // Storage refused (a private window's quota): the links go to the bare list.
    }
  }, [path, search]);
  return null;
}

const noSubscription = () => () => {};

function savedAddress(path: string): string {
  try {
    const saved = sessionStorage.getItem(storageKey(path));
    // Only this list's own address: whatever else the storage holds is never followed.
    return saved?.startsWith(`${path}?`) ? saved : path;
  } catch {
    return path;
  }
}

/** A link to a list (a breadcrumb's), to the list as the person last left it in this tab. */
export function ListLink({ path, className, children }: { path: string; className?: string; children: React.ReactNode }) {
  const href = useSyncExternalStore(
    noSubscription,
    () => savedAddress(path),
    () => path,
  );
  return (
    <Link className={className} href={href}>
      {children}
    </Link>
  );
}
