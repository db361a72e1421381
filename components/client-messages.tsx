import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { clientMessages } from '@/lib/i18n/client-messages';

/**
 * Sends the client components below it the namespaces of the catalogue they translate with,
 * besides the shared ones every page has (lib/i18n/client-messages.ts). It goes in the layout
 * of the route that holds those components, so other pages do not carry their words.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly string[]; children: React.ReactNode }) {
  return <NextIntlClientProvider messages={clientMessages(await getMessages(), namespaces)}>{children}</NextIntlClientProvider>;
}
