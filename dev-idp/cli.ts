import { startDevIdp } from './server';

/** `npm run idp`: the development OpenID provider alone (the demo starts it for you). */
const port = Number(process.env.DEV_IDP_PORT ?? 4400);
const portal = process.env.PORTAL_URL ?? 'http://localhost:3000';
const idp = await startDevIdp(
  {
    issuer: process.env.AUTH_OIDC_ISSUER ?? `http://127.0.0.1:${port}`,
    clientId: process.env.AUTH_OIDC_CLIENT_ID ?? 'portal',
    clientSecret: process.env.AUTH_OIDC_CLIENT_SECRET ?? 'dev-portal-secret',
    redirectUris: [`${portal}/api/auth/callback/oidc`, `${portal.replace('localhost', '127.0.0.1')}/api/auth/callback/oidc`],
  },
  port,
);
console.log(`Dev identity provider on ${idp.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void idp.close().then(() => process.exit(0)));
