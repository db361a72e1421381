/**
 * A request's address as a support session's audit trail records it: method, path and query.
 * The path reads as the routes read it: `/invoices/%31097/pdf` is invoice 1097 to the router,
 * and the customer's access log tells downloads and pages apart by their address, so an
 * escaped digit must not hide a download. Each segment is put in its one canonical escaped
 * form (decoded, then escaped again: `%31` is `1`, `€` stays `%E2%82%AC`, an escaped `/` stays
 * one segment), so the address stays plain ASCII the proxy can hand on in a header (a decoded
 * `€` or line break there threw, a 500). The query is kept whole and as sent: a query padded
 * past a cap hid which invoices a bulk download took, and decoding it could make one value
 * read as two. Node refuses a request line past its header limit (16 kB), which bounds it.
 * Runs in the proxy, after paths whose escapes cannot be decoded were refused.
 */
export function auditPath(method: string, pathname: string, search: string): string {
  const path = pathname
    .split('/')
    .map((segment) => encodeURIComponent(decoded(segment)))
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
