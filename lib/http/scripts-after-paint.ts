import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Starts a page's scripts after the browser has painted it once.
 *
 * Next puts the client runtime in the page's <head> as `<script src async>` tags. With the
 * scripts in the browser's cache (every page after the first), Chromium runs them as soon
 * as they are ready, and their evaluation (about 50 ms for the 170 kB runtime chunk on this
 * machine) comes before the first frame: a list page painted 280 ms after its first byte,
 * against 216 ms without its script tags (`npm run bench:first-paint`). Next has no setting
 * for this, so the head is rewritten as it leaves the server: the tags become one inline
 * loader, with the page's nonce, that adds the same scripts in the task after the next
 * frame. Each tag leaves a preload link behind (unless Next wrote one), so a first visit
 * still fetches them as early as before; nothing else changes:
 * the RSC payload waits in `self.__next_f` as it does for a slow network, and the runtime
 * hydrates the page a frame later.
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

/** The head with its async scripts moved into one loader that runs after the first frame; the head as it was when it has none. */
export function rewriteHead(head: string): string {
  const sources: string[] = [];
  let nonce: string | null = null;
  const preloaded = new Set([...head.matchAll(PRELOAD_LINK)].map((m) => decodeEntities(m[1]!)));
  const rest = head.replace(SCRIPT_TAG, (tag: string, raw: string) => {
    const attrs = attributes(raw);
    const src = attrs.get('src');
    if (!src || !attrs.has('async') || [...attrs.keys()].some((name) => !MOVABLE.has(name))) return tag;
    sources.push(src);
    nonce ??= attrs.get('nonce') ?? null;
    // Fetched as early as the tag had it (a first visit must not wait for the frame to ask), run later.
    const nonceAttr = attrs.has('nonce') ? ` nonce="${escapeAttribute(attrs.get('nonce')!)}"` : '';
    return preloaded.has(src) ? '' : `<link rel="preload" as="script" href="${escapeAttribute(src)}"${nonceAttr}/>`;
  });
  if (sources.length === 0) return head;
  return rest + loaderScript(sources, nonce);
}

/**
 * The inline loader. Its scripts are `async`, as the tags were: React, hydrating, looks for
 * `script[async][src]` to know a chunk is already there. They start once: in the task after
 * the next frame; at once in a tab that is hidden, or is hidden before that frame comes
 * (no frames come there); and after 2 s whatever happens.
 */
function loaderScript(sources: string[], nonce: string | null): string {
  const attr = nonce === null ? '' : ` nonce="${nonce}"`;
  // JSON in a script: `<` escaped so no source can close the tag.
  const list = JSON.stringify(sources).replaceAll('<', '\\u003c');
  const nonceJs = JSON.stringify(nonce ?? '').replaceAll('<', '\\u003c');
  return (
    `<script${attr}>(function(){var started=false;function load(){if(started)return;started=true;${list}.forEach(function(src){` +
    `var s=document.createElement("script");s.src=src;s.async=true;if(${nonceJs})s.nonce=${nonceJs};document.head.appendChild(s)})}` +
    `if(document.visibilityState!=="visible")return load();requestAnimationFrame(function(){setTimeout(load)});` +
    `document.addEventListener("visibilitychange",load);setTimeout(load,2000)})()</script>`
  );
}

const HEAD_END = Buffer.from('</head>');
/** A head larger than this is passed on as it is: no page of the portal comes close. */
const MAX_HEAD_BYTES = 256 * 1024;

/**
 * The bytes of one HTML response, rewritten up to and including `</head>` and passed on
 * unchanged after it. Holds back what it has seen until the head is complete.
 */
export class HeadRewriter {
  private held = Buffer.alloc(0);
  private done = false;

  /** What may go out now for this chunk (possibly nothing while the head is incomplete). */
  push(chunk: Buffer): Buffer {
    if (this.done) return chunk;
    const all = Buffer.concat([this.held, chunk]);
    // `</head>` may straddle the last chunk and this one: look from just before the join.
    const end = all.indexOf(HEAD_END, Math.max(0, this.held.byteLength - HEAD_END.byteLength + 1));
    if (end === -1) {
      if (all.byteLength > MAX_HEAD_BYTES) return this.release(all);
      this.held = all;
      return Buffer.alloc(0);
    }
    const head = all.subarray(0, end).toString('utf8');
    return this.release(Buffer.concat([Buffer.from(rewriteHead(head), 'utf8'), all.subarray(end)]));
  }

  /** What is still held back, at the end of the response. */
  end(): Buffer {
    return this.done ? Buffer.alloc(0) : this.release(this.held);
  }

  private release(out: Buffer): Buffer {
    this.done = true;
    this.held = Buffer.alloc(0);
    return out;
  }
}

type Write = (this: ServerResponse, chunk: unknown, encoding?: unknown, callback?: unknown) => boolean;
type End = (this: ServerResponse, chunk?: unknown, encoding?: unknown, callback?: unknown) => ServerResponse;

/**
 * Rewrites the head of each HTML page this response sends (rewriteHead). The rewrite must
 * see the page as Next writes it, above any compression: Next's gzip, when on, replaces
 * `res.write` and `res.end` after this runs and keeps the old ones to send its output. So
 * the methods are accessors: whichever is outermost rewrites, the ones it wraps pass
 * bytes through as they come.
 */
export function rewriteHtmlHeads(res: ServerResponse): void {
  const rewriter = new HeadRewriter();
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

/**
 * Rewrites the head of every HTML page this process serves, from Node's
 * `http.server.request.start` channel (as lib/http/peer-address-hook.ts): before Next sees
 * the request. RSC requests (client navigations) carry no head and are left alone.
 */
export function installScriptsAfterPaint(): void {
  const marks = globalThis as { [INSTALLED]?: true };
  if (marks[INSTALLED]) return;
  marks[INSTALLED] = true;
  subscribe('http.server.request.start', (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    // Next's static files (`/_next/…`: scripts, styles, images) are never pages.
    if (request.method === 'GET' && request.headers.rsc === undefined && !request.url?.startsWith('/_next/')) rewriteHtmlHeads(response);
  });
}
