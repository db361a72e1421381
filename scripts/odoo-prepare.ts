/**
 * `npm run odoo:prepare`: makes an Odoo database ready for the portal, through the portal's
 * own gateway, as an Odoo administrator (ODOO_URL, ODOO_DB, ODOO_LOGIN and ODOO_API_KEY or
 * ODOO_PASSWORD of an admin). Idempotent: run it again at any time.
 *   - the role tags `Portal: Customer Admin`, `Portal: Buyer`, `Portal: Finance`, `Portal: Viewer`;
 *   - the integration user (`--login`, default portal-bot) with only the groups the portal
 *     needs (printed, with why), a password and an API key;
 *   - with `--dev-data` (test and demo databases): the development identity provider's people
 *     as contacts of two customer companies (`--customer`, `--second-customer`), the account
 *     manager, and a tracking link on the first company's tracked deliveries.
 * It writes the integration user's connection settings (ODOO_URL, ODOO_DB, ODOO_LOGIN,
 * ODOO_API_KEY, ODOO_PASSWORD) as `export` lines to `--out` (default .data/odoo-portal.env),
 * mode 600, and reuses the key and password found there while they still work. It changes
 * the password of an existing integration user only with `--reset-password`: another portal
 * may sign in with it.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { OdooGateway } from '../lib/odoo/client';
import { odooConfigFromEnv } from '../lib/odoo/config';
import { ensureDevPeople, ensureTrackedDeliveries } from './odoo-prepare/dev-people';
import { ensureIntegrationUser, ensureRoleTags, INTEGRATION_GROUPS, PasswordUnknownError } from './odoo-prepare/prepare';
import { readEnvFile } from './real-odoo-tools';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: process.env.ODOO_PREPARE_OUT ?? '.data/odoo-portal.env' },
    login: { type: 'string', default: 'portal-bot' },
    email: { type: 'string' },
    'dev-data': { type: 'boolean', default: false },
    customer: { type: 'string', default: 'Gemini Furniture' },
    'second-customer': { type: 'string', default: 'Azure Interior' },
    quiet: { type: 'boolean', default: false },
    'reset-password': { type: 'boolean', default: false },
  },
});
const log = (line: string) => {
  if (!args.quiet) console.log(`[odoo:prepare] ${line}`);
};

if (!process.env.ODOO_URL || !(process.env.ODOO_API_KEY || process.env.ODOO_PASSWORD)) {
  console.error('[odoo:prepare] set ODOO_URL, ODOO_DB, ODOO_LOGIN and ODOO_API_KEY (or ODOO_PASSWORD) of an Odoo administrator');
  process.exit(2);
}
// The admin's API key, or its password over JSON-RPC (a password is no bearer token for JSON-2).
const adminEnv = {
  ...process.env,
  ODOO_API_KEY: process.env.ODOO_API_KEY ?? process.env.ODOO_PASSWORD,
  ...(process.env.ODOO_API_KEY ? {} : { ODOO_PROTOCOL: 'jsonrpc' }),
};
const config = { ...odooConfigFromEnv(adminEnv), timeoutMs: 60_000 };
const gateway = new OdooGateway(config);
const admin = gateway.client();
const major = await gateway.serverMajor();
log(`Odoo ${major} at ${config.url}, database ${config.db}, as ${config.login}`);

const previous = readEnvFile(args.out);
const tags = await ensureRoleTags(admin, log);
log(`role tags: ${Object.keys(tags).length} present`);
const user = await ensureIntegrationUser(admin, config, major, {
  login: args.login,
  email: args.email,
  previous:
    previous.ODOO_LOGIN === args.login && previous.ODOO_URL === config.url && previous.ODOO_DB === config.db
      ? { apiKey: previous.ODOO_API_KEY, password: previous.ODOO_PASSWORD }
      : undefined,
  resetPassword: args['reset-password'],
  log,
}).catch((err: unknown) => {
  if (!(err instanceof PasswordUnknownError)) throw err;
  console.error(`[odoo:prepare] ${err.message}`);
  process.exit(2);
});
// Written at once, before the optional dev data: a run that fails after this point has kept
// the user's new password here, so running it again finds it instead of refusing.
mkdirSync(dirname(args.out), { recursive: true });
writeFileSync(
  args.out,
  [
    `# The portal's Odoo connection, written by npm run odoo:prepare${user.keyExpires ? `; the API key expires ${user.keyExpires} UTC (run it again before)` : ''}`,
    `export ODOO_URL=${config.url}`,
    `export ODOO_DB=${config.db}`,
    `export ODOO_LOGIN=${user.login}`,
    `export ODOO_API_KEY=${user.apiKey}`,
    `export ODOO_PASSWORD=${user.password}`,
    '',
  ].join('\n'),
  { mode: 0o600 },
);
chmodSync(args.out, 0o600);
log(`connection settings in ${args.out}`);
log(`integration user ${user.login} (uid ${user.uid}), groups:`);
for (const g of INTEGRATION_GROUPS) log(`  ${g.xmlid} (${g.label}): ${g.why}`);

if (args['dev-data']) {
  const people = await ensureDevPeople(admin, major, { first: args.customer, second: args['second-customer'], tags, log });
  await ensureTrackedDeliveries(admin, major, people.first.id, log);
  log(
    `dev people: ${Object.keys(people.contacts).length} contacts under ${people.first.name} (${people.first.id}) and ${people.second.name} (${people.second.id}); account manager uid ${people.accountManagerUid}`,
  );
}
