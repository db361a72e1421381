import { createTranslator, type NamespaceKeys, type NestedKeyOf } from 'next-intl';
import de from '@/messages/de';
import en from '@/messages/en';
import type { Locale } from './locales';

const CATALOGUES = { en, de } as const;

/**
 * A translator outside a page's render: documents the portal writes (the statement PDF,
 * CSV files), which know their locale but not a request.
 */
export function translatorFor<N extends NamespaceKeys<typeof en, NestedKeyOf<typeof en>>>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: CATALOGUES[locale], namespace });
}
