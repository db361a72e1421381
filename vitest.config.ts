import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // lib/odoo and lib/portal are server-only; tests run them on the server side of the fence.
      'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
    },
  },
  test: {
    include: ['tests/{unit,contract,integration}/**/*.test.ts'],
    environment: 'node',
    // The portal store (audit, support sessions, order claims) in memory unless a test opens its own.
    env: { AUDIT_PGLITE_DIR: 'memory://', PDF_CACHE_DIR: 'off', PORTAL_CACHE_TTL_SECONDS: '0' },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Integration suites share Redis and PostgreSQL; files run one after another.
    fileParallelism: false,
  },
});
