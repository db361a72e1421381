import 'server-only';
import { OdooGateway } from './client';
import { odooConfigFromEnv } from './config';
import { processSingleton } from '../process-singleton';

export { OdooCallLog } from './call-log';
export { OdooClient, OdooGateway, type Domain, type OdooRecord, type WebSpec } from './client';
export * from './errors';
export { likeLiteral } from './like';

/**
 * The process-wide gateway, configured from the environment on first use: one concurrency
 * cap and one web session per process, however many bundles import this module.
 */
export function odooGateway(): OdooGateway {
  return processSingleton('odoo-gateway', () => new OdooGateway(odooConfigFromEnv()));
}
