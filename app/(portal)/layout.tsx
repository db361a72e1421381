import { getTranslations } from 'next-intl/server';
import { signOutAction } from '@/app/(auth)/actions';
import { setActingWriteAction, stopActingAction } from '@/app/(support)/support/actions';
import { ActingBanner } from '@/components/acting-banner';
import { LanguageSwitcher } from '@/components/language-switcher';
import { SiteShell, type NavItem } from '@/components/site-shell';
import { brand } from '@/lib/brand';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';
import { setLanguageAction } from './language-action';

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requireSession();
  const t = await getTranslations('shell');
  const nav: NavItem[] = [
    { href: '/', label: t('nav.home') },
    { href: '/orders', label: t('nav.orders') },
    ...(can(ctx.roles, 'order') ? [{ href: '/orders/new', label: t('nav.quickOrder') }] : []),
    { href: '/deliveries', label: t('nav.deliveries') },
    ...(can(ctx.roles, 'see-invoices')
      ? [
          { href: '/invoices', label: t('nav.invoices') },
          { href: '/statement', label: t('nav.statement') },
        ]
      : []),
    { href: '/account', label: t('nav.account') },
  ];
  return (
    <>
      {ctx.actingAs ? (
        <ActingBanner
          staffName={ctx.user.name}
          contactName={ctx.contact.name}
          tenantName={ctx.tenant.name}
          expiresAt={ctx.actingAs.expiresAt}
          canWrite={ctx.actingAs.canWrite}
          stopActingAction={stopActingAction}
          setActingWriteAction={setActingWriteAction}
        />
      ) : null}
      <SiteShell
        tone="light"
        home="/"
        brand={{ title: t('customerTitle', { brand: brand().name }), logoUrl: brand().logoUrl }}
        navLabel={t('nav.main')}
        signedInAs={`${ctx.actingAs ? t('actingAs', { staff: ctx.user.name, contact: ctx.contact.name }) : ctx.user.name} · ${ctx.tenant.name}`}
        nav={nav}
        // While acting, the page speaks the account manager's language: the customer's own choice is theirs to make.
        tools={ctx.actingAs ? null : <LanguageSwitcher current={ctx.locale} setLanguageAction={setLanguageAction} />}
        signOutAction={signOutAction}
      >
        {children}
      </SiteShell>
    </>
  );
}
