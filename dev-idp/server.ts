import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';
import { DEV_PASSWORD, DEV_USERS } from './users';

/**
 * A development OpenID provider for `npm run demo` and the browser tests, built on
 * oidc-provider: authorization code + PKCE, one registered client (the portal), the
 * seeded users of users.ts, a plain login form with inputs `login` and `password`.
 * Consent is implied for the portal client, as with a company IdP's first-party app.
 */
export interface DevIdpOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
}

export async function startDevIdp(opts: DevIdpOptions, port: number, host = '127.0.0.1') {
  const configuration: Configuration = {
    clients: [
      {
        client_id: opts.clientId,
        client_secret: opts.clientSecret,
        redirect_uris: opts.redirectUris,
        post_logout_redirect_uris: opts.postLogoutRedirectUris ?? [],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'], odoo: ['odoo_partner_id'] },
    scopes: ['openid', 'email', 'profile', 'groups', 'odoo'],
    // Auth.js reads the claims from the ID token.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    ttl: { Session: 8 * 3600, Interaction: 600, AccessToken: 600, IdToken: 600, Grant: 8 * 3600 },
    findAccount: async (_ctx, id) => {
      const user = DEV_USERS.find((u) => u.login === id);
      if (!user) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: user.login,
          email: user.login,
          email_verified: true,
          name: user.name,
          groups: user.groups,
          ...(user.odooPartnerId ? { odoo_partner_id: user.odooPartnerId } : {}),
        }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Sign-in error', `<h1>Sign-in error</h1><p>${escape(String(out.error_description ?? out.error))}</p>`);
    },
  };
  const provider = new Provider(opts.issuer, configuration);
  provider.proxy = false;

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    // Browsers ask every host for /favicon.ico; without one each sign-in logged a 404 in the console.
    if (req.url === '/favicon.ico')
      return void res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=86400' }).end(ICON);
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url?.split('?')[0] ?? '');
    if (!match) return provider.callback()(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'consent') return await grantConsent(provider, req, res, details);
      if (req.method === 'POST' && match[2]) {
        const form = new URLSearchParams(await readBody(req));
        const login = (form.get('login') ?? '').trim().toLowerCase();
        const user = DEV_USERS.find((u) => u.login === login);
        if (!user || form.get('password') !== DEV_PASSWORD) {
          return sendForm(res, details.uid, login, 'Wrong email or password.');
        }
        return await provider.interactionFinished(req, res, { login: { accountId: user.login } }, { mergeWithLastSubmission: false });
      }
      return sendForm(res, details.uid, '', '');
    } catch (err) {
      res
        .writeHead(400, { 'Content-Type': 'text/html; charset=utf-8' })
        .end(page('Sign-in error', `<h1>Sign-in error</h1><p>${escape(String((err as Error).message))}</p>`));
    }
  };
  // Each request is answered by handle() itself, errors included: node's server does not await it.
  const server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function grantConsent(
  provider: Provider,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  details: Awaited<ReturnType<Provider['interactionDetails']>>,
) {
  const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

function sendForm(res: http.ServerResponse, uid: string, login: string, error: string) {
  res.writeHead(error ? 401 : 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(
    page(
      'Sign in',
      `
  <h1>Northwind sign-in</h1>
  <p class="hint">Development identity provider. Seeded users are listed in the portal's README (password <code>demo1234</code>).</p>
  ${error ? `<p role="alert" class="error">${escape(error)}</p>` : ''}
  <form method="post" action="/interaction/${uid}/login">
    <label for="login">Email</label>
    <input id="login" name="login" type="email" autocomplete="username" required value="${escape(login)}" autofocus>
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit">Sign in</button>
  </form>`,
    ),
  );
}

/** The portal's own mark (public/icon.svg), so the sign-in tab shows the same icon. */
const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1e40af"/><path d="M9 23V9h3l8 9.5V9h3v14h-3l-8-9.5V23z" fill="#fff"/></svg>';

function page(title: string, body: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/favicon.ico" type="image/svg+xml">
<title>${title}</title><style>
body{font-family:system-ui,sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem;color:#111}
label{display:block;margin-top:1rem;font-weight:600}input{width:100%;padding:.6rem;font-size:1rem;box-sizing:border-box;border:1px solid #555;border-radius:.375rem}
button{margin-top:1.5rem;width:100%;padding:.7rem;font-size:1rem;background:#1d4ed8;color:#fff;border:0;border-radius:.375rem;cursor:pointer}
button:focus-visible,input:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}.error{color:#b91c1c;font-weight:600}.hint{color:#374151}
</style></head><body><main>${body}</main></body></html>`;
}

function escape(s: string) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
