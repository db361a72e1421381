import { createRequire } from 'node:module';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PageRewriter,
  SharedScripts,
  installScriptsAfterPaint,
  rewriteBodyScript,
  rewriteHead,
  scriptsCookie,
  scriptsOfPage,
  sectionOf,
} from '../../lib/http/scripts-after-paint';

/** The gzip middleware Next's router server runs on each request (next/dist/server/lib/router-server.js). */
const nextCompression = createRequire(import.meta.url)('next/dist/compiled/compression') as (opts: {
  threshold: number;
}) => (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const NONCE = 'bm9uY2U=';
/** A head as Next 16 writes it: the bootstrap (w.js) only preloaded here, its tag in the body. */
const HEAD =
  `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>` +
  `<link rel="stylesheet" href="/_next/static/chunks/a.css" nonce="${NONCE}" data-precedence="next"/>` +
  `<link rel="preload" as="script" fetchPriority="low" nonce="${NONCE}" href="/_next/static/chunks/w.js"/>` +
  `<script src="/_next/static/chunks/main.js" async="" nonce="${NONCE}"></script>` +
  `<script src="/_next/static/chunks/page.js" async="" nonce="${NONCE}"></script>` +
  `<title>Orders · Northwind</title>` +
  `<script src="/_next/static/chunks/polyfills.js" noModule="" nonce="${NONCE}"></script>`;
const BOOTSTRAP = `<script src="/_next/static/chunks/w.js" nonce="${NONCE}" async=""></script>`;
const BODY =
  `</head><body><main><h1>Orders — “Größe”</h1></main>` +
  `<script nonce="${NONCE}" id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/w.js"]});</script>` +
  BOOTSTRAP +
  `<script nonce="${NONCE}">self.__next_f.push([1,"x"])</script></body></html>`;
/** The body as it leaves: the bootstrap handed to the loader, the rest as it was. */
const REWRITTEN_BODY = BODY.replace(BOOTSTRAP, `<script nonce="${NONCE}">self.__portalAfterPaint("/_next/static/chunks/w.js")</script>`);
const MARK = 'build-42';

describe('rewriteHead', () => {
  it('moves the async scripts into one loader with the nonce, in their order, and keeps the rest of the head', () => {
    const head = rewriteHead(HEAD, { cacheMark: MARK });
    expect(head).not.toMatch(/<script[^>]*async/);
    expect(head).toContain('<title>Orders · Northwind</title>');
    expect(head).toContain('<script src="/_next/static/chunks/polyfills.js" noModule=""');
    const loader = /<script nonce="bm9uY2U=">(.*)<\/script>$/.exec(head)?.[1];
    expect(loader).toContain('["/_next/static/chunks/main.js","/_next/static/chunks/page.js"]');
    // Still fetched early on a first visit: Next's own preload of w.js stays, the moved ones get one where their tag was.
    expect(head.match(/<link rel="preload" as="script"[^>]*w\.js"/g)).toHaveLength(1);
    expect(head).toContain(`<link rel="preload" as="script" href="/_next/static/chunks/main.js" nonce="${NONCE}"/>`);
    expect(loader).toContain('first-contentful-paint');
    expect(loader).toContain(`portal_scripts=${MARK}; path=/; max-age=2592000; samesite=lax`);
  });

  it('leaves out the preload links of the scripts the browser has, and tells which scripts the page loads', () => {
    const heard: string[][] = [];
    const head = rewriteHead(HEAD, {
      cacheMark: MARK,
      cachedScript: (src) => !src.endsWith('/page.js'),
      onScripts: (sources) => heard.push(sources),
    });
    expect(head.match(/<link rel="preload"[^>]*>/g)).toEqual([
      `<link rel="preload" as="script" href="/_next/static/chunks/page.js" nonce="${NONCE}"/>`,
    ]);
    expect(head).toContain('<link rel="stylesheet"');
    expect(head).toContain('["/_next/static/chunks/main.js","/_next/static/chunks/page.js"]');
    expect(heard).toEqual([['/_next/static/chunks/w.js', '/_next/static/chunks/main.js', '/_next/static/chunks/page.js']]);
  });

  it('counts a script as shared once pages of two parts of the portal load it, and bounds what it keeps', () => {
    expect(['/orders/12?x=1', '/orders', '/', '/invoices#a'].map(sectionOf)).toEqual(['orders', 'orders', '', 'invoices']);
    const shared = new SharedScripts(3);
    shared.note('orders', ['/layout.js', '/orders.js']);
    shared.note('orders', ['/layout.js', '/orders.js']);
    expect(shared.isShared('/layout.js')).toBe(false); // two orders pages are one part
    shared.note('invoices', ['/layout.js', '/invoices.js']);
    expect(shared.isShared('/layout.js')).toBe(true);
    expect(shared.isShared('/orders.js')).toBe(false);
    shared.note('', ['/home.js', '/orders.js']); // a fourth script is not kept
    shared.note('account', ['/home.js', '/orders.js']);
    expect(shared.isShared('/orders.js')).toBe(true);
    expect(shared.isShared('/home.js')).toBe(false);
  });

  /** Runs the loader as a page would, with paints, frames, timers, visibility and script loads in the test's hands. */
  function runLoader(
    visibility: 'visible' | 'hidden',
    opts: { paintTiming?: boolean; observeThrows?: boolean; openThrows?: boolean; addThrows?: boolean; protocol?: string } = {},
  ) {
    const loader = /<script nonce="bm9uY2U=">(.*)<\/script>$/.exec(rewriteHead(HEAD, { cacheMark: MARK }))![1]!;
    const added: { src: string; async: boolean; nonce: string; onload?: () => void }[] = [];
    const frames: (() => void)[] = [];
    const paints: ((list: { getEntriesByName: (name: string) => unknown[] }) => void)[] = [];
    const timers: { run: () => void; ms: number }[] = [];
    const listeners: Record<string, (() => void)[]> = {};
    /** What happened to the frame that holds the load event, in order, with the scripts added meanwhile. */
    const hold: string[] = [];
    const iframe = {
      hidden: false,
      tabIndex: 0,
      attributes: {} as Record<string, string>,
      setAttribute(name: string, value: string) {
        this.attributes[name] = value;
      },
      // As in a browser: a frame has a document only once it is in the page.
      contentDocument: null as null | { open: () => void; close: () => void },
      remove: () => hold.push('remove'),
    };
    const frameDocument = {
      open: () => {
        if (opts.openThrows) throw new DOMException('open', 'SecurityError');
        hold.push('open');
      },
      close: () => hold.push(`close after ${added.length} scripts`),
    };
    const document = {
      visibilityState: visibility,
      cookie: '',
      createElement: (tag: string) => (tag === 'iframe' ? iframe : { src: '', async: false, nonce: '' }),
      head: {
        appendChild: (s: (typeof added)[number]) => {
          if (opts.addThrows) throw new TypeError('This document requires a TrustedScriptURL');
          added.push(s);
        },
      },
      body: {
        appendChild: (f: typeof iframe) => {
          hold.push(f === iframe ? 'append' : 'append what?');
          iframe.contentDocument = frameDocument;
        },
      },
      addEventListener: (type: string, run: () => void) => (listeners[type] ??= []).push(run),
    };
    class PerformanceObserver {
      static supportedEntryTypes = opts.paintTiming === false ? ['navigation'] : ['navigation', 'paint'];
      constructor(private readonly callback: (typeof paints)[number]) {}
      observe(o: { type: string; buffered: boolean }) {
        if (opts.observeThrows) throw new TypeError('type is not a member of PerformanceObserverInit');
        expect(o).toEqual({ type: 'paint', buffered: true });
        paints.push(this.callback);
      }
    }
    const page: Record<string, unknown> = {
      document,
      location: { protocol: opts.protocol ?? 'http:' },
      PerformanceObserver,
      requestAnimationFrame: (run: () => void) => frames.push(run),
      setTimeout: (run: () => void, ms = 0) => timers.push({ run, ms }),
    };
    page.self = page;
    runInNewContext(loader, page);
    const paint = (name: string) => paints.forEach((observe) => observe({ getEntriesByName: (n) => (n === name ? [{}] : []) }));
    const later = (src: string) => (page.__portalAfterPaint as (src: string) => void)(src);
    const fire = (type: string) => (listeners[type] ?? []).forEach((run) => run());
    return { added, frames, paint, timers, fire, document, later, hold, iframe };
  }
  const SCRIPTS = [
    { src: '/_next/static/chunks/main.js', async: true, nonce: NONCE },
    { src: '/_next/static/chunks/page.js', async: true, nonce: NONCE },
  ];
  const BOOT = { src: '/_next/static/chunks/w.js', async: true, nonce: NONCE };
  const sources = (added: { src: string; async: boolean; nonce: string }[]) =>
    added.map(({ src, async, nonce }) => ({ src, async, nonce }));

  it('runs in a page: the scripts, the body’s too, are added once, async, with the nonce, after the first paint', () => {
    const { added, frames, timers, paint, fire, later } = runLoader('visible');
    later(BOOT.src); // the body's bootstrap, read before the end of the page
    expect(added).toEqual([]);
    expect(frames).toEqual([]); // a frame while the body is parsed is no reason to start
    paint('first-contentful-paint');
    expect(added).toEqual([]); // painted: the scripts come in the task after it
    timers.find((t) => t.ms === 0)!.run();
    expect(sources(added)).toEqual([...SCRIPTS, BOOT]);
    // A script the body names after the start is added at once.
    later('/_next/static/chunks/late.js');
    expect(added.at(-1)!.src).toBe('/_next/static/chunks/late.js');
    // The other triggers (a tab hidden later, 2 s passing, the paint again) add nothing a second time.
    fire('visibilitychange');
    fire('DOMContentLoaded');
    paint('first-contentful-paint');
    for (const t of timers) t.run();
    expect(added).toHaveLength(4);
  });

  it('keeps the load event waiting from the end of the parse until the scripts are added, then lets the scripts hold it', () => {
    const { added, frames, timers, fire, paint, hold, iframe } = runLoader('visible');
    fire('DOMContentLoaded');
    expect(added).toEqual([]); // parsed is not painted: with the scripts in its cache, Chromium ran them before the paint
    // An open document in a frame the page cannot see, read or tab to: the load event waits for it.
    expect(hold).toEqual(['append', 'open']);
    expect(iframe).toMatchObject({ hidden: true, tabIndex: -1, attributes: { 'aria-hidden': 'true' } });
    // Painted: the scripts start in the task after the paint, and the frame goes at once, before any of them runs.
    expect(frames).toEqual([]);
    paint('first-contentful-paint');
    expect(added).toEqual([]);
    timers.find((t) => t.ms === 0)!.run();
    expect(sources(added)).toEqual(SCRIPTS);
    expect(hold).toEqual(['append', 'open', 'close after 2 scripts', 'remove']);
    // Started already: a second DOMContentLoaded-like call opens nothing again.
    fire('DOMContentLoaded');
    expect(hold).toHaveLength(4);
  });

  it('lets the load event go when a script cannot be added, rather than holding it for ever', () => {
    const { fire, paint, timers, hold } = runLoader('visible', { addThrows: true });
    fire('DOMContentLoaded');
    paint('first-contentful-paint');
    expect(() => timers.find((t) => t.ms === 0)!.run()).toThrow(TypeError);
    expect(hold).toEqual(['append', 'open', 'close after 0 scripts', 'remove']);
  });

  it('starts at once, as before, when the frame cannot be opened', () => {
    const { added, fire, hold } = runLoader('visible', { openThrows: true });
    fire('DOMContentLoaded');
    expect(sources(added)).toEqual(SCRIPTS);
    // The frame that could not be opened does not stay in the page.
    expect(hold).toEqual(['append', 'close after 2 scripts', 'remove']);
  });

  it('starts at the first contentful paint when that comes before the end of the page', () => {
    const { added, paint, timers } = runLoader('visible');
    paint('first-paint');
    expect(timers.filter((t) => t.ms === 0)).toEqual([]); // a paint without content (a background) is not the one
    paint('first-contentful-paint');
    expect(added).toEqual([]); // painted first: the scripts come in the task after it
    timers.find((t) => t.ms === 0)!.run();
    expect(sources(added)).toEqual(SCRIPTS);
  });

  it('remembers in a cookie that this build’s scripts loaded, secure on https', () => {
    const http = runLoader('hidden');
    expect(http.document.cookie).toBe('');
    http.added[0]!.onload!();
    expect(http.document.cookie).toBe(`portal_scripts=${MARK}; path=/; max-age=2592000; samesite=lax`);
    const https = runLoader('hidden', { protocol: 'https:' });
    https.added[0]!.onload!();
    expect(https.document.cookie).toBe(`portal_scripts=${MARK}; path=/; max-age=2592000; samesite=lax; secure`);
  });

  it('still starts where the browser does not report paints, or refuses to observe them: once the page is parsed, with nothing held', () => {
    for (const opts of [{ paintTiming: false }, { observeThrows: true }]) {
      const { added, fire, timers, hold } = runLoader('visible', opts);
      expect(added).toEqual([]);
      expect(timers.some((t) => t.ms === 2000)).toBe(true); // the 2 s fallback stands whatever happened
      fire('DOMContentLoaded');
      expect(sources(added)).toEqual(SCRIPTS);
      expect(hold).toEqual([]);
    }
  });

  it('starts the scripts at once in a hidden tab, or when the tab is hidden before then, or after 2 s', () => {
    const hidden = runLoader('hidden');
    expect(sources(hidden.added)).toEqual(SCRIPTS);
    hidden.later(BOOT.src); // the body's bootstrap, read after the loader started
    expect(sources(hidden.added)).toEqual([...SCRIPTS, BOOT]);
    const hiddenLater = runLoader('visible');
    hiddenLater.fire('visibilitychange');
    expect(sources(hiddenLater.added)).toEqual(SCRIPTS);
    const stuck = runLoader('visible');
    stuck.timers.find((t) => t.ms === 2000)!.run();
    expect(sources(stuck.added)).toEqual(SCRIPTS);
  });

  it('moves only what it can start again: a tag with other attributes stays, and an escaped src is read as the browser reads it', () => {
    const head = rewriteHead(
      '<script src="/a.js?v=1&amp;dpl=x" async="" nonce="n"></script>' +
        '<script src="/b.js" async="" integrity="sha384-x" crossorigin=""></script>',
    );
    expect(head).toContain('<script src="/b.js" async="" integrity="sha384-x" crossorigin=""></script>');
    expect(head).toContain('["/a.js?v=1&dpl=x"]');
    expect(head).toContain('<link rel="preload" as="script" href="/a.js?v=1&amp;dpl=x" nonce="n"/>');
    expect(rewriteBodyScript('<script src="/b.js" async="" integrity="sha384-x"></script>')).toBe(
      '<script src="/b.js" async="" integrity="sha384-x"></script>',
    );
    expect(rewriteBodyScript('<script src="/c.js" nonce="n"></script>')).toBe('<script src="/c.js" nonce="n"></script>');
    expect(rewriteBodyScript('<script src="/d.js?a=1&amp;b=2" async=""></script>')).toBe(
      '<script>self.__portalAfterPaint("/d.js?a=1&b=2")</script>',
    );
  });

  it('reads back every script of a rewritten page, in order: the tags left, the loader’s queue, the body’s calls', () => {
    const page = rewriteHead(HEAD, { cacheMark: MARK }) + REWRITTEN_BODY;
    expect(scriptsOfPage(page)).toEqual([
      '/_next/static/chunks/polyfills.js',
      '/_next/static/chunks/main.js',
      '/_next/static/chunks/page.js',
      '/_next/static/chunks/w.js',
    ]);
    // As Next writes it, without the loader: the tags themselves, their src read as the browser reads it.
    expect(scriptsOfPage(HEAD + BODY.replace(BOOTSTRAP, BOOTSTRAP.replace('w.js"', 'w.js?a=1&amp;b=2"')))).toEqual([
      '/_next/static/chunks/main.js',
      '/_next/static/chunks/page.js',
      '/_next/static/chunks/polyfills.js',
      '/_next/static/chunks/w.js?a=1&b=2',
    ]);
    const escaped =
      rewriteHead('<script src="/a<!--b.js" async=""></script>') + rewriteBodyScript('<script src="/c&quot;d.js" async=""></script>');
    expect(scriptsOfPage(escaped)).toEqual(['/a<!--b.js', '/c"d.js']);
  });

  it('leaves a head without scripts as it is, and escapes what could end the loader', () => {
    expect(rewriteHead('<head><title>x</title>')).toBe('<head><title>x</title>');
    const odd = rewriteHead('<script src="/a<!--b.js" async=""></script>');
    expect(odd).not.toContain('<!--');
    expect(odd).toContain('/a\\u003c!--b.js');
    expect(rewriteBodyScript('<script src="/a</script>" async=""></script>')).toBe('<script src="/a</script>" async=""></script>');
  });

  it('reads only a build id’s characters from the cookie', () => {
    expect(scriptsCookie(`a=1; portal_scripts=${MARK}; b=2`)).toBe(MARK);
    expect(scriptsCookie(`portal_scripts=${MARK}`)).toBe(MARK);
    expect(scriptsCookie('portal_scripts=<x>')).toBeNull();
    expect(scriptsCookie('xportal_scripts=abc')).toBeNull();
    expect(scriptsCookie(undefined)).toBeNull();
  });
});

describe('PageRewriter', () => {
  it('gives the same page whatever the chunks, even split inside a character, </head> or a script tag', () => {
    const page = Buffer.from(HEAD + BODY);
    const whole = new PageRewriter({ cacheMark: MARK });
    const expected = Buffer.concat([whole.push(page), whole.end()]).toString('utf8');
    expect(expected).toBe(rewriteHead(HEAD, { cacheMark: MARK }) + REWRITTEN_BODY);
    for (const size of [1, 3, 7, 13, 64, 500]) {
      const r = new PageRewriter({ cacheMark: MARK });
      const out: Buffer[] = [];
      for (let i = 0; i < page.length; i += size) out.push(r.push(page.subarray(i, i + size)));
      out.push(r.end());
      expect(Buffer.concat(out).toString('utf8'), `chunks of ${size}`).toBe(expected);
    }
  });

  it('holds back in the body only a script tag not complete yet, and passes a page without a head or scripts unchanged', () => {
    const r = new PageRewriter();
    r.push(Buffer.from(HEAD + '</head>'));
    expect(r.push(Buffer.from('<body><p>a</p>')).toString()).toBe('<body><p>a</p>');
    expect(r.push(Buffer.from('<p>b</p><script src="/x.js" async=')).toString()).toBe('<p>b</p>');
    expect(r.push(Buffer.from('""></script><p>c</p><scr')).toString()).toBe('<script>self.__portalAfterPaint("/x.js")</script><p>c</p>');
    expect(r.end().toString()).toBe('<scr');
    // A tag that never closes is held no further than 256 kB, then passed on as it is; so is a head that never ends.
    const open = `<script src="/y.js" async="">${'a'.repeat(300_000)}`;
    const unclosed = new PageRewriter();
    const sent = [unclosed.push(Buffer.from(HEAD + '</head>')), unclosed.push(Buffer.from(open.slice(0, 1000)))];
    expect(sent[1]!.byteLength).toBe(0);
    sent.push(unclosed.push(Buffer.from(open.slice(1000))), unclosed.end());
    expect(Buffer.concat(sent).toString()).toBe(rewriteHead(HEAD) + '</head>' + open);
    const endless = `<head>${'<meta name="x"/>'.repeat(20_000)}`;
    const noHeadEnd = new PageRewriter();
    expect(Buffer.concat([noHeadEnd.push(Buffer.from(endless)), noHeadEnd.end()]).toString()).toBe(endless);
    const none = new PageRewriter();
    expect(Buffer.concat([none.push(Buffer.from('{"not":"html"}')), none.end()]).toString()).toBe('{"not":"html"}');
    const plain = '<html><head><title>x</title></head><body><script src="/x.js" async=""></script></body></html>';
    const noLoader = new PageRewriter();
    expect(Buffer.concat([noLoader.push(Buffer.from(plain)), noLoader.end()]).toString()).toBe(plain);
  });
});

describe('a server with the rewrite installed', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    installScriptsAfterPaint(MARK);
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
    const expected = rewriteHead(HEAD, { cacheMark: MARK }) + REWRITTEN_BODY;
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

  it('leaves the shared scripts’ preloads out when the request carries this build’s cookie, not another build’s', async () => {
    // Pages of two parts have loaded these scripts: every one of them is shared.
    await get('/a');
    await get('/b/1');
    const cached = await get('/a/2', { cookie: `theme=x; portal_scripts=${MARK}` });
    expect(cached.body.toString()).toBe(rewriteHead(HEAD, { cacheMark: MARK, cachedScript: () => true }) + REWRITTEN_BODY);
    expect(cached.body.toString()).not.toContain('rel="preload"');
    expect((await get('/', { cookie: 'portal_scripts=build-41' })).body.toString()).toBe(
      rewriteHead(HEAD, { cacheMark: MARK }) + REWRITTEN_BODY,
    );
  });

  it('leaves other content, client navigations (RSC) and Next’s static files alone', async () => {
    expect((await get('/json')).body.toString()).toBe('{"a":"<script src=x async=\\"\\"></script>"}');
    expect((await get('/', { rsc: '1' })).body.toString()).toBe(HEAD + BODY);
    expect((await get('/_next/static/page.html')).body.toString()).toBe(HEAD + BODY);
  });
});
