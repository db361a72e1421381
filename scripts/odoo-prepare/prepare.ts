/**
 * What the portal needs in an Odoo database, made idempotently through the portal's own
 * gateway (lib/odoo) as an Odoo administrator: the role tags, the integration user with
 * the least rights the portal's calls need plus its API key, and (for the development
 * identity provider only) the seeded people's contacts and their account manager.
 */
import { randomBytes } from 'node:crypto';
import type { OdooClient, OdooRecord } from '../../lib/odoo/client';
import type { OdooConfig } from '../../lib/odoo/config';
import { Json2Transport, JsonRpcTransport, protocolFor } from '../../lib/odoo/transport';
import { TimeBudget } from '../../lib/odoo/budget';
import { OdooAuthError } from '../../lib/odoo/errors';
import { ROLE_TAGS, type CustomerRole } from '../../lib/roles';
import { makeApiKey, OdooWebSession } from './web-session';

/**
 * The integration user's groups (the implied "Role / User" makes it an internal user; it
 * is never an administrator). Checked by the contract suite and the journeys of
 * `npm run test:real-odoo`, which run as this user on Odoo 17, 18 and 19.
 */
export const INTEGRATION_GROUPS = [
  {
    xmlid: 'sales_team.group_sale_salesman_all_leads',
    label: 'Sales: User: All Documents',
    why: 'reads every customer\'s orders and order lines, and through the sale and sale_stock access rules their customer invoices (lines, taxes), deliveries and stock moves; creates and confirms orders and posts their chatter notes. "Own Documents Only" would hide the orders and invoices of customers another salesperson looks after.',
  },
  {
    xmlid: 'base.group_partner_manager',
    label: 'Contact Creation',
    why: 'adds, edits and archives delivery addresses and colleagues under a customer, sets their Portal role tags (and creates a missing tag), and posts the support-session note on the customer.',
  },
  {
    xmlid: 'account.group_account_readonly',
    label: 'Show Accounting Features - Readonly',
    why: "reads the customer's credit limit (res.partner.credit_limit is restricted to Billing or this group) on every sign-in and account page; it reads accounting and writes nothing there.",
  },
] as const;

export interface PrepareOptions {
  /** Login of the integration user. */
  login: string;
  /**
   * Its email: Odoo refuses to post a chatter note for a user without one ("Unable to send
   * message, please configure the sender's email address", measured on 17). Kept when set.
   */
  email?: string;
  /** What is known from an earlier run (the connection file): reused while it still works. */
  previous?: { apiKey?: string; password?: string };
  /**
   * Set a new password on an existing user when no working one is known. Off by default:
   * another portal on the same Odoo may sign in with the current one (and lose invoice PDFs
   * on Odoo 16-18 and its next key renewal the moment it changes).
   */
  resetPassword?: boolean;
  /** Renew the key when it expires within this many days (Odoo 18+ keys expire). */
  renewWithinDays?: number;
  log?: (line: string) => void;
}

export interface PreparedIntegration {
  uid: number;
  login: string;
  password: string;
  apiKey: string;
  /** When the key stops working (Odoo 18+), `null` for a key without end (Odoo 17). */
  keyExpires: string | null;
  groups: string[];
}

const KEY_NAME = 'Customer portal';
/** The longest key an internal user may make on Odoo 18+ (base.group_user's "API Keys maximum duration days"). */
const KEY_DAYS = 90;

export async function ensureRoleTags(admin: OdooClient, log: (line: string) => void = () => {}): Promise<Record<CustomerRole, number>> {
  const names = Object.values(ROLE_TAGS);
  const found = await admin.searchRead('res.partner.category', [['name', 'in', names]], { fields: ['name'] });
  const byName = new Map(found.map((t) => [String(t.name), t.id]));
  const ids = {} as Record<CustomerRole, number>;
  for (const [role, name] of Object.entries(ROLE_TAGS) as [CustomerRole, string][]) {
    let id = byName.get(name);
    if (id === undefined) {
      id = await admin.create('res.partner.category', { name });
      log(`created tag "${name}"`);
    }
    ids[role] = id;
  }
  return ids;
}

/** res.groups ids by XML id (`module.name`), through ir.model.data as Odoo's own `env.ref` does. */
export async function groupIds(admin: OdooClient, xmlids: readonly string[]): Promise<number[]> {
  const pairs = xmlids.map((x) => x.split('.') as [string, string]);
  const rows = await admin.searchRead(
    'ir.model.data',
    [
      ['model', '=', 'res.groups'],
      ['module', 'in', pairs.map((p) => p[0])],
      ['name', 'in', pairs.map((p) => p[1])],
    ],
    { fields: ['module', 'name', 'res_id'] },
  );
  return xmlids.map((x) => {
    const row = rows.find((r) => `${String(r.module)}.${String(r.name)}` === x);
    if (!row) throw new Error(`Odoo has no group ${x}: install sale_management, stock and account first`);
    return Number(row.res_id);
  });
}

/** `groups_id` on Odoo 16-18, `group_ids` from 19. */
export const userGroupsField = (major: number) => (major >= 19 ? 'group_ids' : 'groups_id');

/**
 * The integration user with exactly INTEGRATION_GROUPS (and what they imply), a password
 * (for the web session of invoice PDFs on Odoo 16-18) and an API key. A key and password
 * from an earlier run are kept while they work; otherwise a new key is made through the web
 * client's wizard, as the user. A new user gets a new password; an existing one only with
 * `resetPassword`, since another portal may sign in with the current one.
 */
export async function ensureIntegrationUser(
  admin: OdooClient,
  config: OdooConfig,
  major: number,
  opts: PrepareOptions,
): Promise<PreparedIntegration> {
  const log = opts.log ?? (() => {});
  const groups = await groupIds(
    admin,
    INTEGRATION_GROUPS.map((g) => g.xmlid),
  );
  const field = userGroupsField(major);
  const [existing] = await admin.searchRead('res.users', [['login', '=', opts.login]], {
    fields: ['email', 'active'],
    context: { active_test: false },
  });
  const email = opts.email ?? (existing?.email || `${opts.login.replace(/@.*$/, '')}@portal.invalid`);
  let uid: number;
  let password = opts.previous?.password;
  if (existing) {
    uid = existing.id;
    // An archived user signs nothing in: bring it back before trying the known password.
    if (!existing.active) await admin.write('res.users', [uid], { active: true });
    const works = !!password && (await passwordSignsIn(config, opts.login, password));
    // Refused before anything else of the user is changed: another portal may rely on it as it is.
    if (!works && !opts.resetPassword) throw new PasswordUnknownError(opts.login);
    if (!works) password = undefined;
    await admin.write('res.users', [uid], { email, [field]: [[6, 0, groups]] });
  } else {
    uid = await admin.create('res.users', { name: 'Customer portal (integration)', login: opts.login, email, [field]: [[6, 0, groups]] });
    log(`created the integration user ${opts.login} (uid ${uid})`);
    password = undefined;
  }
  const [user] = await admin.searchRead('res.users', [['id', '=', uid]], { fields: ['share'] });
  if (user?.share !== false) throw new Error(`${opts.login} is not an internal user: check its groups in Odoo`);

  if (!password) {
    password = randomBytes(18).toString('base64url');
    await admin.write('res.users', [uid], { password });
    log(`set a new password for ${opts.login}`);
  }

  let apiKey = opts.previous?.apiKey;
  let keyExpires = await newestKeyExpiry(admin, uid, major);
  const renewBefore = Date.now() + (opts.renewWithinDays ?? 14) * 86_400_000;
  const keyValid =
    apiKey &&
    (await keySignsIn(config, opts.login, apiKey, major, uid)) &&
    (keyExpires === null || Date.parse(`${keyExpires.replace(' ', 'T')}Z`) > renewBefore);
  if (!keyValid) {
    const session = new OdooWebSession(config.url, config.db);
    await session.login(opts.login, password);
    apiKey = await makeApiKey(session, { password, name: KEY_NAME, major, days: KEY_DAYS });
    keyExpires = await newestKeyExpiry(admin, uid, major);
    log(`made an API key for ${opts.login}${keyExpires ? ` (expires ${keyExpires} UTC)` : ''}`);
  }
  return { uid, login: opts.login, password, apiKey: apiKey!, keyExpires, groups: INTEGRATION_GROUPS.map((g) => g.xmlid) };
}

/** The integration user exists and no password known here still signs it in: changing it could break another portal. */
export class PasswordUnknownError extends Error {
  constructor(login: string) {
    super(
      `${login} already exists in this Odoo, and no password written here by an earlier run still signs it in. ` +
        "Another portal may be using it: give this run that portal's settings file (--out), " +
        'or a user of its own (--login another-login), ' +
        'or pass --reset-password to set a new one (every portal signed in as it must then take the new settings).',
    );
    this.name = 'PasswordUnknownError';
  }
}

/**
 * Whether a password signs this user in: a web session's login, which every Odoo 16-19 has
 * (Odoo 19 logs `/jsonrpc` as deprecated, to be removed in 22).
 */
async function passwordSignsIn(config: OdooConfig, login: string, password: string): Promise<boolean> {
  try {
    await new OdooWebSession(config.url, config.db, config.timeoutMs).login(login, password);
    return true;
  } catch (err) {
    // Only Odoo's refusal says the password is wrong: an Odoo out of reach must not lead to a reset.
    if (err instanceof Error && /AccessDenied|opened no web session/.test(err.message)) return false;
    throw err;
  }
}

/**
 * Whether an API key signs this user in, over the protocol the portal will use with it. JSON-2
 * (Odoo 19+) knows the user by the key alone, so the key's user is compared with `uid`: a key
 * of a renamed user must not pass for a new one of the old login.
 */
async function keySignsIn(config: OdooConfig, login: string, apiKey: string, major: number, uid: number): Promise<boolean> {
  const json2 = protocolFor(major) === 'json2';
  const transport = json2
    ? new Json2Transport({ ...config, login, apiKey })
    : new JsonRpcTransport({ ...config, login, apiKey, readRetries: 0 });
  try {
    const context = await transport.execute(
      json2
        ? { model: 'res.users', method: 'context_get', params: {} }
        : { model: 'res.users', method: 'search_count', params: { domain: [['id', '=', 0]] } },
      new TimeBudget(config.timeoutMs),
    );
    return !json2 || (context as { uid?: unknown } | null)?.uid === uid;
  } catch (err) {
    if (err instanceof OdooAuthError) return false;
    throw err;
  }
}

/** The expiry of the user's newest portal key (Odoo 18+), read as the admin; null on 17 (keys do not expire). */
async function newestKeyExpiry(admin: OdooClient, uid: number, major: number): Promise<string | null> {
  if (major < 18) return null;
  const [key] = await admin
    .searchRead(
      'res.users.apikeys',
      [
        ['user_id', '=', uid],
        ['name', '=', KEY_NAME],
      ],
      { fields: ['expiration_date'], order: 'id desc', limit: 1 },
    )
    .catch(() => [] as OdooRecord[]);
  return typeof key?.expiration_date === 'string' ? key.expiration_date : null;
}
