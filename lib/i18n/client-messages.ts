import type { AbstractIntlMessages } from 'next-intl';

/**
 * The parts of the catalogue that client components translate with: only these travel to
 * the browser, inline in each page's HTML, not the whole catalogue. The root layout sends
 * these shared ones (the shell's, the toasts', the forms' and the tables' common words) with
 * every page; the layout of a route whose client components need more names them in a
 * <ClientMessages> (components/client-messages.tsx), so a page carries only its own.
 * tests/unit/client-messages.test.ts finds every useTranslations() reachable from a
 * 'use client' module and fails when its namespace is not sent where that module is, or
 * when one is sent that nothing there uses.
 */
export const SHARED_CLIENT_NAMESPACES = ['common', 'shell', 'errors.page'] as const;

/** `messages` cut down to the namespaces (dotted paths) given, keeping their nesting. */
export function pickNamespaces(messages: AbstractIntlMessages, namespaces: readonly string[]): AbstractIntlMessages {
  const picked: AbstractIntlMessages = {};
  for (const namespace of namespaces) {
    const path = namespace.split('.');
    const leaf = path.pop()!;
    let from: AbstractIntlMessages | string | undefined = messages;
    let to = picked;
    for (const key of path) {
      from = typeof from === 'object' ? from[key] : undefined;
      to = (to[key] ??= {}) as AbstractIntlMessages;
    }
    const value = typeof from === 'object' ? from[leaf] : undefined;
    if (value !== undefined) to[leaf] = value;
  }
  return picked;
}

const picked = new WeakMap<AbstractIntlMessages, Map<string, AbstractIntlMessages>>();

/**
 * The shared client part of a locale's catalogue and the namespaces in `more`, cut once per
 * catalogue and list (the catalogues never change while running). The shared parts are the
 * catalogue's own objects, the same in every cut.
 */
export function clientMessages(messages: AbstractIntlMessages, more: readonly string[] = []): AbstractIntlMessages {
  let cuts = picked.get(messages);
  if (!cuts) picked.set(messages, (cuts = new Map<string, AbstractIntlMessages>()));
  const key = more.join(',');
  let client = cuts.get(key);
  if (!client) {
    client = pickNamespaces(messages, [...SHARED_CLIENT_NAMESPACES, ...more]);
    cuts.set(key, client);
  }
  return client;
}
