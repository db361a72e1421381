import { getTranslations } from 'next-intl/server';
import { signOutAction } from '@/app/(auth)/actions';
import { SiteShell } from '@/components/site-shell';
import { brand } from '@/lib/brand';
import { requireStaff } from '@/lib/session/require-session';

export default async function SupportLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff();
  const t = await getTranslations('shell');
  return (
    <SiteShell
      tone="dark"
      home="/support"
      brand={{ title: t('supportTitle', { brand: brand().name }), logoUrl: null }}
      navLabel={t('nav.support')}
      signedInAs={`${staff.user.name} · ${staff.roles.has('support-admin') ? t('supportAdmin') : t('accountManager')}`}
      nav={[
        { href: '/support', label: t('nav.customers') },
        { href: '/support/audit', label: t('nav.auditLog') },
      ]}
      signOutAction={signOutAction}
    >
      {children}
    </SiteShell>
  );
}
