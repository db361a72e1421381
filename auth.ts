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

export const {
  handlers,
  auth,
  signIn,
  signOut,
  unstable_update: updateSession,
} = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt', maxAge: config.SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/signin', error: '/signin' },
  providers: [
    {
      id: 'oidc',
      name: config.AUTH_OIDC_NAME,
      type: 'oidc',
      issuer: config.AUTH_OIDC_ISSUER,
      clientId: config.AUTH_OIDC_CLIENT_ID,
      clientSecret: config.AUTH_OIDC_CLIENT_SECRET,
      checks: ['pkce', 'state', 'nonce'],
      authorization: { params: { scope: config.AUTH_OIDC_SCOPE } },
    },
  ],
  events: {
    // Any sign-out, also through next-auth's own /api/auth/signout, ends the sign-in on the
    // server: its id is revoked and a support session it was acting in ends
    // (lib/session/sign-out.ts; the portal's sign-out button does it before this too).
    async signOut(message) {
      const payload = 'token' in message ? message.token : null;
      const { sessionTokenFromPayload } = await import('./lib/session/session-token');
      const token = payload ? sessionTokenFromPayload(payload) : null;
      if (token) {
        const { endSignIn } = await import('./lib/session/sign-out');
        await endSignIn(token);
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
    async jwt({ token, profile, trigger, session }) {
      // Every sign-in gets its own id, kept through renewals, that sign-out revokes.
      if (profile) token.sid = crypto.randomUUID();
      else {
        // Renewing the cookie (the proxy, on page loads) or updating it (support sessions)
        // never re-issues a signed-out sign-in, so a copied cookie cannot outlive its
        // revocation; an answer of null makes next-auth clear the cookie.
        const { signInRevocations } = await import('./lib/session/revocation');
        if (typeof token.sid !== 'string' || (await signInRevocations().isRevoked(token.sid))) return null;
      }
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
