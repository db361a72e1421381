import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { compressionFromEnv } from './lib/config';
import { staticSecurityHeaders } from './lib/security-headers';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // PORTAL_COMPRESSION=false leaves compression to the proxy in front (lib/config.ts).
  compress: compressionFromEnv(process.env),
  // Node libraries that must stay real modules on the server (native or fs-dependent).
  serverExternalPackages: ['pino', 'pdfkit', 'archiver', '@electric-sql/pglite', 'ioredis', 'pg'],
  // Fixed at build time, so nothing here may depend on the deployment (HSTS: proxy.ts).
  async headers() {
    return [{ source: '/:path*', headers: Object.entries(staticSecurityHeaders()).map(([key, value]) => ({ key, value })) }];
  },
  // Browsers, bookmarks and feed readers that ask for the old icon address get the portal's icon, not a 404.
  async redirects() {
    return [{ source: '/favicon.ico', destination: '/icon.svg', permanent: true }];
  },
};

// The portal's language comes from the contact in Odoo, not the URL (lib/i18n/request.ts).
// The catalogues are precompiled at build time: no ICU message is parsed per request on the
// server, and the browser gets no ICU parser (docs/features.md, Language).
export default createNextIntlPlugin({
  requestConfig: './lib/i18n/request.ts',
  experimental: { messages: { path: './messages', format: 'json', locales: 'infer', precompile: true } },
})(nextConfig);
