import { signOutAction } from '@/app/(auth)/actions';
import { setActingWriteAction, stopActingAction } from '@/app/(support)/support/actions';
import { ActingBanner } from '@/components/acting-banner';
import { SiteShell, type NavItem } from '@/components/site-shell';
import { requireSession } from '@/lib/session/require-session';
import { can } from '@/lib/roles';

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requireSession();
  const nav: NavItem[] = [
    { href: '/', label: 'Home' },
    { href: '/orders', label: 'Orders' },
    ...(can(ctx.roles, 'order') ? [{ href: '/orders/new', label: 'Quick order' }] : []),
    { href: '/deliveries', label: 'Deliveries' },
    ...(can(ctx.roles, 'see-invoices')
      ? [
          { href: '/invoices', label: 'Invoices' },
          { href: '/statement', label: 'Statement' },
        ]
      : []),
    { href: '/account', label: 'Account' },
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
        brand="Northwind portal"
        navLabel="Main"
        signedInAs={`${ctx.actingAs ? `${ctx.user.name}, acting as ${ctx.contact.name}` : ctx.user.name} · ${ctx.tenant.name}`}
        nav={nav}
        signOutAction={signOutAction}
      >
        {children}
      </SiteShell>
    </>
  );
}
