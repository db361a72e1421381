import 'server-only';
import { OdooGateway } from './client';
import { odooConfigFromEnv } from './config';

export { OdooCallLog } from './call-log';
export { OdooClient, OdooGateway, type Domain, type OdooRecord } from './client';
export * from './errors';
export { likeLiteral } from './like';

/** The process-wide gateway, configured from the environment on first use. */
let gateway: OdooGateway | undefined;
export function odooGateway(): OdooGateway {
  gateway ??= new OdooGateway(odooConfigFromEnv());
  return gateway;
}
