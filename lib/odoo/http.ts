import 'server-only';
import { OdooUnavailableError } from './errors';

/**
 * The one place that calls fetch for Odoo. Node's fetch (undici) keeps connections alive
 * and pools them per origin, so repeated calls reuse sockets. The timeout covers the time
 * until the response headers and body are in (for JSON), or until headers (for streams).
 */
export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<HttpResult> {
  return withTimeout(timeoutMs, async (signal) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal,
      redirect: 'manual',
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  });
}

/** GET whose body is handed over unread, for streaming PDFs through the portal. */
export async function getStream(url: string, headers: Record<string, string>, timeoutMs: number): Promise<Response> {
  return withTimeout(timeoutMs, (signal) => fetch(url, { headers, signal, redirect: 'manual' }));
}

async function withTimeout<T>(timeoutMs: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs);
  try {
    return await run(controller.signal);
  } catch (err) {
    if (controller.signal.aborted) {
      throw new OdooUnavailableError(`Odoo did not answer within ${timeoutMs} ms`, 'timeout', { cause: err });
    }
    throw new OdooUnavailableError(`Odoo is not reachable (${describe(err)})`, 'network', { cause: err });
  } finally {
    // For a stream only the wait for the headers is bounded; the body then flows at the client's pace.
    clearTimeout(timer);
  }
}

function describe(err: unknown): string {
  const cause = (err as { cause?: { code?: string } })?.cause;
  return cause?.code ?? (err instanceof Error ? err.message : String(err));
}

/** A 5xx with an HTML or empty body comes from a proxy or a crashed worker, not from Odoo's RPC layer. */
export function unavailableFromStatus(status: number, text: string): OdooUnavailableError {
  return new OdooUnavailableError(`Odoo answered HTTP ${status}${text ? `: ${text.slice(0, 80)}` : ''}`, 'http');
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
