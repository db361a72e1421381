import { defineConfig, devices } from '@playwright/test';
import { E2E, TEST_PORTS } from './tests/test-ports';

/**
 * The main journeys against a REAL Odoo (`npm run test:real-odoo`, which prepares the Odoo
 * and sets ODOO_* to its integration user): the production build with the development
 * identity provider, through scripts/stack.ts, which hands ODOO_URL and the rest to the portal.
 */
if (!process.env.ODOO_URL)
  throw new Error('playwright.real-odoo.config.ts needs ODOO_URL and the integration user: run npm run test:real-odoo');

export default defineConfig({
  testDir: 'tests/real-odoo',
  // The folder also holds Vitest files (webhook-cache.test.ts, npm run test:real-odoo:webhooks).
  testMatch: '**/*.spec.ts',
  // Its own folder: Playwright empties its output folder at the start, and the simulator suite may be running.
  outputDir: 'test-results-real-odoo',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // A real Odoo renders an invoice PDF in 1.5-4 s with wkhtmltopdf, and slower on its first.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    baseURL: E2E.baseURL,
    trace: 'retain-on-failure',
    navigationTimeout: 60_000,
    // The first sign-in after the server starts waits on the identity provider's discovery and a cold Odoo.
    actionTimeout: 60_000,
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
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: 'npx tsx scripts/demo.ts',
    url: `${E2E.baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      PORT: String(TEST_PORTS.portal),
      ODOO_SIM_PORT: String(TEST_PORTS.sim),
      DEV_IDP_PORT: String(TEST_PORTS.idp),
      RATE_LIMIT_USER_PER_MINUTE: '600',
      RATE_LIMIT_SIGNIN_PER_MINUTE: '1000',
      LOG_LEVEL: 'warn',
      AUDIT_PGLITE_DIR: 'memory://',
      ODOO_TIMEOUT_MS: process.env.ODOO_TIMEOUT_MS ?? '60000',
    },
  },
});
