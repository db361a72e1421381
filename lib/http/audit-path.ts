/**
 * A request's address as a support session's audit trail records it: method, path and query.
 * The path reads as the routes read it: `/invoices/%31097/pdf` is invoice 1097 to the router,
 * and the customer's access log tells downloads and pages apart by their address, so an
 * escaped digit must not hide a download. Each segment is decoded (a `/` escaped inside one
 * stays escaped, as the router keeps it). The query is kept whole and as sent: a query padded
 * past a cap hid which invoices a bulk download took, and decoding it could make one value
 * read as two. Node refuses a request line past its header limit (16 kB), which bounds it.
 * Runs in the proxy, after paths whose escapes cannot be decoded were refused.
 */
export function auditPath(method: string, pathname: string, search: string): string {
  const path = pathname
    .split('/')
    .map((segment) => decoded(segment).replaceAll('/', '%2F'))
    .join('/');
  return `${method} ${path}${search}`;
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
