import type { Metadata } from 'next';
import { signOutAction } from '../actions';

export const metadata: Metadata = { title: 'Not linked to a customer account' };

/** Shown when the sign-in maps to no Odoo contact, to several, or to an archived one. */
export default function NotLinkedPage() {
  return (
    <main id="main" className="mx-auto flex max-w-lg flex-col gap-4 px-4 py-16">
      <h1 className="text-2xl font-bold">Your sign-in is not linked to a customer account</h1>
      <p>
        We could not match your sign-in to exactly one active contact of a customer company, so the portal shows you no company data. Ask
        your company&apos;s portal administrator or your Northwind account manager to add your email address to your contact in our system.
      </p>
      <form action={signOutAction}>
        <button type="submit" className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold hover:bg-slate-100">
          Sign out
        </button>
      </form>
    </main>
  );
}
