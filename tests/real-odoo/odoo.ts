/**
 * The real Odoo the journeys run against, reached over JSON-RPC (every version 16-21 has
 * it) as the integration user the portal itself uses (ODOO_URL, ODOO_DB, ODOO_LOGIN,
 * ODOO_API_KEY from `npm run odoo:prepare`): the tests read back what the portal wrote,
 * and look the demo records up by name, because their ids differ between databases.
 */
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these journeys through npm run test:real-odoo`);
  return value;
};

let uid: Promise<number> | undefined;

async function rpc(service: string, method: string, args: unknown[]): Promise<unknown> {
  // REAL_ODOO_URL: the Odoo itself when the portal's calls go through the recording proxy.
  const res = await fetch(`${process.env.REAL_ODOO_URL ?? env('ODOO_URL')}/jsonrpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params: { service, method, args } }),
  });
  const json = (await res.json()) as { result?: unknown; error?: { data?: { name?: string; message?: string } } };
  if (json.error) throw new Error(`${method}: ${json.error.data?.name}: ${json.error.data?.message}`);
  return json.result;
}

/** `execute_kw` as the integration user; positional arguments as real Odoo wants them. */
export async function odoo<T = unknown>(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<T> {
  uid ??= rpc('common', 'authenticate', [env('ODOO_DB'), env('ODOO_LOGIN'), env('ODOO_API_KEY'), {}]) as Promise<number>;
  return rpc('object', 'execute_kw', [env('ODOO_DB'), await uid, env('ODOO_API_KEY'), model, method, args, kwargs]) as Promise<T>;
}

export type Row = Record<string, unknown> & { id: number };

export function searchRead<T extends Row = Row>(
  model: string,
  domain: unknown[],
  fields: string[],
  extra: Record<string, unknown> = {},
): Promise<T[]> {
  return odoo<T[]>(model, 'search_read', [domain], { fields, ...extra });
}

/** The one record a domain names, or a clear failure. */
export async function one<T extends Row = Row>(model: string, domain: unknown[], fields: string[]): Promise<T> {
  const rows = await searchRead<T>(model, domain, fields, { limit: 2, context: { active_test: false } });
  if (rows.length !== 1) throw new Error(`${rows.length} ${model} match ${JSON.stringify(domain)}`);
  return rows[0]!;
}

/** The customer company the dev IdP's customer-A people belong to (odoo:prepare --dev-data). */
export const CUSTOMER = process.env.REAL_ODOO_CUSTOMER ?? 'Gemini Furniture';
/** The company of the dev IdP's customer-B people, which the account manager does not manage. */
export const OTHER_CUSTOMER = process.env.REAL_ODOO_OTHER_CUSTOMER ?? 'Azure Interior';

/** The id of the customer company of this name. */
export async function companyId(name: string): Promise<number> {
  return (
    await one(
      'res.partner',
      [
        ['name', '=', name],
        ['is_company', '=', true],
      ],
      ['id'],
    )
  ).id;
}

export const m2oId = (value: unknown) => (Array.isArray(value) ? (value[0] as number) : null);
