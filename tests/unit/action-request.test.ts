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
    arrayBuffer: () => req.arrayBuffer(),
  };
}
const statusOf = async (init: Parameters<typeof request>[0], opts?: { trustForwardedHost?: boolean }) =>
  (await refuseBadActionRequest(request(init), 'req-1', opts))?.status ?? 'passes';
const action = (contentType: string, body: BodyInit, extra: Record<string, string> = {}, opts?: { trustForwardedHost?: boolean }) =>
  statusOf({ headers: { 'next-action': ACTION_ID, 'content-type': contentType, ...extra }, body }, opts);

/** A multipart body; give the parts as a list where their order matters (an object puts numeric names first). */
function multipart(parts: Record<string, string> | [string, string][]): { contentType: string; body: string } {
  const boundary = 'XyZ123';
  const body =
    (Array.isArray(parts) ? parts : Object.entries(parts))
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
    // Behind a configured proxy that names the public host.
    const viaProxy = { origin: 'https://portal.example', 'x-forwarded-host': 'portal.example' };
    expect(await action('text/plain', '[]', viaProxy, { trustForwardedHost: true })).toBe('passes');
    // Without one, a client naming the host of its own Origin in X-Forwarded-Host proves nothing.
    expect(await action('text/plain', '[]', { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' })).toBe(403);
    expect(await action('text/plain', '[]', viaProxy)).toBe(403);
    // A proxy that forwards the public host with its port and keeps Host: either names this host, as for Next.
    expect(
      await action(
        'text/plain',
        '[]',
        { origin: 'http://portal.test', 'x-forwarded-host': 'portal.test:443' },
        { trustForwardedHost: true },
      ),
    ).toBe('passes');
  });

  it('refuses an action Next sends on to another page as one it does not hold, whatever its body', async () => {
    const form = multipart({ '1_name': 'Bob', '0': '["$K1"]' });
    expect(await action(form.contentType, form.body, { 'x-action-forwarded': '1' })).toBe(409);
    expect(await statusOf({ headers: { 'x-action-forwarded': '1', 'content-type': 'text/plain' }, body: '[]' })).toBe(409);
    const res = await refuseBadActionRequest(request({ headers: { 'x-action-forwarded': '1' }, body: '' }), 'req-1');
    // Next's own marker, which it passes on to the browser; no body, which Next would drop mid-stream.
    expect(res!.headers.get('x-nextjs-action-not-found')).toBe('1');
    expect(await res!.text()).toBe('');
    // A page load carrying the header is no action: it goes on.
    expect(await statusOf({ method: 'GET', headers: { 'x-action-forwarded': '1' } })).toBe('passes');
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

  it('refuses arguments nested deeper than any action takes with 400, however deep (a recursive check ran out of stack: 500)', async () => {
    const nested = (depth: number, open: string, close: string) => `[null,${open.repeat(depth)}${close.repeat(depth)}]`;
    expect(await action('text/plain;charset=UTF-8', nested(5000, '[', ']'))).toBe(400);
    expect(await action('text/plain;charset=UTF-8', nested(100_000, '[', ']'))).toBe(400);
    expect(await action('text/plain;charset=UTF-8', `[null,${'{"lines":'.repeat(5000)}1${'}'.repeat(5000)}]`)).toBe(400);
    expect(await action('text/plain;charset=UTF-8', nested(40, '[', ']'))).toBe(400);
    // What the portal's forms send: a few levels.
    expect(await action('text/plain;charset=UTF-8', '[null,{"lines":[{"productId":1,"quantity":"2"}],"poReference":"PO-1"}]')).toBe(
      'passes',
    );
    expect(await action('text/plain;charset=UTF-8', nested(20, '[', ']'))).toBe('passes');
  });

  it('refuses a reference to a part the body does not hold with 400 (Next waits for it, then fails with a 500)', async () => {
    for (const ref of ['$Q99', '$@5', '$W1', '$i2', '$B3', '$5', '$h1']) {
      expect(await action('text/plain', JSON.stringify([null, ref])), ref).toBe(400);
      expect(await action('text/plain', JSON.stringify([{ nested: [ref] }])), ref).toBe(400);
    }
    const dangling = multipart({ '1': '{"a":1}', '0': '["$Q1a"]' });
    expect(await action(dangling.contentType, dangling.body)).toBe(400);
    // Present parts, escaped dollars and React's value forms pass.
    const present = multipart([
      ['26', '[["k","v"]]'],
      ['0', '["$Q1a"]'],
    ]);
    expect(await action(present.contentType, present.body)).toBe('passes');
    // A stream's chunks are in parts named S<id>.
    const stream = multipart({ S3: '"chunk"', '0': '["$R3"]' });
    expect(await action(stream.contentType, stream.body)).toBe('passes');
    const noStream = multipart({ '3': '"chunk"', '0': '["$R3"]' });
    expect(await action(noStream.contentType, noStream.body)).toBe(400);
    expect(
      await action('text/plain', JSON.stringify(['$$5', '$undefined', '$NaN', '$-0', '$D2026-01-01T00:00:00.000Z', '$n12', 'US$ 5'])),
    ).toBe('passes');
  });

  it('refuses references Next’s decoder fails on with a 500: forward, not a list, a function, a BigInt that is not digits', async () => {
    const send = (parts: [string, string][]) => action(multipart(parts).contentType, multipart(parts).body);
    // The argument list before the part it points at (React's client writes it last).
    expect(
      await send([
        ['0', '[null,"$1"]'],
        ['1', '{"name":"x"}'],
      ]),
    ).toBe(400);
    expect(
      await send([
        ['1', '{"name":"x"}'],
        ['0', '[null,"$1"]'],
      ]),
    ).toBe('passes');
    // A Map, Set or iterator over something that is not a list.
    for (const ref of ['$Q1', '$W1', '$i1']) {
      expect(
        await send([
          ['1', '5'],
          ['0', `[null,"${ref}"]`],
        ]),
        ref,
      ).toBe(400);
      expect(
        await send([
          ['1', '[["k","v"]]'],
          ['0', `[null,"${ref}"]`],
        ]),
        ref,
      ).toBe('passes');
    }
    // A server function as an argument.
    for (const ref of ['$h1', '$F1']) {
      expect(
        await send([
          ['1', '{"id":"deadbeef","bound":null}'],
          ['0', `[null,"${ref}"]`],
        ]),
        ref,
      ).toBe(400);
    }
    // A BigInt that is not digits, in a fetch call or a no-script form's bound arguments.
    expect(await action('text/plain', '[null,"$nabc"]')).toBe(400);
    expect(await action('text/plain', '[null,"$n-12"]')).toBe('passes');
    const noScript = (args: string) =>
      multipart([
        ['$ACTION_REF_1', ''],
        ['$ACTION_1:0', `{"id":"${ACTION_ID}","bound":"$@1"}`],
        ['$ACTION_1:1', args],
      ]);
    const bad = noScript('["$nzz"]');
    expect(await statusOf({ headers: { 'content-type': bad.contentType }, body: bad.body })).toBe(400);
    const good = noScript('["x"]');
    expect(await statusOf({ headers: { 'content-type': good.contentType }, body: good.body })).toBe('passes');
  });

  it('refuses a body past Next’s 1 MB action limit with 413', async () => {
    expect(await action('text/plain', '[]', { 'content-length': String(2 * 1024 * 1024) })).toBe(413);
    // A chunked body names no length: it is measured as read.
    expect(await action('text/plain', JSON.stringify(['x'.repeat(1024 * 1024 + 10)]))).toBe(413);
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
