import 'server-only';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { MAX_USE_WITHIN_MS } from './spare-connection';

/** Connection settings from the environment (documented in README "Configuration"). */
const schema = z
  .object({
    ODOO_URL: z.url().default('http://127.0.0.1:8069'),
    ODOO_DB: z.string().min(1).default('portal_demo'),
    ODOO_LOGIN: z.string().min(1).default('portal-bot'),
    ODOO_API_KEY: z.string().min(1).default('demo-odoo-key'),
    /** Opens a web session: for invoice PDFs on Odoo 16-18 or with stored attachments, and for ODOO_PROTOCOL=session. */
    // Empty (`ODOO_PASSWORD=` in an env file) means unset, as for any optional setting.
    ODOO_PASSWORD: z
      .string()
      .optional()
      .transform((v) => v || undefined),
    /** auto: JSON-2 from Odoo 19 on, JSON-RPC before; session: every call through the integration user's web session. */
    ODOO_PROTOCOL: z.enum(['auto', 'json2', 'jsonrpc', 'session']).default('auto'),
    ODOO_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    ODOO_MAX_CONCURRENCY: z.coerce.number().int().positive().default(16),
    ODOO_READ_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
    /** How long after opening a connection kept ahead of the next call may be used (spare-connection.ts); 0: none. */
    ODOO_SPARE_CONNECTION_MS: z.coerce.number().int().min(0).max(MAX_USE_WITHIN_MS).default(MAX_USE_WITHIN_MS),
  })
  .refine((c) => c.ODOO_PROTOCOL !== 'session' || c.ODOO_PASSWORD, {
    message: 'ODOO_PROTOCOL=session signs in with ODOO_PASSWORD: set it, or use another protocol',
    path: ['ODOO_PASSWORD'],
  });

export type OdooConfig = {
  url: string;
  db: string;
  login: string;
  apiKey: string;
  password?: string;
  protocol: 'auto' | 'json2' | 'jsonrpc' | 'session';
  timeoutMs: number;
  maxConcurrency: number;
  readRetries: number;
};

export function odooConfigFromEnv(env: Record<string, string | undefined> = process.env): OdooConfig {
  const c = schema.parse(env);
  return {
    url: c.ODOO_URL.replace(/\/+$/, ''),
    db: c.ODOO_DB,
    login: c.ODOO_LOGIN,
    apiKey: c.ODOO_API_KEY,
    password: c.ODOO_PASSWORD,
    protocol: c.ODOO_PROTOCOL,
    timeoutMs: c.ODOO_TIMEOUT_MS,
    maxConcurrency: c.ODOO_MAX_CONCURRENCY,
    readRetries: c.ODOO_READ_RETRIES,
  };
}

/** The settings of the process's one connection pool to Odoo (http.ts). */
export function odooPoolSettings(env: Record<string, string | undefined> = process.env): {
  connectTimeoutMs: number;
  spareConnectionMs: number;
} {
  const c = schema.parse(env);
  return { connectTimeoutMs: c.ODOO_TIMEOUT_MS, spareConnectionMs: c.ODOO_SPARE_CONNECTION_MS };
}

/**
 * A short name for one Odoo database (its URL and name), for whatever the portal keeps
 * beyond a process: two deployments, or one build pointed at staging and then production,
 * never read each other's cached invoice PDFs or records (ids repeat between databases).
 */
export function odooDatabaseKey(config: Pick<OdooConfig, 'url' | 'db'>): string {
  return createHash('sha256').update(`${config.url}\n${config.db}`).digest('hex').slice(0, 16);
}
