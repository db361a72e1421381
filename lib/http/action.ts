import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { type PortalError, forbidden, portalError, type ErrorCode } from '../errors';
import { outcomeOfError, recordAudit, settleRequest } from '../portal/audit';
import { changesRefused, type PortalContext, type StaffContext } from '../context';
import { sayError } from './error-words';
import type { Locale } from '../i18n/locales';
import { zodErrorMap } from '../i18n/zod-errors';
import { requireSession, requireStaff } from '../session/require-session';
import { can, type Permission } from '../roles';
import { toPortalError } from '../portal/to-portal-error';

export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string; fields?: Record<string, string[]> } };

/** `name` keeps the record's own name with the event, so the trail reads in words. */
export type ActionTarget = { model: string; id: number; name?: string | null } | null;

/** A mutation names its audit action; a read-only action (a preview) says so instead. */
type ActionKind<I, T> = { audit: { action: string; target?: (input: I, result: T | undefined) => ActionTarget } } | { readOnly: true };

/** What every action does between the session and the audit event: parse, run, catch. */
interface Ran<I, T> {
  parsed?: I;
  result?: T;
  error?: PortalError;
}

async function run<S extends z.ZodType, T>(
  { requestId, locale }: { requestId: string; locale: Locale },
  schema: S,
  input: FormData | z.input<S>,
  handler: (input: z.infer<S>) => Promise<T>,
  check: () => void = () => {},
): Promise<Ran<z.infer<S>, T>> {
  const ran: Ran<z.infer<S>, T> = {};
  try {
    check();
    ran.parsed = schema.parse(input instanceof FormData ? formDataToObject(input) : input, { error: zodErrorMap(locale) });
    ran.result = await handler(ran.parsed);
  } catch (err) {
    unstable_rethrow(err); // redirect() and notFound() keep working inside handlers
    ran.error = toPortalError(err, requestId);
  }
  return ran;
}

function errorDetail(error: PortalError | undefined) {
  return error ? { detail: { error: error.code, message: error.message } } : {};
}

/** The typed result, an error said in the reader's language. */
function resultOf<T>({ result, error }: Ran<unknown, T>, locale: Locale): ActionResult<T> {
  if (error) return { ok: false, error: { code: error.code, ...sayError(error, locale) } };
  return { ok: true, data: result as T };
}

/**
 * The one wrapper for server actions: session → tenant → permission → support-session
 * write switch → zod parse of the input (FormData or object) → handler → audit event →
 * typed result. Every server action of a signed-in person goes through it (or staffAction
 * below); only app/(auth)/actions.ts, which signs in and out around a session, does
 * without. The input never carries the tenant.
 * One audit row per request: while acting, the mutation's event takes the place of the
 * request's support.request row (lib/portal/audit.ts).
 */
export function validatedAction<S extends z.ZodType, T>(
  opts: { schema: S; permission?: Permission } & ActionKind<z.infer<S>, T>,
  handler: (ctx: PortalContext, input: z.infer<S>) => Promise<T>,
) {
  return async (_prev: unknown, input: FormData | z.input<S>): Promise<ActionResult<T>> => {
    const ctx = await requireSession();
    const ran = await run(
      ctx,
      opts.schema,
      input,
      (parsed) => handler(ctx, parsed),
      () => {
        if (opts.permission && !can(ctx.roles, opts.permission)) throw forbidden();
        if ('audit' in opts && changesRefused(ctx)) {
          throw portalError('forbidden', 'readOnlySession');
        }
      },
    );
    if ('audit' in opts) {
      await recordAudit(ctx, {
        action: opts.audit.action,
        target: ran.parsed !== undefined && opts.audit.target ? opts.audit.target(ran.parsed, ran.result) : null,
        outcome: outcomeOfError(ran.error?.code),
        ...errorDetail(ran.error),
      });
    } else {
      await settleRequest(outcomeOfError(ran.error?.code)); // a preview while acting: its one request row says how it went
    }
    return resultOf(ran, ctx.locale);
  };
}

function formDataToObject(form: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  // No prototype: a field named `toString` or `__proto__` is a field like any other.
  const out = Object.create(null) as Record<string, FormDataEntryValue | FormDataEntryValue[]>;
  for (const [key, value] of form.entries()) {
    if (key.startsWith('$ACTION')) continue;
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/**
 * The same wrapper for staff actions (support pages): staff session → zod parse → handler
 * → audit event → typed result. The handler may name the tenant, contact and support
 * session concerned so the event carries them (and the customer's access log shows it).
 */
export function staffAction<S extends z.ZodType, T>(
  opts: {
    schema: S;
    audit: {
      action: string;
      about?: (
        input: z.infer<S>,
        result: T | undefined,
      ) => Partial<Pick<PortalContext, 'tenant' | 'contact' | 'actingAs'>> & { target?: ActionTarget; detail?: Record<string, unknown> };
    };
  },
  handler: (staff: StaffContext, input: z.infer<S>) => Promise<T>,
) {
  return async (_prev: unknown, input: FormData | z.input<S>): Promise<ActionResult<T>> => {
    const staff = await requireStaff();
    const ran = await run(staff, opts.schema, input, (parsed) => handler(staff, parsed));
    const about = ran.parsed !== undefined && opts.audit.about ? opts.audit.about(ran.parsed, ran.result) : {};
    await recordAudit(
      { ...staff, tenant: about.tenant, contact: about.contact, actingAs: about.actingAs },
      {
        action: opts.audit.action,
        target: about.target ?? null,
        outcome: outcomeOfError(ran.error?.code),
        ...(ran.error ? errorDetail(ran.error) : about.detail ? { detail: about.detail } : {}),
      },
    );
    return resultOf(ran, staff.locale);
  };
}
