/**
 * Server-action requests that Next itself would answer with a 500 (its CSRF refusal, and
 * a body its decoder chokes on), refused in the proxy with a 4xx before they get there:
 * - an unsafe method whose Origin is not this host (another site's form or fetch): 403,
 *   as Next's own check would refuse it, but without the 500;
 * - a server-action call (a `Next-Action` header, or a multipart POST to a page) whose body
 *   is not what React's client sends: 400 for a content type other than multipart/form-data
 *   or text/plain, a multipart body that does not parse, or argument parts that are not
 *   JSON; 413 past Next's 1 MB action body limit.
 * Well-formed requests go on untouched: Next buffers the body for the proxy, so the action
 * still reads it. Runs in the proxy: no Node-only imports.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** next-auth's own routes check their own CSRF token (and an IdP may post back to them). */
const OWN_CSRF = /^\/api\/auth\//;
/** Next's default `serverActions.bodySizeLimit`. */
export const ACTION_BODY_LIMIT = 1024 * 1024;

export interface ActionRequestLike {
  method: string;
  nextUrl: { pathname: string };
  headers: Headers;
  text(): Promise<string>;
  formData(): Promise<FormData>;
}

export async function refuseBadActionRequest(req: ActionRequestLike, requestId: string): Promise<Response | null> {
  if (SAFE_METHODS.has(req.method) || OWN_CSRF.test(req.nextUrl.pathname)) return null;
  const refusal = (status: number, code: string, message: string) =>
    Response.json({ error: { code, message, requestId } }, { status, headers: { 'Cache-Control': 'private, no-store' } });
  const malformed = () => refusal(400, 'bad_request', 'This request is not a valid form submission.');
  if (!sameOrigin(req.headers)) return refusal(403, 'forbidden', 'This request did not come from the portal.');

  const contentType = (req.headers.get('content-type') ?? '').toLowerCase();
  const isAction = req.headers.has('next-action');
  const multipart = contentType.startsWith('multipart/form-data');
  if (!isAction && !multipart) return null; // not a server action: the page answers as usual
  if (Number(req.headers.get('content-length') ?? 0) > ACTION_BODY_LIMIT) return refusal(413, 'bad_request', 'The request is too large.');

  if (isAction && !multipart && !contentType.startsWith('text/plain')) return malformed();
  if (!multipart) return jsonArray(await req.text().catch(() => null)) ? null : malformed();

  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return malformed();
  }
  // A fetch call's arguments: part "0" holds the argument list, other numbered parts
  // outlined values, all JSON. (A no-script form post carries plain fields instead.)
  if (isAction) {
    if (!jsonArray(form.get('0'))) return malformed();
    for (const [key, value] of form) if (/^\d+$/.test(key) && typeof value === 'string' && !json(value)) return malformed();
  }
  return null;
}

/** The Origin, when the browser sent one, names this host (as Next compares it: X-Forwarded-Host, else Host). */
function sameOrigin(headers: Headers): boolean {
  const origin = headers.get('origin');
  if (origin === null) return true; // not a browser's cross-site request: browsers send Origin on every POST
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host');
  try {
    return origin !== 'null' && !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}

function json(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function jsonArray(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return Array.isArray(JSON.parse(value));
  } catch {
    return false;
  }
}
