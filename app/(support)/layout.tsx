import { getTranslations } from 'next-intl/server';
import { signOutAction } from '@/app/(auth)/actions';
import { SiteShell } from '@/components/site-shell';
import { requireStaff } from '@/lib/session/require-session';

export default async function SupportLayout({ children }: { children: React.ReactNode }) {
  const [staff, t] = await Promise.all([requireStaff(), getTranslations('support.layout')]);
  return (
    <SiteShell
      tone="dark"
      home="/support"
      brand={t('brand')}
      navLabel={t('navLabel')}
      signedInAs={t('signedInAs', { name: staff.user.name, admin: staff.roles.has('support-admin') ? 'yes' : 'no' })}
      nav={[
        { href: '/support', label: t('customers') },
        { href: '/support/audit', label: t('audit') },
      ]}
      signOutAction={signOutAction}
    >
      {children}
    </SiteShell>
  );
}
