import { useTranslations } from 'next-intl';
import { Link } from '@/components/app-link';
import type { PortalContext } from '@/lib/context';
import { can } from '@/lib/roles';

export function AccountNav({ ctx, current }: { ctx: PortalContext; current: 'company' | 'addresses' | 'contacts' | 'access-log' }) {
  const t = useTranslations('account.nav');
  const items = [
    { key: 'company', href: '/account', label: t('company') },
    { key: 'addresses', href: '/account/addresses', label: t('addresses') },
    { key: 'contacts', href: '/account/contacts', label: t('contacts') },
    ...(can(ctx.roles, 'manage-contacts') ? [{ key: 'access-log', href: '/account/access-log', label: t('accessLog') }] : []),
  ];
  return (
    <nav aria-label={t('label')} className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-4 text-sm">
        {items.map((i) => (
          <li key={i.key}>
            <Link
              href={i.href}
              aria-current={current === i.key ? 'page' : undefined}
              className={`inline-block border-b-2 px-1 py-2 ${current === i.key ? 'border-brand-700 font-semibold text-brand-800' : 'border-transparent hover:border-slate-400'}`}
            >
              {i.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
