import { subscribe } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

/**
 * Starts a page's scripts after the browser has painted it once.
 *
 * Next puts the client runtime in the page's <head> as `<script src async>` tags, and React
 * puts the bootstrap at the end of the body the same way. With the scripts in the browser's
 * cache (every page after the first), Chromium runs them as soon as they are ready, and their
 * evaluation came before the first paint. Next has no setting for this, so the page is
 * rewritten as it leaves the server: the head's tags become one inline loader, with the page's
 * nonce, that adds the same scripts once the page has painted, and the
 * body's tag a call that hands its script to that loader. A first visit keeps a preload link
 * for each, so it still fetches them as early as before; a browser that has this build's
 * scripts (the loader leaves a cookie) gets none for those every part of the portal shares. Nothing else changes: the RSC payload waits
 * in `self.__next_f` as it does for a slow network, and the runtime hydrates the page a little
 * later. `npm run bench:first-paint` times it.
 */

/** A script tag and its attributes, as React writes them (`name="value"` or a bare name). */
const SCRIPT_TAG = /<script\b([^>]*)><\/script>/g;
const ATTRIBUTE = /\s([a-zA-Z][\w-]*)(?:="([^"]*)")?/g;
/** What a bootstrap script of Next carries; a tag with more (integrity, crossorigin, type) stays as it is. */
const MOVABLE = new Set(['src', 'async', 'nonce']);

/** Next's own `<link rel="preload" as="script" … href>` in the head, which already fetches its script early. */
const PRELOAD_LINK = /<link\b(?=[^>]*\srel="preload")(?=[^>]*\sas="script")[^>]*\shref="([^"]*)"[^>]*>/g;

const escapeAttribute = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

function attributes(raw: string): Map<string, string> {
  return new Map([...raw.matchAll(ATTRIBUTE)].map((m) => [m[1]!.toLowerCase(), decodeEntities(m[2] ?? '')]));
}

/** An attribute value as the browser reads it: React escapes & " ' < > in what it writes. */
function decodeEntities(value: string): string {
  return value.replace(/&(amp|quot|lt|gt|#x27|#39);/g, (_m, e: string) =>
    e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'lt' ? '<' : e === 'gt' ? '>' : "'",
  );
}

/** The cookie a browser keeps once it has loaded this build's scripts (see rewriteHead). */
export const SCRIPTS_COOKIE = 'portal_scripts';

/**
 * How a page's head is rewritten for one request. `cacheMark` names this build (the loader
 * sets SCRIPTS_COOKIE to it once a script has loaded). `cachedScript` says which scripts the
 * browser has in its cache, for a request that carried the mark: their preload links go.
 * `onScripts` hears every script the page loads.
 */
export type HeadOptions = {
  cacheMark?: string | null;
  cachedScript?: (src: string) => boolean;
  onScripts?: (sources: string[]) => void;
};

/**
 * The head with its async scripts moved into one loader that runs once the page has painted, or the
 * head as it was when it has no scripts at all. A script tag React writes later in the body
 * (the bootstrap, which Next only preloads in the head) is handed to the same loader by
 * rewriteBodyScript. Preload links stay, so a first visit fetches the scripts as early as
 * before; for scripts a browser has in its cache (`cachedScript`) they go: even served
 * from its cache, the preloads took 40-90 ms of the main thread before the first paint
 * (`npm run bench:first-paint`).
 */
export function rewriteHead(head: string, opts: HeadOptions = {}): string {
  const sources: string[] = [];
  let nonce: string | null = null;
  const preloads = [...head.matchAll(PRELOAD_LINK)];
  const preloaded = new Set(preloads.map((m) => decodeEntities(m[1]!)));
  for (const m of preloads) nonce ??= attributes(m[0]).get('nonce') ?? null;
  let rest = head.replace(SCRIPT_TAG, (tag: string, raw: string) => {
    const script = movableScript(raw);
    if (!script) return tag;
    sources.push(script.src);
    nonce = script.nonce ?? nonce;
    // Fetched as early as the tag had it (a first visit must not wait for the paint to ask), run later.
    return preloaded.has(script.src) || opts.cachedScript?.(script.src)
      ? ''
      : `<link rel="preload" as="script" href="${escapeAttribute(script.src)}"${nonceAttribute(script.nonce)}/>`;
  });
  if (sources.length === 0 && preloads.length === 0) return head;
  opts.onScripts?.([...preloaded, ...sources]);
  const cached = opts.cachedScript;
  if (cached) rest = rest.replace(PRELOAD_LINK, (link: string, href: string) => (cached(decodeEntities(href)) ? '' : link));
  return rest + loaderScript(sources, nonce, opts.cacheMark ?? null);
}

/** Where a script tag starts in the body; React writes `src` first. */
const BODY_SCRIPT_START = Buffer.from('<script src="');
const SCRIPT_END = Buffer.from('</script>');

/**
 * A script tag of the body: an async one of Next's (the bootstrap) becomes a call that hands
 * its source to the head's loader, so it too starts once the page is parsed; any other stays.
 */
export function rewriteBodyScript(tag: string): string {
  const m = /^<script\b([^>]*)><\/script>$/.exec(tag);
  const script = m ? movableScript(m[1]!) : null;
  return script ? `<script${nonceAttribute(script.nonce)}>self.__portalAfterPaint(${jsonInScript(script.src)})</script>` : tag;
}

/** A bootstrap script of Next's (`src`, `async`, maybe `nonce`, nothing else) from its tag's attributes; null for any other. */
function movableScript(raw: string): { src: string; nonce: string | null } | null {
  const attrs = attributes(raw);
  const src = attrs.get('src');
  if (!src || !attrs.has('async') || [...attrs.keys()].some((name) => !MOVABLE.has(name))) return null;
  return { src, nonce: attrs.get('nonce') ?? null };
}

const nonceAttribute = (nonce: string | null) => (nonce === null ? '' : ` nonce="${escapeAttribute(nonce)}"`);

/** JSON in a script: `<` escaped so no value can close the tag. */
const jsonInScript = (value: unknown) => JSON.stringify(value).replaceAll('<', '\\u003c');

/**
 * Every script a page served by this module loads, in the order it names them: the tags left
 * as they were, the head loader's queue and the body's calls to it. For tools that weigh a
 * page's JavaScript (bench/vs-odoo.ts); it reads what loaderScript and rewriteBodyScript
 * write, so the two change together.
 */
export function scriptsOfPage(html: string): string[] {
  const tags = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => attributes(m[1]!).get('src')).filter((src) => src !== undefined);
  const queue = /\{var started=false,[^;]*?queue=(\[[^\]]*\])/.exec(html)?.[1];
  const handed = [...html.matchAll(/self\.__portalAfterPaint\(("(?:[^"\\]|\\.)*")\)<\/script>/g)].map((m) => JSON.parse(m[1]!) as string);
  return [...new Set([...tags, ...(queue ? (JSON.parse(queue) as string[]) : []), ...handed])];
}

/**
 * The inline loader. Its scripts are `async`, as the tags were: React, hydrating, looks for
 * `script[async][src]` to know a chunk is already there. They start once, at the first of:
 * the task after the first contentful paint; a hidden tab (no paint comes there); 2 s. Not at
 * the first animation frame: Chromium runs frames while it parses, before the first one with
 * content. Nor as soon as the page is parsed (DOMContentLoaded): with the scripts in its
 * cache, Chromium ran them there, before it painted. A browser that does not report paints
 * starts them there all the same.
 *
 * A short page is parsed before its first paint, and the load event would then come before
 * the scripts, a page saying it has loaded before its scripts have even started (tests and
 * people who act at once typed into fields that hydration then reset). So from
 * DOMContentLoaded to the start an empty frame is kept open (`document.open()` on a hidden
 * about:blank iframe): the document's load event waits for its frames (Chromium, checked by
 * the browser tests; WebKit and Gecko keep a parent's load waiting for an opened frame too),
 * and once the scripts are added they hold it themselves. The frame goes before any script
 * runs, so React never sees it. As on a page Next writes itself, the scripts have run by the
 * load event; React may finish hydrating a few tasks later. `self.__portalAfterPaint` takes
 * a script the body names later.
 */
function loaderScript(sources: string[], nonce: string | null, cacheMark: string | null): string {
  const attr = nonceAttribute(nonce);
  const cookie = cacheMark === null ? '' : `${SCRIPTS_COOKIE}=${cacheMark}; path=/; max-age=2592000; samesite=lax`;
  return (
    `<script${attr}>(function(){var started=false,watching=false,hold=null,queue=${jsonInScript(sources)},nonce=${jsonInScript(nonce ?? '')},mark=${jsonInScript(cookie)};` +
    `function remember(){document.cookie=mark+(location.protocol==="https:"?"; secure":"")}` +
    `function add(src){var s=document.createElement("script");s.src=src;s.async=true;if(nonce)s.nonce=nonce;if(mark)s.onload=remember;document.head.appendChild(s)}` +
    `function release(){var f=hold;hold=null;if(f){try{f.contentDocument.close()}catch(e){}f.remove()}}` +
    `function load(){if(started)return;started=true;try{queue.forEach(add)}finally{queue=[];release()}}` +
    `function keepLoading(){if(started)return;if(!watching)return load();try{hold=document.createElement("iframe");hold.hidden=true;hold.tabIndex=-1;hold.setAttribute("aria-hidden","true");document.body.appendChild(hold);hold.contentDocument.open()}catch(e){load()}}` +
    `self.__portalAfterPaint=function(src){if(started)add(src);else queue.push(src)};` +
    `if(document.visibilityState!=="visible")return load();` +
    `document.addEventListener("DOMContentLoaded",keepLoading);document.addEventListener("visibilitychange",load);setTimeout(load,2000);` +
    `try{var types=PerformanceObserver.supportedEntryTypes;if(types.indexOf("paint")>=0){new PerformanceObserver(function(list){if(list.getEntriesByName("first-contentful-paint").length)setTimeout(load)}).observe({type:"paint",buffered:true});watching=true}}catch(e){}})()</script>`
  );
}

const HEAD_END = Buffer.from('</head>');
/** A head, or a script tag of the body, larger than this is passed on as it is: no page of the portal comes close. */
const MAX_HELD_BYTES = 256 * 1024;

/** How many bytes at the end of `buf` are the start of `needle` (a tag that may finish in the next chunk). */
function partialTail(buf: Buffer, needle: Buffer): number {
  for (let n = Math.min(needle.byteLength - 1, buf.byteLength); n > 0; n--)
    if (buf.subarray(buf.byteLength - n).equals(needle.subarray(0, n))) return n;
  return 0;
}

/**
 * The bytes of one HTML response: the head rewritten (rewriteHead), then the body's async
 * script tags handed to the loader (rewriteBodyScript), everything else unchanged. Holds
 * back what it has seen until the head is complete, and in the body only a script tag that
 * is not complete yet.
 */
export class PageRewriter {
  private held: Buffer = Buffer.alloc(0);
  private phase: 'head' | 'body' | 'done' = 'head';

  constructor(private readonly opts: HeadOptions = {}) {}

  /** What may go out now for this chunk (possibly nothing while a tag is incomplete). */
  push(chunk: Buffer): Buffer {
    if (this.phase === 'done') return chunk;
    const all = this.held.byteLength ? Buffer.concat([this.held, chunk]) : chunk;
    this.held = Buffer.alloc(0);
    if (this.phase === 'body') return this.body(all);
    // Searched from the start: `</head>` may straddle the last chunk and this one.
    const end = all.indexOf(HEAD_END);
    if (end === -1) {
      if (all.byteLength > MAX_HELD_BYTES) return this.finish(all);
      this.held = all;
      return Buffer.alloc(0);
    }
    const head = all.subarray(0, end).toString('utf8');
    const rewritten = rewriteHead(head, this.opts);
    // No loader in the head: the body's tags stay as they are.
    if (rewritten === head) return this.finish(all);
    this.phase = 'body';
    return Buffer.concat([Buffer.from(rewritten, 'utf8'), this.body(all.subarray(end))]);
  }

  /** What is still held back, at the end of the response. */
  end(): Buffer {
    return this.finish(this.held);
  }

  private body(all: Buffer): Buffer {
    const out: Buffer[] = [];
    let pos = 0;
    for (;;) {
      const start = all.indexOf(BODY_SCRIPT_START, pos);
      if (start === -1) {
        const keep = partialTail(all.subarray(pos), BODY_SCRIPT_START);
        out.push(all.subarray(pos, all.byteLength - keep));
        this.held = Buffer.from(all.subarray(all.byteLength - keep));
        break;
      }
      const close = all.indexOf(SCRIPT_END, start);
      if (close === -1) {
        out.push(all.subarray(pos, start));
        if (all.byteLength - start > MAX_HELD_BYTES) out.push(this.finish(all.subarray(start)));
        else this.held = Buffer.from(all.subarray(start));
        break;
      }
      const tagEnd = close + SCRIPT_END.byteLength;
      out.push(all.subarray(pos, start), Buffer.from(rewriteBodyScript(all.subarray(start, tagEnd).toString('utf8')), 'utf8'));
      pos = tagEnd;
    }
    // Most chunks hold no script tag: sent as they came, not copied.
    return out.length === 1 ? out[0]! : Buffer.concat(out);
  }

  private finish(out: Buffer): Buffer {
    this.phase = 'done';
    this.held = Buffer.alloc(0);
    return out;
  }
}

type Write = (this: ServerResponse, chunk: unknown, encoding?: unknown, callback?: unknown) => boolean;
type End = (this: ServerResponse, chunk?: unknown, encoding?: unknown, callback?: unknown) => ServerResponse;

/**
 * Rewrites each HTML page this response sends (PageRewriter). The rewrite must
 * see the page as Next writes it, above any compression: Next's gzip, when on, replaces
 * `res.write` and `res.end` after this runs and keeps the old ones to send its output. So
 * the methods are accessors: whichever is outermost rewrites, the ones it wraps pass
 * bytes through as they come.
 */
export function rewriteHtmlPages(res: ServerResponse, opts: HeadOptions = {}): void {
  const rewriter = new PageRewriter(opts);
  let html: boolean | null = null;
  const isHtml = (self: ServerResponse) => {
    if (html !== null) return html;
    const type = String(self.getHeader('content-type') ?? '');
    // A length already sent cannot change; otherwise the new length is the chunked one.
    html = type.startsWith('text/html') && !(self.headersSent && self.getHeader('content-length') !== undefined);
    if (html && !self.headersSent) self.removeHeader('content-length');
    return html;
  };
  const toBuffer = (chunk: unknown, encoding: unknown) =>
    Buffer.isBuffer(chunk)
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');

  let write: Write;
  const wrapWrite = (inner: Write): Write => {
    const outer: Write = function (chunk, encoding, callback) {
      if (outer !== write || !isHtml(this) || chunk === undefined || chunk === null) return inner.call(this, chunk, encoding, callback);
      const done = typeof encoding === 'function' ? encoding : callback;
      const out = rewriter.push(toBuffer(chunk, encoding));
      if (out.byteLength > 0) return inner.call(this, out, undefined, done);
      if (typeof done === 'function') process.nextTick(done);
      return true;
    };
    return outer;
  };
  let end: End;
  const wrapEnd = (inner: End): End => {
    const outer: End = function (chunk, encoding, callback) {
      if (outer !== end || !isHtml(this)) return inner.call(this, chunk, encoding, callback);
      const done = [chunk, encoding, callback].find((a) => typeof a === 'function');
      const body = typeof chunk === 'function' || chunk === undefined || chunk === null ? null : toBuffer(chunk, encoding);
      const out = Buffer.concat([body ? rewriter.push(body) : Buffer.alloc(0), rewriter.end()]);
      return inner.call(this, out.byteLength > 0 ? out : undefined, undefined, done);
    };
    return outer;
  };
  write = wrapWrite(res.write.bind(res) as Write);
  end = wrapEnd(res.end.bind(res) as End);
  Object.defineProperty(res, 'write', {
    configurable: true,
    get: () => write,
    set: (fn: Write) => void (write = wrapWrite(fn)),
  });
  Object.defineProperty(res, 'end', {
    configurable: true,
    get: () => end,
    set: (fn: End) => void (end = wrapEnd(fn)),
  });
}

const INSTALLED = Symbol.for('portal.scriptsAfterPaint');

/** A cookie value the loader may have written: a build id's characters, nothing else. */
const MARK = /^[A-Za-z0-9_-]{1,64}$/;

/** The value of SCRIPTS_COOKIE in a request's Cookie header, if any. */
export function scriptsCookie(header: string | undefined): string | null {
  const m = new RegExp(`(?:^|;\\s*)${SCRIPTS_COOKIE}=([^;]*)`).exec(header ?? '');
  return m && MARK.test(m[1]!) ? m[1]! : null;
}

/** This build's id (`next build` writes it), the loader's mark; null when there is none to read. */
function buildId(): string | null {
  try {
    const id = readFileSync(join(process.cwd(), '.next', 'BUILD_ID'), 'utf8').trim();
    return MARK.test(id) ? id : null;
  } catch {
    return null;
  }
}

/** A page's part of the portal: the first segment of its path (`/orders/12` → `orders`). */
export function sectionOf(url: string): string {
  return /^\/([^/?#]*)/.exec(url)?.[1] ?? '';
}

/**
 * The scripts pages of at least two parts of the portal load: the layouts' (the runtime,
 * React, the shell). A browser that carries the build's mark has loaded some page of the
 * build, so it has these; a page's own chunks it may not have yet (a first visit to the
 * invoices after the orders), and keep their preload links. Learnt from the pages this
 * process serves, so right after a start every preload stays until two parts have been seen.
 */
export class SharedScripts {
  private readonly sections = new Map<string, Set<string>>();

  constructor(private readonly maxScripts = 2000) {}

  note(section: string, sources: readonly string[]): void {
    for (const src of sources) {
      let seen = this.sections.get(src);
      if (!seen) {
        if (this.sections.size >= this.maxScripts) continue; // bounded: a build has a few hundred chunks
        seen = new Set();
        this.sections.set(src, seen);
      }
      if (seen.size < 2) seen.add(section);
    }
  }

  isShared(src: string): boolean {
    return (this.sections.get(src)?.size ?? 0) >= 2;
  }
}

/**
 * Rewrites every HTML page this process serves, from Node's `http.server.request.start`
 * channel (as lib/http/peer-address-hook.ts): before Next sees the request. RSC requests
 * (client navigations) carry no head and are left alone.
 */
export function installScriptsAfterPaint(cacheMark: string | null = buildId()): void {
  const marks = globalThis as { [INSTALLED]?: true };
  if (marks[INSTALLED]) return;
  marks[INSTALLED] = true;
  const sharedScripts = new SharedScripts();
  subscribe('http.server.request.start', (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    // Next's static files (`/_next/…`: scripts, styles, images) are never pages.
    if (request.method !== 'GET' || request.headers.rsc !== undefined || request.url?.startsWith('/_next/')) return;
    const section = sectionOf(request.url ?? '/');
    const returning = cacheMark !== null && scriptsCookie(request.headers.cookie) === cacheMark;
    rewriteHtmlPages(response, {
      cacheMark,
      cachedScript: returning ? (src) => sharedScripts.isShared(src) : undefined,
      onScripts: (sources) => sharedScripts.note(section, sources),
    });
  });
}
