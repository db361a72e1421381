import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { brand } from '@/lib/brand';
import { clientMessages } from '@/lib/i18n/client-messages';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('shell');
  const portal = t('portalTitle', { brand: brand().name });
  return {
    title: { default: portal, template: `%s · ${portal}` },
    description: t('description', { brand: brand().name }),
    icons: { icon: '/icon.svg' },
    // A private portal: keep every page out of search engines (public/robots.txt says the same).
    robots: { index: false, follow: false },
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page render per request, so Next stamps its scripts
  // with the CSP nonce that proxy.ts put on the request.
  await headers();
  const [locale, t, messages] = await Promise.all([getLocale(), getTranslations('shell'), getMessages()]);
  // The seller's colour, as the CSS variable the theme's brand shades are made from (app/globals.css).
  const style = { '--brand-primary': brand().color } as React.CSSProperties;
  return (
    <html lang={locale} style={style}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          {t('skipToContent')}
        </a>
        {/* Client components read the locale and the shared part of the catalogue from here; a route's layout adds its own (ClientMessages). */}
        <NextIntlClientProvider messages={clientMessages(messages)}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
