import type { NextConfig } from 'next';
import { staticSecurityHeaders } from './lib/security-headers';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Node libraries that must stay real modules on the server (native or fs-dependent).
  serverExternalPackages: ['pino', 'pdfkit', 'archiver', '@electric-sql/pglite', 'ioredis', 'pg'],
  // Fixed at build time, so nothing here may depend on the deployment (HSTS: proxy.ts).
  async headers() {
    return [{ source: '/:path*', headers: Object.entries(staticSecurityHeaders()).map(([key, value]) => ({ key, value })) }];
  },
};

export default nextConfig;
