import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Northwind customer portal', template: '%s · Northwind customer portal' },
  description: 'Orders, deliveries, invoices and account for Northwind Supply customers.',
  icons: { icon: '/icon.svg' },
  // A private portal: keep every page out of search engines (public/robots.txt says the same).
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page render per request, so Next stamps its scripts
  // with the CSP nonce that proxy.ts put on the request.
  await headers();
  const [locale, t] = await Promise.all([getLocale(), getTranslations('shell')]);
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          {t('skipToContent')}
        </a>
        {/* Client components read the locale and catalogue from here (next-intl passes them down). */}
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
