import 'server-only';
import { ZodError } from 'zod';
import { PortalError, notFound, portalError } from '../errors';
import { log } from '../log';
import { OdooAuthError, type OdooError, OdooMissingError, OdooUnavailableError, OdooValidationError } from '../odoo/errors';

/**
 * Any failure as the portal's one error shape; unexpected ones are logged with the request id.
 * Here, beside the rest of lib/portal, because it is what turns lib/odoo's errors into portal
 * terms: the wrappers in lib/http use it without importing lib/odoo themselves.
 */
export function toPortalError(err: unknown, requestId: string): PortalError {
  if (err instanceof PortalError) return err;
  if (err instanceof ZodError) {
    const fields: Record<string, string[]> = {};
    for (const issue of err.issues) (fields[issue.path.join('.') || '_'] ??= []).push(issue.message);
    return new PortalError('bad_request', 'Some values are not valid.', fields, { key: 'invalidValues' });
  }
  if (err instanceof OdooUnavailableError) {
    log.warn({ requestId, reason: err.reason, err: err.message }, 'odoo unavailable');
    return portalError('odoo_unavailable', err.reason === 'timeout' ? 'erpTimeout' : 'erpDown');
  }
  if (err instanceof OdooAuthError) {
    // The integration user's password or key, or ODOO_DB: the operators' to put right, not the reader's.
    log.error({ requestId, err: err.message }, 'odoo refused the portal’s credentials');
    return portalError('odoo_unavailable', 'erpRefused');
  }
  if (err instanceof OdooValidationError) return new PortalError('odoo_rejected', err.message);
  if (err instanceof OdooMissingError) return notFound();
  log.error(
    {
      requestId,
      err: err instanceof Error ? { name: err.name, message: err.message, odooName: (err as OdooError).odooName } : String(err),
    },
    'unexpected error',
  );
  return portalError('internal', 'internal');
}
