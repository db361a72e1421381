import Link from 'next/link';
import { requireSession } from '@/lib/session/require-session';
import { signOutAction } from '../(auth)/actions';

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requireSession();
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/" className="text-lg font-bold text-brand-800">Northwind portal</Link>
          <nav aria-label="Main">
            <ul className="flex flex-wrap gap-4 text-sm font-medium">
              <li><Link href="/" className="hover:underline">Home</Link></li>
            </ul>
          </nav>
          <div className="flex items-center gap-3 text-sm">
            <span><span className="sr-only">Signed in as </span>{ctx.user.name} · {ctx.tenant.name}</span>
            <form action={signOutAction}>
              <button type="submit" className="rounded border border-slate-400 px-3 py-1 hover:bg-slate-100">Sign out</button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </>
  );
}
