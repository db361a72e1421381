import { signOutAction } from '@/app/(auth)/actions';
import { SiteShell } from '@/components/site-shell';
import { requireStaff } from '@/lib/session/require-session';

export default async function SupportLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff();
  return (
    <SiteShell
      tone="dark"
      home="/support"
      brand="Northwind support"
      navLabel="Support"
      signedInAs={`${staff.user.name} · ${staff.roles.has('support-admin') ? 'Support admin' : 'Account manager'}`}
      nav={[
        { href: '/support', label: 'Customers' },
        { href: '/support/audit', label: 'Audit log' },
      ]}
      signOutAction={signOutAction}
    >
      {children}
    </SiteShell>
  );
}
