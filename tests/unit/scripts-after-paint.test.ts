import { createRequire } from 'node:module';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadRewriter, installScriptsAfterPaint, rewriteHead } from '../../lib/http/scripts-after-paint';

/** The gzip middleware Next's router server runs on each request (next/dist/server/lib/router-server.js). */
const nextCompression = createRequire(import.meta.url)('next/dist/compiled/compression') as (opts: {
  threshold: number;
}) => (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const NONCE = 'bm9uY2U=';
const HEAD =
  `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>` +
  `<link rel="stylesheet" href="/_next/static/chunks/a.css" nonce="${NONCE}" data-precedence="next"/>` +
  `<link rel="preload" as="script" fetchPriority="low" nonce="${NONCE}" href="/_next/static/chunks/w.js"/>` +
  `<script src="/_next/static/chunks/w.js" async="" nonce="${NONCE}"></script>` +
  `<script src="/_next/static/chunks/main.js" async="" nonce="${NONCE}"></script>` +
  `<title>Orders · Northwind</title>` +
  `<script src="/_next/static/chunks/polyfills.js" noModule="" nonce="${NONCE}"></script>`;
const BODY = `</head><body><main><h1>Orders — “Größe”</h1></main><script nonce="${NONCE}">self.__next_f.push([1,"x"])</script></body></html>`;

describe('rewriteHead', () => {
  it('moves the async scripts into one loader with the nonce, in their order, and keeps the rest of the head', () => {
    const head = rewriteHead(HEAD);
    expect(head).not.toMatch(/<script[^>]*async/);
    expect(head).toContain('<link rel="preload" as="script"');
    expect(head).toContain('<title>Orders · Northwind</title>');
    expect(head).toContain('<script src="/_next/static/chunks/polyfills.js" noModule=""');
    const loader = /<script nonce="bm9uY2U=">(.*)<\/script>$/.exec(head)?.[1];
    expect(loader).toContain('["/_next/static/chunks/w.js","/_next/static/chunks/main.js"]');
    // Still fetched early: Next's own preload of w.js stays, main.js gets one where its tag was.
    expect(head.match(/<link rel="preload" as="script"[^>]*w\.js"/g)).toHaveLength(1);
    expect(head).toContain(`<link rel="preload" as="script" href="/_next/static/chunks/main.js" nonce="${NONCE}"/>`);
    expect(loader).toContain('requestAnimationFrame');
  });

  /** Runs the loader as a page would, with the frames, timers and visibility changes in the test's hands. */
  function runLoader(visibility: 'visible' | 'hidden') {
    const loader = /<script nonce="bm9uY2U=">(.*)<\/script>$/.exec(rewriteHead(HEAD))![1]!;
    const added: { src: string; async: boolean; nonce: string }[] = [];
    const frames: (() => void)[] = [];
    const timers: { run: () => void; ms: number }[] = [];
    const listeners: (() => void)[] = [];
    const document = {
      visibilityState: visibility,
      createElement: () => ({ src: '', async: false, nonce: '' }),
      head: { appendChild: (s: { src: string; async: boolean; nonce: string }) => added.push(s) },
      addEventListener: (type: string, run: () => void) => type === 'visibilitychange' && listeners.push(run),
    };
    runInNewContext(loader, {
      document,
      requestAnimationFrame: (run: () => void) => frames.push(run),
      setTimeout: (run: () => void, ms = 0) => timers.push({ run, ms }),
    });
    return { added, frames, timers, listeners };
  }
  const SCRIPTS = [
    { src: '/_next/static/chunks/w.js', async: true, nonce: NONCE },
    { src: '/_next/static/chunks/main.js', async: true, nonce: NONCE },
  ];

  it('runs in a page: the scripts are added once, async, with the nonce, only after the next frame', () => {
    const { added, frames, timers, listeners } = runLoader('visible');
    expect(added).toEqual([]);
    frames.shift()!();
    expect(added).toEqual([]); // painted first: the scripts come in the task after the frame
    timers.find((t) => t.ms === 0)!.run();
    expect(added).toEqual(SCRIPTS);
    // The fallbacks (a tab hidden later, 2 s passing) add nothing a second time.
    for (const run of listeners) run();
    for (const t of timers) t.run();
    expect(added).toEqual(SCRIPTS);
  });

  it('starts the scripts at once in a hidden tab, or when the tab is hidden before its first frame, or after 2 s', () => {
    expect(runLoader('hidden').added).toEqual(SCRIPTS);
    const hiddenLater = runLoader('visible');
    hiddenLater.listeners.forEach((run) => run());
    expect(hiddenLater.added).toEqual(SCRIPTS);
    const noFrame = runLoader('visible');
    noFrame.timers.find((t) => t.ms === 2000)!.run();
    expect(noFrame.added).toEqual(SCRIPTS);
  });

  it('moves only what it can start again: a tag with other attributes stays, and an escaped src is read as the browser reads it', () => {
    const head = rewriteHead(
      '<script src="/a.js?v=1&amp;dpl=x" async="" nonce="n"></script>' +
        '<script src="/b.js" async="" integrity="sha384-x" crossorigin=""></script>',
    );
    expect(head).toContain('<script src="/b.js" async="" integrity="sha384-x" crossorigin=""></script>');
    expect(head).toContain('["/a.js?v=1&dpl=x"]');
    expect(head).toContain('<link rel="preload" as="script" href="/a.js?v=1&amp;dpl=x" nonce="n"/>');
  });

  it('leaves a head without async scripts as it is, and escapes what could end the loader', () => {
    expect(rewriteHead('<head><title>x</title>')).toBe('<head><title>x</title>');
    const odd = rewriteHead('<script src="/a<!--b.js" async=""></script>');
    expect(odd).not.toContain('<!--');
    expect(odd).toContain('/a\\u003c!--b.js');
  });
});

describe('HeadRewriter', () => {
  it('gives the same page whatever the chunks, even split inside a character or inside </head>', () => {
    const page = Buffer.from(HEAD + BODY);
    const whole = new HeadRewriter();
    const expected = Buffer.concat([whole.push(page), whole.end()]).toString('utf8');
    expect(expected).toBe(rewriteHead(HEAD) + BODY);
    for (const size of [1, 3, 7, 64, 500]) {
      const r = new HeadRewriter();
      const out: Buffer[] = [];
      for (let i = 0; i < page.length; i += size) out.push(r.push(page.subarray(i, i + size)));
      out.push(r.end());
      expect(Buffer.concat(out).toString('utf8'), `chunks of ${size}`).toBe(expected);
    }
  });

  it('holds nothing back once the head has passed, and passes a page without a head unchanged', () => {
    const r = new HeadRewriter();
    r.push(Buffer.from(HEAD + '</head>'));
    expect(r.push(Buffer.from('<body>')).toString()).toBe('<body>');
    const none = new HeadRewriter();
    expect(Buffer.concat([none.push(Buffer.from('{"not":"html"}')), none.end()]).toString()).toBe('{"not":"html"}');
  });
});

describe('a server with the rewrite installed', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    installScriptsAfterPaint();
    // As Next's router server: its gzip (when on) wraps write and end inside the request, after the rewrite was set up.
    const gzip = nextCompression({ threshold: 0 });
    server = createServer((req, res) => {
      const send = () => {
        if (req.url === '/json')
          return res.setHeader('content-type', 'application/json').end('{"a":"<script src=x async=\\"\\"></script>"}');
        res.setHeader('content-type', 'text/html; charset=utf-8');
        if (req.url === '/fixed') return res.setHeader('content-length', Buffer.byteLength(HEAD + BODY)).end(HEAD + BODY);
        const page = Buffer.from(HEAD + BODY);
        if (req.url === '/end-callback') {
          res.write(page);
          return res.end(() => {});
        }
        res.write(page.subarray(0, 50));
        res.write(page.subarray(50, 300));
        res.end(page.subarray(300));
      };
      if (req.headers['x-gzip']) gzip(req, res, send);
      else send();
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((done, fail) => {
      request(`${base}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', fail)
        .end();
    });

  it('sends streamed and fixed-length pages with the loader, plain or gzipped', async () => {
    const expected = rewriteHead(HEAD) + BODY;
    expect((await get('/')).body.toString()).toBe(expected);
    const fixed = await get('/fixed');
    expect(fixed.body.toString()).toBe(expected);
    expect(fixed.headers['content-length']).toBeUndefined();
    const zipped = await get('/', { 'x-gzip': '1', 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.body).toString()).toBe(expected);
    // end() with only a callback, the whole page written before.
    expect((await get('/end-callback')).body.toString()).toBe(expected);
    expect(gunzipSync((await get('/end-callback', { 'x-gzip': '1', 'accept-encoding': 'gzip' })).body).toString()).toBe(expected);
  });

  it('leaves other content, client navigations (RSC) and Next’s static files alone', async () => {
    expect((await get('/json')).body.toString()).toBe('{"a":"<script src=x async=\\"\\"></script>"}');
    expect((await get('/', { rsc: '1' })).body.toString()).toBe(HEAD + BODY);
    expect((await get('/_next/static/page.html')).body.toString()).toBe(HEAD + BODY);
  });
});
