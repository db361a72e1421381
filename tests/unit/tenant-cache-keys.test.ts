import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dropProcessSingleton } from '../../lib/process-singleton';

/**
 * Next's data cache (unstable_cache) lives in .next/cache and outlives the process. The same
 * build pointed at another Odoo database, where tenant 11 is another company, must never
 * answer from the entries the first database filled: every key and tag names the database.
 */
const calls = vi.hoisted(() => [] as { keyParts: string[]; tags: string[] }[]);
vi.mock('next/cache', () => ({
  unstable_cache: (load: () => Promise<unknown>, keyParts: string[], opts: { tags?: string[] }) => {
    calls.push({ keyParts, tags: opts.tags ?? [] });
    return load;
  },
}));

const { cachedForTenant, cachedShared, tenantTag } = await import('../../lib/portal/cache');

function pointAt(url: string, db: string) {
  process.env.ODOO_URL = url;
  process.env.ODOO_DB = db;
  dropProcessSingleton('odoo-database-key');
}

async function keysFor(url: string, db: string, lang = 'en_US') {
  pointAt(url, db);
  calls.length = 0;
  await cachedForTenant(11, 'contacts', lang, async () => 'rows');
  await cachedShared('countries', async () => 'rows');
  return { tenant: calls[0]!, shared: calls[1]!, tag: tenantTag(11, 'contacts') };
}

describe('the tenant cache keys', () => {
  const saved = { url: process.env.ODOO_URL, db: process.env.ODOO_DB, runtime: process.env.NEXT_RUNTIME };
  beforeEach(() => {
    process.env.NEXT_RUNTIME = 'nodejs';
  });
  afterEach(() => {
    for (const [k, v] of [
      ['ODOO_URL', saved.url],
      ['ODOO_DB', saved.db],
      ['NEXT_RUNTIME', saved.runtime],
    ] as const)
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    dropProcessSingleton('odoo-database-key');
  });

  it('differ between two Odoo databases for the same tenant id, in keys and in tags', async () => {
    const staging = await keysFor('http://odoo.example:8069', 'staging');
    const production = await keysFor('http://odoo.example:8069', 'production');
    const otherServer = await keysFor('http://other.example:8069', 'staging');
    expect(staging.tenant.keyParts).not.toEqual(production.tenant.keyParts);
    expect(staging.tenant.keyParts).not.toEqual(otherServer.tenant.keyParts);
    expect(staging.shared.keyParts).not.toEqual(production.shared.keyParts);
    expect(staging.tag).not.toBe(production.tag);
    // The tag an action refreshes is the one the entry carries.
    expect(staging.tenant.tags).toEqual([staging.tag]);
  });

  it('are stable for one database and keep the tenant apart', async () => {
    const first = await keysFor('http://odoo.example:8069', 'production');
    const again = await keysFor('http://odoo.example:8069/', 'production');
    expect(again.tenant.keyParts).toEqual(first.tenant.keyParts);
    expect(first.tenant.keyParts).toContain('11');
    expect(tenantTag(12, 'contacts')).not.toBe(first.tag);
  });

  it('keep each language apart, under the one tag a change refreshes', async () => {
    const english = await keysFor('http://odoo.example:8069', 'production', 'en_US');
    const german = await keysFor('http://odoo.example:8069', 'production', 'de_DE');
    expect(german.tenant.keyParts).not.toEqual(english.tenant.keyParts);
    expect(german.tenant.tags).toEqual(english.tenant.tags);
  });
});
