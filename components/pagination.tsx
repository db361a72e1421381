import { Link } from '@/components/app-link';

/** Previous / next links that keep every other search param; works without JavaScript. */
export function Pagination({
  basePath,
  params,
  page,
  pageCount,
  total,
  noun,
}: {
  basePath: string;
  params: Record<string, string>;
  page: number;
  pageCount: number;
  total: number;
  noun: string;
}) {
  const href = (p: number) => `${basePath}?${new URLSearchParams({ ...params, page: String(p) }).toString()}`;
  return (
    <nav aria-label="Pagination" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p>
        {total.toLocaleString('en-GB')} {total === 1 ? noun : plural(noun)} · page {page} of {pageCount}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className="rounded border border-slate-400 bg-white px-3 py-1.5 hover:bg-slate-100" href={href(page - 1)}>
            Previous<span className="sr-only"> page</span>
          </Link>
        ) : null}
        {page < pageCount ? (
          <Link className="rounded border border-slate-400 bg-white px-3 py-1.5 hover:bg-slate-100" href={href(page + 1)}>
            Next<span className="sr-only"> page</span>
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

function plural(noun: string): string {
  return noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`;
}
