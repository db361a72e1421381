import NextAuth from 'next-auth';
import { portalConfig } from './lib/config';
import type { SessionClaims } from './lib/session/identity';

declare module 'next-auth' {
  interface Session {
    claims: SessionClaims;
  }
}

/**
 * Sign-in with the company's OpenID provider (authorization code + PKCE + state + nonce).
 * The session is an encrypted JWT cookie holding only the IdP's claims; the Odoo mapping
 * and roles are derived on the server (lib/session) and never trusted from the cookie.
 * A cookie that does not decrypt (tampered, or another AUTH_SECRET) is no session.
 */
const config = portalConfig();

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt', maxAge: config.SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/signin', error: '/signin' },
  providers: [{
    id: 'oidc',
    name: config.AUTH_OIDC_NAME,
    type: 'oidc',
    issuer: config.AUTH_OIDC_ISSUER,
    clientId: config.AUTH_OIDC_CLIENT_ID,
    clientSecret: config.AUTH_OIDC_CLIENT_SECRET,
    checks: ['pkce', 'state', 'nonce'],
    authorization: { params: { scope: config.AUTH_OIDC_SCOPE } },
  }],
  callbacks: {
    jwt({ token, profile }) {
      if (profile) {
        const partnerId = Number(profile[config.PORTAL_PARTNER_CLAIM]);
        token.claims = {
          sub: String(profile.sub),
          email: typeof profile.email === 'string' ? profile.email : undefined,
          emailVerified: profile.email_verified === true,
          name: typeof profile.name === 'string' ? profile.name : undefined,
          groups: profile[config.PORTAL_GROUPS_CLAIM] ?? [],
          partnerId: Number.isSafeInteger(partnerId) && partnerId > 0 ? partnerId : undefined,
        } satisfies SessionClaims;
      }
      return token;
    },
    session({ session, token }) {
      session.claims = token.claims as SessionClaims;
      return session;
    },
  },
});
