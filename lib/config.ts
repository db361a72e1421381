import { z } from 'zod';
import { DEMO_AUTH_SECRET, DEMO_ODOO_API_KEY, DEMO_WEBHOOK_SECRET, DEV_IDP_CLIENT_SECRET } from './demo-defaults';
import { brandContrast } from './contrast';
import { isRole, ROLES, type Role } from './role-names';

/**
 * Portal settings from the environment, parsed once. Every variable is listed in the
 * README's configuration table; defaults are the embedded demo's.
 */
const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

const schema = z.object({
  AUTH_OIDC_ISSUER: z.url().default('http://127.0.0.1:4400'),
  AUTH_OIDC_CLIENT_ID: z.string().min(1).default('portal'),
  AUTH_OIDC_CLIENT_SECRET: z.string().min(1).default(DEV_IDP_CLIENT_SECRET),
  AUTH_OIDC_NAME: z.string().min(1).default('Northwind sign-in'),
  AUTH_OIDC_SCOPE: z.string().min(1).default('openid email profile groups'),
  SESSION_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .max(30 * 86400)
    .default(8 * 3600),
  /** How long an instance trusts its "not signed out" answer for a session before asking the store again. */
  SESSION_REVOCATION_CHECK_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  PORTAL_PARTNER_MAPPING: z.enum(['email', 'claim']).default('email'),
  PORTAL_PARTNER_CLAIM: z.string().min(1).default('odoo_partner_id'),
  PORTAL_GROUPS_CLAIM: z.string().min(1).default('groups'),
  /** JSON object role → IdP group name, for IdPs whose group names differ (e.g. {"buyer":"Portal Buyers"}). */
  PORTAL_ROLE_GROUPS: z
    .string()
    .default('{}')
    .transform((s, ctx) => {
      try {
        return z.partialRecord(z.enum(ROLES), z.string().min(1)).parse(JSON.parse(s));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'PORTAL_ROLE_GROUPS must be a JSON object of role → group name' });
        return z.NEVER;
      }
    }),
  PORTAL_MAPPING_TTL_SECONDS: z.coerce.number().int().min(10).max(300).default(300),
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().positive().default(100),
  /** Requests per IP per minute on the sign-in paths: a ceiling against floods (a sign-in is about 3 requests). */
  RATE_LIMIT_SIGNIN_PER_MINUTE: z.coerce.number().int().positive().default(300),
  /** Failed sign-ins per IP in 15 minutes before that IP's sign-in paths answer 429. */
  RATE_LIMIT_SIGNIN_FAILURES_PER_IP: z.coerce.number().int().positive().default(30),
  /** Sign-ins of one IdP account that the portal refused (no contact) in 15 minutes before the next is refused outright. */
  RATE_LIMIT_SIGNIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  /** Webhook calls per IP in 15 minutes that failed the signature check before that IP's calls answer 429. */
  RATE_LIMIT_WEBHOOK_FAILURES_PER_IP: z.coerce.number().int().positive().default(20),
  RATE_LIMIT_FAIL_MODE: z.enum(['open', 'closed']).default('open'),
  REDIS_URL: z.string().optional(),
  /**
   * Reverse proxies in front of the portal that append to X-Forwarded-For. 0: the client is
   * the TCP peer and X-Forwarded-For is ignored; n: the address the n-th proxy saw.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** `false` when served over plain HTTP (the demo): no Strict-Transport-Security. Read at run time. */
  PORTAL_HTTPS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * Compress pages in the portal (gzip). `false` behind a proxy or load balancer that
   * compresses: the portal's gzip of a streamed page costs it 5-7 ms of CPU a page. Read
   * when the server starts (next.config.ts), so one build serves both.
   */
  PORTAL_COMPRESSION: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * Start a page's scripts after its first paint, with the load event still waiting for them
   * (lib/http/scripts-after-paint.ts). `false` sends the page as Next writes it.
   */
  PORTAL_SCRIPTS_AFTER_PAINT: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  ORDER_SUBMIT_MODE: z.enum(['quotation', 'confirm']).default('confirm'),
  SUPPORT_SESSION_MINUTES: z.coerce.number().int().min(5).max(240).default(30),
  INVOICE_BULK_LIMIT: z.coerce.number().int().min(1).max(5000).default(1000),
  DELIVERY_REFRESH_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** IANA time zone whose calendar days the portal's dates follow (a delivery is late after the end of its scheduled day). */
  PORTAL_TIME_ZONE: z
    .string()
    .default('UTC')
    .refine(validTimeZone, { message: 'PORTAL_TIME_ZONE must be an IANA time zone such as Europe/Berlin' }),
  /** Names that are not roles are passed over; a list with none left means the default. */
  INVOICE_AMOUNT_ROLES: csv
    .transform((names): Role[] => {
      const roles = names.filter(isRole);
      return roles.length ? roles : ['finance', 'customer-admin'];
    })
    .default(['finance', 'customer-admin']),
  /** Posted invoice PDFs kept on disk (a path instances may share); `off` keeps none. */
  PDF_CACHE_DIR: z.string().min(1).default('.data/pdf-cache'),
  /** How long a cached Odoo read may answer when no webhook ended it first; 0 turns the cache off. */
  PORTAL_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** The seller's name on every page, the sign-in page and the statement PDF. */
  PORTAL_BRAND_NAME: z.string().trim().min(1).max(60).default('Northwind Supply'),
  /** The seller's logo: a path the portal serves (a file in public/) or an https URL; unset: the name alone. */
  PORTAL_BRAND_LOGO_URL: z
    .string()
    .refine((u) => /^\/(?!\/)[^\s]*$/.test(u) || (/^https:\/\/[^/]/.test(u) && URL.canParse(u)), {
      message: 'PORTAL_BRAND_LOGO_URL must be a path such as /logo.svg or an https:// URL',
    })
    .optional(),
  /**
   * The primary colour (buttons, links, the current menu entry) as #rrggbb. White text sits
   * on it and it is link text on the page, so both must reach WCAG AA (4.5:1), as axe demands.
   */
  PORTAL_BRAND_COLOR: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, { message: 'PORTAL_BRAND_COLOR must be a colour as #rrggbb' })
    .refine((c) => brandContrast(c) >= 4.5, {
      message:
        'PORTAL_BRAND_COLOR is too light: white text on it, and it as link text on the page, must reach a 4.5:1 contrast (WCAG AA); choose a darker shade',
    })
    .default('#1d4ed8'),
  /** Shared secret of Odoo's webhook (app/api/odoo-webhook); unset: the endpoint refuses everything. */
  ODOO_WEBHOOK_SECRET: z.string().min(32).optional(),
});

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export type PortalConfig = z.infer<typeof schema>;

let cached: PortalConfig | undefined;
export function portalConfig(): PortalConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Whether the portal compresses its pages, for next.config.ts (which must not refuse a build's settings). */
export function compressionFromEnv(env: Record<string, string | undefined>): boolean {
  const parsed = schema.shape.PORTAL_COMPRESSION.safeParse(env.PORTAL_COMPRESSION);
  if (!parsed.success) throw new Error(`PORTAL_COMPRESSION must be true or false, not “${env.PORTAL_COMPRESSION}”.`);
  return parsed.data;
}

export function parseConfig(env: Record<string, string | undefined>): PortalConfig {
  assertNoDemoSecrets(env);
  return schema.parse(env);
}

/**
 * What a production start must not run on: the demo's public secrets, which anyone can
 * read in this repository (a forged session cookie, the ERP key). Checked when the server
 * starts (instrumentation.ts) and again whenever the settings are parsed. The demo and the
 * tests set PORTAL_DEMO=1; `next build` is exempt, it serves nothing.
 */
export function demoSecretsInProduction(env: Record<string, string | undefined>): string[] {
  if (env.NODE_ENV !== 'production' || env.PORTAL_DEMO === '1' || env.NEXT_PHASE === 'phase-production-build') return [];
  const problems: string[] = [];
  if (!env.AUTH_SECRET) problems.push('AUTH_SECRET is not set: set a random secret (openssl rand -base64 33).');
  else if (env.AUTH_SECRET === DEMO_AUTH_SECRET)
    problems.push("AUTH_SECRET is the demo's public secret: set a random one (openssl rand -base64 33).");
  // Unset means the demo default (lib/odoo/config.ts), so it is refused as well.
  if ((env.ODOO_API_KEY ?? DEMO_ODOO_API_KEY) === DEMO_ODOO_API_KEY)
    problems.push("ODOO_API_KEY is the demo's key: set the integration user's API key.");
  if (env.ODOO_PASSWORD === DEMO_ODOO_API_KEY)
    problems.push("ODOO_PASSWORD is the demo's password: set the integration user's password, or leave it unset.");
  if ((env.AUTH_OIDC_CLIENT_SECRET ?? DEV_IDP_CLIENT_SECRET) === DEV_IDP_CLIENT_SECRET)
    problems.push("AUTH_OIDC_CLIENT_SECRET is the development identity provider's secret: set your IdP's client secret.");
  if (env.ODOO_WEBHOOK_SECRET === DEMO_WEBHOOK_SECRET)
    problems.push("ODOO_WEBHOOK_SECRET is the demo's public secret: set a random one (openssl rand -base64 33), or leave it unset.");
  return problems;
}

export class DemoSecretsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Refusing to start in production with demo settings (set PORTAL_DEMO=1 only for the demo):\n- ${problems.join('\n- ')}`);
    this.name = 'DemoSecretsError';
  }
}

export function assertNoDemoSecrets(env: Record<string, string | undefined>): void {
  const problems = demoSecretsInProduction(env);
  if (problems.length > 0) throw new DemoSecretsError(problems);
}
