/**
 * The secrets of the embedded demo (`npm run demo`, the browser tests, the benchmarks).
 * They are public, so a production start refuses them (lib/config.ts, instrumentation.ts)
 * unless PORTAL_DEMO=1 says this is the demo.
 */
export const DEMO_AUTH_SECRET = 'demo-only-secret-never-use-in-production-0123456789';
/** The Odoo simulator's integration user's API key (and password). */
export const DEMO_ODOO_API_KEY = 'demo-odoo-key';
/** The development identity provider's client secret for the portal. */
export const DEV_IDP_CLIENT_SECRET = 'dev-portal-secret';
/** The Odoo webhook secret of the embedded demo (the simulator posts its change webhooks with it). */
export const DEMO_WEBHOOK_SECRET = 'demo-only-webhook-secret-never-use-in-production';
