import { describe, expect, it } from 'vitest';
import { refuseBadActionRequest } from '../../lib/http/action-request';

const ACTION_ID = '00'.padEnd(42, 'a');

/** A request as the proxy sees it, to the portal at portal.test. */
function request(init: { method?: string; path?: string; headers?: Record<string, string>; body?: BodyInit }) {
  const req = new Request(`http://portal.test${init.path ?? '/orders/new'}`, {
    method: init.method ?? 'POST',
    headers: { host: 'portal.test', ...init.headers },
    body: init.body,
  });
  return {
    method: req.method,
    nextUrl: { pathname: new URL(req.url).pathname },
    headers: req.headers,
    text: () => req.text(),
    formData: () => req.formData(),
  };
}
const statusOf = async (init: Parameters<typeof request>[0]) => (await refuseBadActionRequest(request(init), 'req-1'))?.status ?? 'passes';
const action = (contentType: string, body: BodyInit, extra: Record<string, string> = {}) =>
  statusOf({ headers: { 'next-action': ACTION_ID, 'content-type': contentType, ...extra }, body });

function multipart(parts: Record<string, string>): { contentType: string; body: string } {
  const boundary = 'XyZ123';
  const body =
    Object.entries(parts)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') + `--${boundary}--\r\n`;
  return { contentType: `multipart/form-data; boundary=${boundary}`, body };
}

describe('server-action requests refused before Next answers them with a 500', () => {
  it('lets well-formed calls, pages and safe methods through', async () => {
    expect(await action('text/plain;charset=UTF-8', '[{"text":"FAS-1001 2"}]', { origin: 'http://portal.test' })).toBe('passes');
    const form = multipart({ '1_text': 'FAS-1001 2', '0': '["$K1"]' });
    expect(await action(form.contentType, form.body)).toBe('passes');
    const noScriptForm = multipart({ $ACTION_ID_abc: '', name: 'Bob' });
    expect(await statusOf({ headers: { 'content-type': noScriptForm.contentType }, body: noScriptForm.body })).toBe('passes');
    expect(await statusOf({ method: 'GET', headers: { origin: 'https://evil.example' } })).toBe('passes');
    expect(
      await statusOf({
        path: '/api/auth/callback/oidc',
        headers: { origin: 'https://idp.example', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'code=1',
      }),
    ).toBe('passes');
    expect(await statusOf({ headers: { 'content-type': 'application/json' }, body: '{}' })).toBe('passes'); // not an action: the page answers
  });

  it('refuses another origin with 403, as Next would but without its 500', async () => {
    expect(await action('text/plain', '[]', { origin: 'https://evil.example' })).toBe(403);
    expect(await action('text/plain', '[]', { origin: 'null' })).toBe(403);
    expect(await action('text/plain', '[]', { origin: 'not a url' })).toBe(403);
    const form = multipart({ $ACTION_ID_abc: '' });
    expect(await statusOf({ headers: { origin: 'https://evil.example', 'content-type': form.contentType }, body: form.body })).toBe(403);
    // Behind a proxy that names the public host.
    expect(await action('text/plain', '[]', { origin: 'https://portal.example', 'x-forwarded-host': 'portal.example' })).toBe('passes');
  });

  it('refuses a body React’s client never sends with 400', async () => {
    expect(await action('text/plain;charset=UTF-8', 'garbage{')).toBe(400);
    expect(await action('text/plain;charset=UTF-8', '{"a":1}')).toBe(400);
    expect(await action('application/json', '[]')).toBe(400);
    expect(await action('application/x-www-form-urlencoded', 'a=1')).toBe(400);
    expect(await action('multipart/form-data; boundary=XyZ123', 'garbage')).toBe(400);
    expect(await action('multipart/form-data', 'garbage')).toBe(400);
    expect(await action(multipart({ '0': 'not json' }).contentType, multipart({ '0': 'not json' }).body)).toBe(400);
    expect(await action(multipart({ '1': '{', '0': '["$@1"]' }).contentType, multipart({ '1': '{', '0': '["$@1"]' }).body)).toBe(400);
    expect(await statusOf({ headers: { 'content-type': 'multipart/form-data; boundary=XyZ123' }, body: 'garbage' })).toBe(400);
  });

  it('refuses a body past Next’s 1 MB action limit with 413', async () => {
    expect(await action('text/plain', '[]', { 'content-length': String(2 * 1024 * 1024) })).toBe(413);
  });

  it('answers in the portal’s error shape, never stored', async () => {
    const res = (await refuseBadActionRequest(
      request({ headers: { 'next-action': ACTION_ID, 'content-type': 'text/plain' }, body: 'x' }),
      'req-1',
    ))!;
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await res.json()).toEqual({
      error: { code: 'bad_request', message: 'This request is not a valid form submission.', requestId: 'req-1' },
    });
  });
});
