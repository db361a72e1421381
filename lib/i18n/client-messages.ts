import type { AbstractIntlMessages } from 'next-intl';

/**
 * The parts of the catalogue that client components translate with: only these travel to
 * the browser (inline in every page's HTML), not the whole catalogue. A client component that
 * translates in another namespace needs it added here; tests/unit/client-messages.test.ts
 * finds every useTranslations() reachable from a 'use client' module and fails when one is
 * missing or no longer used.
 */
export const CLIENT_NAMESPACES = [
  'common',
  'shell',
  'status',
  'errors.page',
  'orders.list',
  'quickOrder.form',
  'quickOrder.search',
  'quickOrder.review',
  'quickOrder.summary',
  'quickOrder.delivery',
  'invoices.list',
  'invoices.table',
  'invoices.bulk',
  'deliveries.detail',
  'account.me',
  'account.contacts',
  'account.addresses',
  'support.customer',
] as const;

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

const picked = new WeakMap<AbstractIntlMessages, AbstractIntlMessages>();

/** The client part of a locale's catalogue, cut once per catalogue (the catalogues never change while running). */
export function clientMessages(messages: AbstractIntlMessages): AbstractIntlMessages {
  let client = picked.get(messages);
  if (!client) {
    client = pickNamespaces(messages, CLIENT_NAMESPACES);
    picked.set(messages, client);
  }
  return client;
}
