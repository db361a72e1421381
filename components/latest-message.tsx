'use client';

import { createContext, useCallback, useContext, useState } from 'react';

/**
 * Which form on the page spoke last. A page holds several forms (add an address, archive
 * another); each keeps its own result, so without this an "Address added." stayed on screen
 * after the next action, reading as if it were that action's answer. The newest submit
 * takes the floor and older messages step back.
 */
const LatestMessage = createContext<{ latest: string | null; claim: (id: string) => void } | null>(null);

export function LatestMessageProvider({ children }: { children: React.ReactNode }) {
  const [latest, setLatest] = useState<string | null>(null);
  const claim = useCallback((id: string) => setLatest(id), []);
  return <LatestMessage.Provider value={{ latest, claim }}>{children}</LatestMessage.Provider>;
}

/** For a form `id`: whether its message is the page's latest, and `claim` to call on submit. Without a provider every form speaks. */
export function useLatestMessage(id: string): { current: boolean; claim: () => void } {
  const ctx = useContext(LatestMessage);
  const claim = useCallback(() => ctx?.claim(id), [ctx, id]);
  return { current: !ctx || ctx.latest === null || ctx.latest === id, claim };
}
