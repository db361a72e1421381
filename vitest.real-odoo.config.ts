import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The vitest files under tests/real-odoo (not in the default run, vitest.config.ts: they need
 * a real Odoo and change data there). `npm run test:real-odoo:webhooks` with ODOO_* of an
 * Odoo administrator; without ODOO_URL they are skipped with a one-line reason.
 */
export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
    },
  },
  test: {
    include: ['tests/real-odoo/**/*.test.ts'],
    environment: 'node',
    env: { AUDIT_PGLITE_DIR: 'memory://', PDF_CACHE_DIR: 'off' },
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
