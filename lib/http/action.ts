import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { PortalError, type ErrorCode } from '../errors';
import { requireSession, type PortalContext } from '../session/require-session';
import { can, type Permission } from '../session/roles';
import { toPortalError } from './to-portal-error';

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string; fields?: Record<string, string[]> } };

/**
 * The one wrapper for server actions: session → tenant → permission → zod parse of the
 * input (FormData or object) → handler → typed result. Used by every `'use server'` file;
 * the input never carries the tenant.
 */
export function validatedAction<S extends z.ZodType, T>(
  opts: { schema: S; permission?: Permission },
  handler: (ctx: PortalContext, input: z.infer<S>) => Promise<T>,
) {
  return async (_prev: unknown, input: FormData | z.input<S>): Promise<ActionResult<T>> => {
    const ctx = await requireSession();
    try {
      if (opts.permission && !can(ctx.roles, opts.permission)) throw new PortalError('forbidden', 'Your role does not allow this.');
      const raw = input instanceof FormData ? formDataToObject(input) : input;
      const parsed = opts.schema.parse(raw);
      return { ok: true, data: await handler(ctx, parsed) };
    } catch (err) {
      unstable_rethrow(err); // redirect() and notFound() keep working inside handlers
      const e = toPortalError(err, ctx.requestId);
      return { ok: false, error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) } };
    }
  };
}

function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith('$ACTION')) continue;
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}
