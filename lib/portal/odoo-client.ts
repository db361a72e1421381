import 'server-only';
import { OdooCallLog, odooGateway, type OdooClient } from '../odoo';
import { odooConfigFromEnv } from '../odoo/config';

/**
 * The Odoo client of one request: the process's gateway, with a log that counts this
 * request's calls. The session builds it into the request's context; lib/portal is the
 * only layer that reaches lib/odoo.
 */
export function requestOdooClient(requestId: string): OdooClient {
  return odooGateway().client(new OdooCallLog(requestId));
}

/** Parses the Odoo connection settings (throws zod's error on bad ones): for the start-up check, which must not reach lib/odoo itself. */
export function parseOdooSettings(env: Record<string, string | undefined>): void {
  odooConfigFromEnv(env);
}
