import { NotFoundMessage } from '@/components/not-found-message';

/**
 * No side effects here: Next renders this on every full page load as the root boundary's
 * fallback. A refused record settles its audit row in lib/http/not-found.ts. An address no
 * route matches lands here, outside the shells, so this page is its own main landmark.
 */
export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-16">
      <NotFoundMessage />
    </main>
  );
}
