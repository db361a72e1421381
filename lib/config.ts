import { z } from 'zod';
import { ROLES, type Role } from './session/roles';

/**
 * Portal settings from the environment, parsed once. Every variable is listed in the
 * README's configuration table; defaults are the embedded demo's.
 */
const csv = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const schema = z.object({
  AUTH_OIDC_ISSUER: z.url().default('http://127.0.0.1:4400'),
  AUTH_OIDC_CLIENT_ID: z.string().min(1).default('portal'),
  AUTH_OIDC_CLIENT_SECRET: z.string().min(1).default('dev-portal-secret'),
  AUTH_OIDC_NAME: z.string().min(1).default('Northwind sign-in'),
  AUTH_OIDC_SCOPE: z.string().min(1).default('openid email profile groups'),
  SESSION_MAX_AGE_SECONDS: z.coerce.number().int().min(300).max(30 * 86400).default(8 * 3600),
  PORTAL_PARTNER_MAPPING: z.enum(['email', 'claim']).default('email'),
  PORTAL_PARTNER_CLAIM: z.string().min(1).default('odoo_partner_id'),
  PORTAL_GROUPS_CLAIM: z.string().min(1).default('groups'),
  /** JSON object role → IdP group name, for IdPs whose group names differ (e.g. {"buyer":"Portal Buyers"}). */
  PORTAL_ROLE_GROUPS: z.string().default('{}').transform((s, ctx) => {
    try {
      return z.partialRecord(z.enum(ROLES), z.string().min(1)).parse(JSON.parse(s));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'PORTAL_ROLE_GROUPS must be a JSON object of role → group name' });
      return z.NEVER;
    }
  }),
  PORTAL_MAPPING_TTL_SECONDS: z.coerce.number().int().min(10).max(300).default(300),
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().positive().default(100),
  RATE_LIMIT_SIGNIN_PER_MINUTE: z.coerce.number().int().positive().default(20),
  RATE_LIMIT_FAIL_MODE: z.enum(['open', 'closed']).default('open'),
  REDIS_URL: z.string().optional(),
  ORDER_SUBMIT_MODE: z.enum(['quotation', 'confirm']).default('confirm'),
  SUPPORT_SESSION_MINUTES: z.coerce.number().int().min(5).max(240).default(30),
  INVOICE_BULK_LIMIT: z.coerce.number().int().min(1).max(5000).default(1000),
  DELIVERY_REFRESH_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  INVOICE_AMOUNT_ROLES: csv.default(['finance', 'customer-admin']),
  /** Posted invoice PDFs kept on disk (a path instances may share); `off` keeps none. */
  PDF_CACHE_DIR: z.string().min(1).default('.data/pdf-cache'),
  /** How long a cached Odoo read may answer when no webhook ended it first; 0 turns the cache off. */
  PORTAL_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Shared secret of Odoo's webhook (app/api/odoo-webhook); unset: the endpoint refuses everything. */
  ODOO_WEBHOOK_SECRET: z.string().min(32).optional(),
});

export type PortalConfig = z.infer<typeof schema> & { INVOICE_AMOUNT_ROLES: Role[] };

let cached: PortalConfig | undefined;
export function portalConfig(): PortalConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

export function parseConfig(env: Record<string, string | undefined>): PortalConfig {
  return schema.parse(env) as PortalConfig;
}
