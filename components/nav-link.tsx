'use client';

import { Link } from '@/components/app-link';
import { usePathname } from 'next/navigation';

/** A main-menu link that tells screen readers and the eye which section is open. */
export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const path = usePathname();
  const active = href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
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
