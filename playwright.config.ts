import { defineConfig, devices } from '@playwright/test';

/**
 * Browser journeys in Debian's Chromium against the production build, started with its
 * embedded simulator and identity provider on ports that do not clash with a running demo (tests/test-ports.ts).
 */
import { E2E, TEST_PORTS } from './tests/test-ports';

export { E2E };

const FAULTS = '**/faults.spec.ts';
const RATE_LIMIT = '**/rate-limit.spec.ts';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: E2E.baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // One stack serves every spec, so the specs that change it for everyone run after the
  // journeys, in this order: faults switch the simulator's faults on (and off again), and
  // the rate limit leaves its user over the limit for a minute.
  projects: [
    { name: 'journeys', testIgnore: [FAULTS, RATE_LIMIT], use: { ...devices['Desktop Chrome'] } },
    { name: 'faults', testMatch: FAULTS, dependencies: ['journeys'], use: { ...devices['Desktop Chrome'] } },
    { name: 'rate-limit', testMatch: RATE_LIMIT, dependencies: ['faults'], use: { ...devices['Desktop Chrome'] } },
  ],
  // The sign-in limits stay at their defaults: the tests sign in as a whole office would.
  webServer: {
    command: 'npx tsx scripts/demo.ts',
    url: `${E2E.baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      PORT: String(TEST_PORTS.portal),
      ODOO_SIM_PORT: String(TEST_PORTS.sim),
      DEV_IDP_PORT: String(TEST_PORTS.idp),
      RATE_LIMIT_USER_PER_MINUTE: process.env.E2E_USER_LIMIT ?? '600',
      LOG_LEVEL: 'warn',
      AUDIT_PGLITE_DIR: 'memory://',
      DELIVERY_REFRESH_SECONDS: '2',
      INVOICE_BULK_LIMIT: '200',
      ODOO_TIMEOUT_MS: '3000',
      // A seller's own brand, so every page's axe check runs on a configured colour, not only the default.
      PORTAL_BRAND_NAME: 'Northwind Supply',
      PORTAL_BRAND_COLOR: '#0f766e',
      PORTAL_BRAND_LOGO_URL: '/icon.svg',
    },
  },
});
