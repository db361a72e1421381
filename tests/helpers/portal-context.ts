import { randomUUID } from 'node:crypto';
import { OdooCallLog } from '../../lib/odoo/call-log';
import type { OdooGateway } from '../../lib/odoo/client';
import type { PortalContext } from '../../lib/context';
import type { Role } from '../../lib/roles';
import { SEED_IDS } from '../../odoo-sim/seed';

const PEOPLE = {
  aliceA: {
    contact: SEED_IDS.contacts.aliceAdminA,
    name: 'Alice Admin',
    tenant: SEED_IDS.customers.A,
    tenantName: 'Brightline Hardware Ltd',
    roles: ['customer-admin'],
  },
  bobA: {
    contact: SEED_IDS.contacts.bobBuyerA,
    name: 'Bob Buyer',
    tenant: SEED_IDS.customers.A,
    tenantName: 'Brightline Hardware Ltd',
    roles: ['buyer'],
  },
  fionaA: {
    contact: SEED_IDS.contacts.fionaFinanceA,
    name: 'Fiona Finance',
    tenant: SEED_IDS.customers.A,
    tenantName: 'Brightline Hardware Ltd',
    roles: ['finance'],
  },
  brunoB: {
    contact: SEED_IDS.contacts.brunoBuyerB,
    name: 'Bruno Buyer',
    tenant: SEED_IDS.customers.B,
    tenantName: 'Kestrel Builders GmbH',
    roles: ['buyer'],
  },
  friedaB: {
    contact: SEED_IDS.contacts.friedaFinanceB,
    name: 'Frieda Finance',
    tenant: SEED_IDS.customers.B,
    tenantName: 'Kestrel Builders GmbH',
    roles: ['finance'],
  },
} as const;

/** A PortalContext as requireSession() builds it, for calling lib/portal directly. */
export function portalContext(gateway: OdooGateway, who: keyof typeof PEOPLE, extra: Partial<PortalContext> = {}): PortalContext {
  const p = PEOPLE[who];
  const requestId = randomUUID();
  return {
    requestId,
    ip: '127.0.0.1',
    user: { sub: `test-${who}`, email: `${who}@example.test`, name: p.name },
    contact: { id: p.contact, name: p.name },
    tenant: { id: p.tenant, name: p.tenantName },
    roles: new Set(p.roles as readonly Role[]),
    locale: 'en',
    odoo: gateway.client(new OdooCallLog(requestId)),
    ...extra,
  };
}
