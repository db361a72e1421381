import { Link } from '@/components/app-link';
import { settleRequest } from '@/lib/portal/audit';

export default async function NotFound() {
  // While acting, a record that does not exist or is another customer's is a denied view.
  await settleRequest('denied');
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-16">
      <h1 className="text-2xl font-bold">Not found</h1>
      <p className="mt-2">This page or record does not exist, or it belongs to another account.</p>
      <p className="mt-4">
        <Link href="/" className="text-brand-700 underline">
          Back to the portal
        </Link>
      </p>
    </main>
  );
}
