/**
 * Server-action requests that Next itself would answer with a 500 (its CSRF refusal, and
 * a body its decoder chokes on), refused in the proxy with a 4xx before they get there:
 * - an unsafe method whose Origin is not this host (another site's form or fetch): 403,
 *   as Next's own check would refuse it, but without the 500;
 * - a server-action call (a `Next-Action` header, or a multipart POST to a page) whose body
 *   is not what React's client sends: 400 for a content type other than multipart/form-data
 *   or text/plain, a multipart body that does not parse, or argument parts that are not
 *   JSON; 413 past Next's 1 MB action body limit.
 * - a server action Next forwards to another page (its `x-action-forwarded` leg): 409. An
 *   action is always sent to the page whose form holds it; one posted elsewhere is a stale or
 *   forged client. Next would send it on to its page from the server itself, so it would run
 *   under the server's own address, a new request id and the other page's path: an audit row
 *   of the support session that says neither where nor from whom it came.
 * Well-formed requests go on untouched: Next buffers the body for the proxy, so the action
 * still reads it. Runs in the proxy: no Node-only imports.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** next-auth's own routes check their own CSRF token (and an IdP may post back to them). */
const OWN_CSRF = /^\/api\/auth\//;
/** The header Next puts on a server action it sends on to the page that holds it (next/dist/server/app-render/action-handler). */
const FORWARDED_ACTION = 'x-action-forwarded';
/**
 * The answer to a forwarded leg: Next's own "no such action" marker, with no body (Next drops
 * the forwarding connection on any other answer, failing the server's stream with an uncaught
 * error). Next then answers the browser 409 "Server Action unavailable.", as for a form of an
 * older deployment: reloading the page gets the form its page holds.
 */
const unavailableHere = () =>
  new Response(null, { status: 409, headers: { 'x-nextjs-action-not-found': '1', 'Cache-Control': 'private, no-store' } });
/** Next's default `serverActions.bodySizeLimit`. */
export const ACTION_BODY_LIMIT = 1024 * 1024;

export interface ActionRequestLike {
  method: string;
  nextUrl: { pathname: string };
  headers: Headers;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export async function refuseBadActionRequest(
  req: ActionRequestLike,
  requestId: string,
  opts: { trustForwardedHost?: boolean } = {},
): Promise<Response | null> {
  if (SAFE_METHODS.has(req.method) || OWN_CSRF.test(req.nextUrl.pathname)) return null;
  const refusal = (status: number, code: string, message: string) =>
    Response.json({ error: { code, message, requestId } }, { status, headers: { 'Cache-Control': 'private, no-store' } });
  const malformed = () => refusal(400, 'bad_request', 'This request is not a valid form submission.');
  const tooLarge = () => refusal(413, 'bad_request', 'The request is too large.');
  if (!sameOrigin(req.headers, opts.trustForwardedHost ?? false))
    return refusal(403, 'forbidden', 'This request did not come from the portal.');
  if (req.headers.has(FORWARDED_ACTION)) return unavailableHere();

  const rawType = req.headers.get('content-type') ?? '';
  const contentType = rawType.toLowerCase();
  const isAction = req.headers.has('next-action');
  const multipart = contentType.startsWith('multipart/form-data');
  if (!isAction && !multipart) return null; // not a server action: the page answers as usual
  if (Number(req.headers.get('content-length') ?? 0) > ACTION_BODY_LIMIT) return tooLarge();
  if (isAction && !multipart && !contentType.startsWith('text/plain')) return malformed();

  // Measured as read: a chunked body names no length up front.
  const body = await req.arrayBuffer().catch(() => null);
  if (!body) return malformed();
  if (body.byteLength > ACTION_BODY_LIMIT) return tooLarge();
  if (!multipart) {
    const args = json(new TextDecoder().decode(body));
    return Array.isArray(args) && !badReply([['0', args]]) ? null : malformed();
  }

  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': rawType } }).formData();
  } catch {
    return malformed();
  }
  // A fetch call's arguments: part "0" holds the argument list, other numbered parts
  // outlined values, all JSON. A no-script form post carries plain fields, and its bound
  // arguments in `$ACTION_<n>:<part>` fields, read the same way.
  const parts: [string, unknown][] = [];
  for (const [key, value] of form) {
    if (typeof value !== 'string') continue;
    const name = isAction ? (/^(\d+|S\d+)$/.test(key) ? key : null) : (/^\$ACTION_\d+:(\d+)$/.exec(key)?.[1] ?? null);
    if (name === null) continue;
    const parsed = json(value);
    if (parsed === INVALID) return malformed();
    parts.push([name, parsed]);
  }
  if (isAction && !Array.isArray(parts.find(([name]) => name === '0')?.[1])) return malformed();
  // A fetch call's body is read as it streams in; a no-script form's fields all at once.
  return badReply(parts, { names: new Set(form.keys()), ordered: isAction }) ? malformed() : null;
}

/**
 * React's reply encoding points from one value to another part of the body with a `$`, an
 * optional one-letter kind and the part's number in hex (`$@1`, `$Q2`, `$5`; a typed `$` is
 * sent as `$$`). Next's decoder reads the parts as they arrive and fails with a 500 on a
 * reference it cannot follow, so these are malformed requests:
 * - a part the body lacks (Next waits for it until the body ends: "Connection closed");
 * - in a fetch call, a part that comes after the one pointing at it (React's client writes
 *   the argument list last, and Next reads the parts as they stream in: "Invalid forward
 *   reference");
 * - a Map, Set or iterator (`$Q`, `$W`, `$i`) whose part is not a list;
 * - a server function as an argument (`$h`, `$F`): no portal action takes one;
 * - a BigInt (`$n`) that is not digits.
 */
const PART_REFERENCE = /^\$([@hQWiABORrXxOoUSsLlGgMmVF]?)([0-9a-f]+)$/;
/** Streams and async iterables (`$R`, `$r`, `$X`, `$x`) keep their chunks in parts named `S<id>`, which may follow. */
const STREAM_KINDS = new Set(['R', 'r', 'X', 'x']);
const LIST_KINDS = new Set(['Q', 'W', 'i']);
const FUNCTION_KINDS = new Set(['h', 'F']);
/**
 * No portal action takes values nested deeper than a few levels (a quick order's lines are
 * four). A body nested thousands deep is malformed, and is walked without recursion: a
 * recursive walk ran out of stack on a 10 kB body and answered 500.
 */
const MAX_DEPTH = 32;
function badReply(
  parts: readonly [string, unknown][],
  { names = new Set(parts.map(([name]) => name)), ordered = true }: { names?: ReadonlySet<string>; ordered?: boolean } = {},
): boolean {
  const position = new Map(parts.map(([name], i) => [name, i]));
  const badReference = (value: string, at: number): boolean => {
    if (value.startsWith('$n')) return !/^\$n-?\d+$/.test(value);
    const ref = PART_REFERENCE.exec(value);
    if (!ref) return false;
    const kind = ref[1]!;
    if (FUNCTION_KINDS.has(kind)) return true;
    const id = String(parseInt(ref[2]!, 16));
    if (STREAM_KINDS.has(kind)) return !names.has(`S${id}`);
    const target = position.get(id);
    if (target === undefined) return !names.has(id); // a part that is not JSON (a file) is there, and read as it is
    if (ordered && target >= at) return true;
    return LIST_KINDS.has(kind) && !Array.isArray(parts[target]![1]);
  };
  const bad = (root: unknown, at: number): boolean => {
    const pending: [unknown, number][] = [[root, 0]];
    for (let next = pending.pop(); next; next = pending.pop()) {
      const [value, depth] = next;
      if (typeof value === 'string') {
        if (badReference(value, at)) return true;
      } else if (value && typeof value === 'object') {
        if (depth >= MAX_DEPTH) return true;
        for (const v of Array.isArray(value) ? value : Object.values(value)) pending.push([v, depth + 1]);
      }
    }
    return false;
  };
  return parts.some(([, value], at) => bad(value, at));
}

/**
 * The Origin, when the browser sent one, names this host: the Host header, or also the
 * X-Forwarded-Host a reverse proxy set when one is configured (TRUSTED_PROXY_HOPS), as Next
 * accepts either. Without a proxy a client could name any host in X-Forwarded-Host itself.
 */
function sameOrigin(headers: Headers, trustForwardedHost: boolean): boolean {
  const origin = headers.get('origin');
  if (origin === null) return true; // not a browser's cross-site request: browsers send Origin on every POST
  const forwarded = trustForwardedHost ? headers.get('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  const hosts = [forwarded, headers.get('host')].filter((h): h is string => !!h);
  try {
    return origin !== 'null' && hosts.includes(new URL(origin).host);
  } catch {
    return false;
  }
}

const INVALID = Symbol('invalid JSON');
function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID;
  }
}
