import { useTranslations } from 'next-intl';
import { Link } from '@/components/app-link';
import { NavLink } from '@/components/nav-link';
import { ToastProvider } from '@/components/toast';

export interface NavItem {
  href: string;
  label: string;
}

const TONES = {
  light: { header: 'border-b border-slate-200 bg-white', brand: 'text-brand-800', signOut: 'border-slate-400 hover:bg-slate-100', nav: '' },
  dark: {
    header: 'border-b border-slate-700 bg-slate-900 text-white',
    brand: '',
    signOut: 'border-white hover:bg-slate-700',
    nav: '[&_a]:text-white [&_a[aria-current=page]]:bg-white [&_a[aria-current=page]]:text-slate-900',
  },
} as const;

/**
 * The frame of every signed-in page, for customers (light) and staff (dark): the seller's
 * brand, who is signed in, the language, sign-out, the audience's navigation, the main
 * landmark that the root layout's skip link targets, and the toast region where forms
 * report their results (inside main, so the toast is in a landmark).
 */
export function SiteShell({
  tone,
  home,
  brand,
  signedInAs,
  navLabel,
  nav,
  tools,
  signOutAction,
  children,
}: {
  tone: keyof typeof TONES;
  home: string;
  /** The seller's name as the header shows it ("Northwind Supply portal"), and its logo when configured. */
  brand: { title: string; logoUrl: string | null };
  signedInAs: string;
  navLabel: string;
  nav: NavItem[];
  /** More controls beside sign-out (the language switcher). */
  tools?: React.ReactNode;
  /** The sign-out server action, handed down by the layout: components never import app/. */
  signOutAction: () => Promise<void>;
  children: React.ReactNode;
}) {
  const t = useTranslations('shell');
  const look = TONES[tone];
  return (
    <>
      <header className={look.header}>
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href={home} className={`inline-flex items-center gap-2 text-lg font-bold ${look.brand}`}>
            {brand.logoUrl ? (
              // A configured logo of any size and origin (PORTAL_BRAND_LOGO_URL): a plain img, kept to the header's height.
              // eslint-disable-next-line @next/next/no-img-element
              <img src={brand.logoUrl} alt="" className="h-8 w-auto" />
            ) : null}
            {brand.title}
          </Link>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span>
              <span className="sr-only">{t('signedInAs')} </span>
              {signedInAs}
            </span>
            {tools}
            <form action={signOutAction}>
              <button type="submit" className={`rounded border px-3 py-1 ${look.signOut}`}>
                {t('signOut')}
              </button>
            </form>
          </div>
          <nav aria-label={navLabel} className="w-full">
            <ul className={`flex flex-wrap gap-1 text-sm font-medium ${look.nav}`}>
              {nav.map((item) => (
                <li key={item.href}>
                  <NavLink href={item.href} menu={nav.map((n) => n.href)}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        <ToastProvider>{children}</ToastProvider>
      </main>
    </>
  );
}
