'use client';

import { useCallback, useMemo, useSyncExternalStore } from 'react';

/**
 * Which columns of a list the person has hidden, kept in the browser (localStorage) per list,
 * so the choice outlives a visit to a detail page, a reload and the next sign-in on that
 * browser. The server renders every column; the browser's choice applies once it runs.
 */
const storageKey = (list: string) => `portal:hidden-columns:${list}`;

/** Lists changed in this tab (the storage event only reports other tabs' changes). */
const listeners = new Set<() => void>();
/** Where the choice lives when the browser refuses storage (a private window's quota). */
const fallback = new Map<string, string>();

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  window.addEventListener('storage', onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onChange);
  };
}

function read(list: string): string {
  // A choice storage refused to keep is read from memory: reading may work where writing does not.
  const kept = fallback.get(list);
  if (kept !== undefined) return kept;
  try {
    return localStorage.getItem(storageKey(list)) ?? '[]';
  } catch {
    return '[]';
  }
}

function write(list: string, hidden: ReadonlySet<string>): void {
  const value = JSON.stringify([...hidden]);
  try {
    localStorage.setItem(storageKey(list), value);
  } catch {
    fallback.set(list, value);
  }
  listeners.forEach((notify) => notify());
}

/** The stored text as column ids: anything but a list of strings (an edited or older entry) hides nothing. */
export function parseHidden(stored: string): ReadonlySet<string> {
  try {
    const ids: unknown = JSON.parse(stored);
    return new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

/** For tests: the stored choice of `list` as the hook reads it, and the write the setter makes. */
export const hiddenColumnsStore = { read, write };

/** The hidden columns of `list` (its path) and the setter that keeps them. */
export function useHiddenColumns(list: string): [ReadonlySet<string>, (next: ReadonlySet<string>) => void] {
  const stored = useSyncExternalStore(
    subscribe,
    () => read(list),
    () => '[]',
  );
  const hidden = useMemo(() => parseHidden(stored), [stored]);
  const setHidden = useCallback((next: ReadonlySet<string>) => write(list, next), [list]);
  return [hidden, setHidden];
}
