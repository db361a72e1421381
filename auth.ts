import NextAuth, { type Profile } from 'next-auth';
import { portalConfig } from './lib/config';
import type { SessionClaims } from './lib/session/identity';

declare module 'next-auth' {
  /** What updateSession() hands the jwt callback: the support session to act in, or null to stop acting. */
  interface Session {
    acting?: string | null;
  }
}

/**
 * Sign-in with the company's OpenID provider (authorization code + PKCE + state + nonce).
 * The session is an encrypted JWT cookie holding only the IdP's claims; the Odoo mapping
 * and roles are derived on the server (lib/session) and never trusted from the cookie.
 * The portal reads the cookie's token itself (lib/session/session-token.ts): next-auth's
 * Session object is not used, so it carries nothing but its defaults.
 * A cookie that does not decrypt (tampered, or another AUTH_SECRET) is no session.
 */
const config = portalConfig();

export const { handlers, auth, signIn, signOut, unstable_update: updateSession } = NextAuth({
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
  events: {
    // Acting for a customer ends with the staff member's sign-out.
    async signOut(message) {
      const token = 'token' in message ? message.token : null;
      const sub = (token?.claims as SessionClaims | undefined)?.sub;
      if (sub && typeof token?.acting === 'string') {
        const { endSupportSession } = await import('./lib/portal/support');
        await endSupportSession(sub, token.acting, 'signed-out');
      }
    },
  },
  callbacks: {
    // Failed sign-ins are limited per account and per IP (lib/sign-in-limits.ts).
    async signIn({ profile }) {
      if (!profile) return true;
      const { admitMappedSignIn } = await import('./lib/sign-in-mapping');
      return admitMappedSignIn(claimsFromProfile(profile));
    },
    jwt({ token, profile, trigger, session }) {
      // Starting and stopping a support session updates the cookie. A value sent by a
      // browser itself is harmless: it only counts when it names an open session of this
      // same staff member in the portal store.
      if (trigger === 'update') {
        const acting = (session as { acting?: unknown } | undefined)?.acting;
        token.acting = typeof acting === 'string' && /^[0-9a-f-]{36}$/.test(acting) ? acting : null;
        return token;
      }
      if (profile) token.claims = claimsFromProfile(profile);
      return token;
    },
  },
});

/** The IdP's claims the session keeps. */
function claimsFromProfile(profile: Profile): SessionClaims {
  const partnerId = Number(profile[config.PORTAL_PARTNER_CLAIM]);
  return {
    sub: String(profile.sub),
    email: typeof profile.email === 'string' ? profile.email : undefined,
    emailVerified: profile.email_verified === true,
    name: typeof profile.name === 'string' ? profile.name : undefined,
    groups: profile[config.PORTAL_GROUPS_CLAIM] ?? [],
    partnerId: Number.isSafeInteger(partnerId) && partnerId > 0 ? partnerId : undefined,
  };
}
