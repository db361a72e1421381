import 'server-only';
import { unstable_cache } from 'next/cache';
import { odooConfigFromEnv, odooDatabaseKey } from '../odoo/config';
import { processSingleton } from '../process-singleton';

/**
 * Per-tenant cache of reference data that changes rarely (addresses, contacts; the country
 * list is the same for every tenant and lives in `cachedShared`),
 * tagged so the portal's own mutations refresh it at once (`updateTag` in the actions) and
 * limited in time so changes made in Odoo show within `revalidate` seconds. The tenant id
 * is part of every key and tag: one company's entry can never answer for another. So is
 * the Odoo database: Next keeps these entries on disk (.next/cache) beyond the process, and
 * the same build pointed at another database (where ids mean other companies) must not
 * answer from the first one's.
 */
export type TenantData = 'addresses' | 'contacts';

const database = () => processSingleton('odoo-database-key', () => odooDatabaseKey(odooConfigFromEnv()));

export const tenantTag = (tenantId: number, what: TenantData) => `odoo:${database()}:tenant:${tenantId}:${what}`;

/**
 * `lang`: the language Odoo was asked in (country names are translated), so each language
 * has its own entry; the tag is shared, so a change ends them all.
 */
export function cachedForTenant<T>(
  tenantId: number,
  what: TenantData,
  lang: string | undefined,
  load: () => Promise<T>,
  revalidate = 60,
): Promise<T> {
  // Outside the Next server (unit tests, scripts) there is no cache to use.
  if (!process.env.NEXT_RUNTIME) return load();
  return unstable_cache(load, [database(), 'tenant', String(tenantId), what, lang ?? ''], {
    tags: [tenantTag(tenantId, what)],
    revalidate,
  })();
}

/** Data shared by every tenant (the country list, the seller's own companies and a company's currency). */
export function cachedShared<T>(key: string, load: () => Promise<T>, revalidate = 86_400): Promise<T> {
  if (!process.env.NEXT_RUNTIME) return load();
  return unstable_cache(load, [database(), 'shared', key], { revalidate })();
}
