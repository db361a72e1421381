'use client';

import { Link } from '@/components/app-link';
import { usePathname } from 'next/navigation';
import { activeNavHref } from '@/lib/active-nav';

/** A main-menu link that tells screen readers and the eye which section is open; `menu` is every entry's href. */
export function NavLink({ href, menu, children }: { href: string; menu: readonly string[]; children: React.ReactNode }) {
  const path = usePathname();
  const active = activeNavHref(path, menu) === href;
  return (
    <Link
      href={href}
      aria-current={active ? 'page' : undefined}
      className={`rounded px-2 py-1 ${active ? 'bg-brand-700 text-white' : 'hover:underline'}`}
    >
      {children}
    </Link>
  );
}
