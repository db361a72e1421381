import 'server-only';
import { notFound } from 'next/navigation';
import { settleRequest } from '../portal/audit';

/**
 * A page's answer for a record that is missing or another customer's: while acting, the
 * request's audit row says denied, then Next's not-found page. Settled here, where the
 * refusal happens, not in app/not-found.tsx: Next renders that component on every full
 * page load (it is the root boundary's fallback in the payload), so a side effect there
 * marked every full load denied.
 */
export async function deniedNotFound(): Promise<never> {
  await settleRequest('denied');
  notFound();
}
