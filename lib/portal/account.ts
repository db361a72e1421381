import 'server-only';
import type { z } from 'zod';
import { forbidden, notFound, portalError } from '../errors';
import { OdooServerError } from '../odoo/errors';
import type { addressInput, inviteInput, myContactInput } from '../schemas/account';
import type { PortalContext } from '../context';
import { can, ROLE_TAGS, rolesFromTags, type CustomerRole } from '../roles';
import { portalDb } from '../db/sql';
import { currency, FIELDS, ids, m2o, num, text } from './fields';
import { cachedForTenant, cachedShared } from './cache';
import { SHARED_EMAIL_TAG } from './identity';
import { toAddress, type Address } from './orders';

export interface Company {
  id: number;
  name: string;
  vat: string | null;
  reference: string | null;
  email: string | null;
  phone: string | null;
  address: Address;
  paymentTerms: string | null;
  /** Null when Odoo does not use credit limits (the company setting is off) or the customer has none. */
  credit: Credit | null;
  accountManager: string | null;
}

/**
 * The customer's credit as Odoo keeps it, in the currency Odoo keeps credit limits in: the
 * seller company's, whatever currency the customer buys in.
 */
export interface Credit {
  /** res.partner.credit_limit of the commercial partner (its own, or the company default it inherits). */
  limit: number;
  /** res.partner.credit: what is invoiced and not paid yet, less open credit notes. */
  used: number;
  /** limit − used: negative when over the limit. */
  available: number;
  overLimit: boolean;
  currency: string;
  /** The commercial partner's name, as Odoo's own warning names it. */
  partnerName: string;
}

export interface MyContact {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
}

export interface DeliveryAddress extends Address {
  /** The company's own address (always offered for delivery, edited in Odoo only). */
  isCompany: boolean;
  street: string | null;
  street2: string | null;
  zip: string | null;
  city: string | null;
  countryId: number | null;
  stateId: number | null;
}

export interface Country {
  id: number;
  code: string;
  name: string;
}

/** A state or province of a country (res.country.state). */
export type CountryState = Country;

export interface CompanyContact {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
  active: boolean;
  roles: CustomerRole[];
}

const ACCOUNT_FIELDS = [...new Set([...FIELDS.partner, ...FIELDS.partnerCredit])];

/**
 * The company (with its credit) and the signed-in contact, read together (2 parallel
 * calls), then the seller company's currency and credit setting (cached). The credit's used
 * part is the company's unpaid invoices: only those who see invoice amounts get it
 * (INVOICE_AMOUNT_ROLES); a viewer's account page has no credit.
 */
export async function getAccount(ctx: PortalContext): Promise<{ company: Company; me: MyContact }> {
  const [[company], [me], sellerCompany] = await Promise.all([
    ctx.odoo.searchRead('res.partner', [['id', '=', ctx.tenant.id]], { fields: ACCOUNT_FIELDS, limit: 1 }),
    ctx.odoo.searchRead(
      'res.partner',
      [
        ['id', '=', ctx.contact.id],
        ['commercial_partner_id', '=', ctx.tenant.id],
      ],
      { fields: FIELDS.partner, limit: 1 },
    ),
    ctx.odoo.sellerCompanyId(),
  ]);
  if (!company || !me) throw notFound('accountNotFound');
  const seesAmounts = can(ctx.roles, 'see-invoices');
  const settings = seesAmounts ? await companyCredit(ctx, m2o(company.company_id)?.id ?? sellerCompany) : null;
  return {
    company: {
      id: company.id,
      name: String(company.name),
      vat: text(company.vat),
      reference: text(company.ref),
      email: text(company.email),
      phone: text(company.phone),
      address: toAddress(company),
      paymentTerms: m2o(company.property_payment_term_id)?.name ?? null,
      credit: settings ? toCredit(company, settings) : null,
      accountManager: m2o(company.user_id)?.name ?? null,
    },
    me: { id: me.id, name: String(me.name), email: text(me.email), phone: text(me.phone), jobTitle: text(me.function) },
  };
}

/** The tenant's credit alone (one call, and the cached company setting): for the order review. */
export async function getCredit(ctx: PortalContext): Promise<Credit | null> {
  const [[partner], sellerCompany] = await Promise.all([
    ctx.odoo.searchRead('res.partner', [['id', '=', ctx.tenant.id]], { fields: [...FIELDS.partnerCredit, 'company_id'], limit: 1 }),
    ctx.odoo.sellerCompanyId(),
  ]);
  if (!partner) throw notFound('accountNotFound');
  return toCredit(partner, await companyCredit(ctx, m2o(partner.company_id)?.id ?? sellerCompany));
}

/**
 * Odoo shows credit only when the company's "Sales Credit Limit" setting is on and the
 * partner has a limit (account's _build_credit_warning_message: no limit, no warning).
 */
function toCredit(partner: Record<string, unknown>, settings: CompanyCredit): Credit | null {
  const limit = num(partner.credit_limit);
  if (!settings.usesCreditLimit || limit <= 0) return null;
  const used = round2(num(partner.credit));
  return {
    limit,
    used,
    available: round2(limit - used),
    overLimit: used > limit,
    currency: settings.currency,
    partnerName: String(partner.name),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

interface CompanyCredit {
  currency: string;
  usesCreditLimit: boolean;
}

/**
 * The currency of a company's amounts such as credit limits (Odoo's res.partner.currency_id
 * is the partner's company's currency, or the current company's for a partner shared by
 * all companies: the seller's, here; not the customer's pricelist currency) and whether the
 * company uses credit limits. Cached ten minutes: the setting changes rarely, and a change
 * in Odoo shows soon enough. A server without the setting answers "Invalid field" (a
 * ValueError): then no credit is shown rather than the page failing.
 */
async function companyCredit(ctx: PortalContext, companyId: number): Promise<CompanyCredit> {
  return cachedShared(
    `company-credit:${companyId}`,
    async () => {
      const read = (fields: readonly string[]) =>
        ctx.odoo.searchRead('res.company', [['id', '=', companyId]], { fields: [...fields], limit: 1 });
      try {
        const [company] = await read(FIELDS.companyCredit);
        return { currency: currency(company?.currency_id), usesCreditLimit: company?.account_use_credit_limit === true };
      } catch (err) {
        if (!(err instanceof OdooServerError) || err.odooName !== 'builtins.ValueError') throw err;
        const [company] = await read(['currency_id']);
        return { currency: currency(company?.currency_id), usesCreditLimit: false };
      }
    },
    600,
  );
}

export async function updateMyContact(ctx: PortalContext, input: z.infer<typeof myContactInput>): Promise<void> {
  await ctx.odoo.write('res.partner', [ctx.contact.id], { name: input.name, phone: input.phone ?? false });
}

const ADDRESS_FIELDS = ['name', 'street', 'street2', 'zip', 'city', 'state_id', 'country_id', 'parent_id', 'type', 'active'] as const;

/**
 * Where the tenant's orders may go: the company address first, then its active delivery
 * addresses. Country codes (for the edit form) cost a second call, so only when asked.
 */
export async function listAddresses(ctx: PortalContext, opts: { fresh?: boolean } = {}): Promise<DeliveryAddress[]> {
  if (!opts.fresh) return cachedForTenant(ctx.tenant.id, 'addresses', ctx.odoo.lang, () => listAddresses(ctx, { fresh: true }));
  const records = await ctx.odoo.searchRead(
    'res.partner',
    ['|', ['id', '=', ctx.tenant.id], '&', ['parent_id', '=', ctx.tenant.id], ['type', '=', 'delivery']],
    { fields: ADDRESS_FIELDS, order: 'id', limit: 500 },
  );
  return records
    .map((r) => ({
      ...toAddress(r),
      isCompany: r.id === ctx.tenant.id,
      street: text(r.street),
      street2: text(r.street2),
      zip: text(r.zip),
      city: text(r.city),
      countryId: m2o(r.country_id)?.id ?? null,
      stateId: m2o(r.state_id)?.id ?? null,
    }))
    .sort((a, b) => Number(b.isCompany) - Number(a.isCompany) || a.name.localeCompare(b.name));
}

/**
 * A new delivery address under the company. The same address sent twice (a form submitted
 * again, or two colleagues at once, on one instance or two) is created once: the second
 * answers the first one's id. An archived one like it does not count: it was put away.
 */
export async function createAddress(ctx: PortalContext, input: z.infer<typeof addressInput>): Promise<number> {
  const values = await addressValues(ctx, input);
  return (await portalDb()).exclusive(`address ${ctx.tenant.id}`, async () => {
    const [same] = await ctx.odoo.searchRead(
      'res.partner',
      [
        ['parent_id', '=', ctx.tenant.id],
        ['type', '=', 'delivery'],
        ...Object.entries(values).map(([field, value]) => [field, '=', value]),
      ],
      { fields: ['id'], limit: 1 },
    );
    return same ? same.id : ctx.odoo.create('res.partner', { ...values, parent_id: ctx.tenant.id, type: 'delivery' });
  });
}

/** Answers the address's name as it is now (for the audit trail). */
export async function updateAddress(ctx: PortalContext, id: number, input: z.infer<typeof addressInput>): Promise<string> {
  const [, values] = await Promise.all([requireDeliveryAddress(ctx, id), addressValues(ctx, input)]);
  await ctx.odoo.write('res.partner', [id], values);
  return input.name;
}

/** Archived, never deleted: past orders and deliveries keep pointing at it. Answers its name. */
export async function archiveAddress(ctx: PortalContext, id: number): Promise<string> {
  const name = await requireDeliveryAddress(ctx, id);
  await ctx.odoo.write('res.partner', [id], { active: false });
  return name;
}

/** The company's delivery address with this id, by name; anything else is not found. */
async function requireDeliveryAddress(ctx: PortalContext, id: number): Promise<string> {
  const [found] = await ctx.odoo.searchRead(
    'res.partner',
    [
      ['id', '=', id],
      ['parent_id', '=', ctx.tenant.id],
      ['type', '=', 'delivery'],
    ],
    { fields: ['name'], limit: 1 },
  );
  if (!found) throw notFound('addressNotFound');
  return String(found.name);
}

async function addressValues(ctx: PortalContext, input: z.infer<typeof addressInput>) {
  const [countries, states] = await Promise.all([listCountries(ctx), input.stateId ? listStates(ctx, input.countryCode) : []]);
  const country = countries.find((c) => c.code === input.countryCode);
  if (!country) throw portalError('bad_request', 'chooseCountry', { fields: { countryCode: 'chooseCountry' } });
  if (input.stateId && !states.some((s) => s.id === input.stateId))
    throw portalError('bad_request', 'chooseState', { fields: { stateId: 'chooseState' } });
  return {
    name: input.name,
    street: input.street,
    street2: input.street2 ?? false,
    zip: input.zip,
    city: input.city,
    country_id: country.id,
    state_id: input.stateId ?? false,
  };
}

/** Every country (the same for all tenants, cached a day per language: Odoo translates their names): the address form's choices, and code → id when saving. */
export async function listCountries(ctx: PortalContext): Promise<Country[]> {
  return cachedShared(`countries:${ctx.odoo.lang ?? ''}`, async () => {
    const rows = await ctx.odoo.searchRead('res.country', [], { fields: ['code', 'name'], order: 'name', limit: 300 });
    return rows.map((r) => ({ id: r.id, code: String(r.code), name: String(r.name) }));
  });
}

/**
 * A country's states or provinces, by name (Odoo's res.country.state, shared by all tenants
 * and cached a day per language): the address form's choices once a country is chosen, and
 * the check that a saved state belongs to the saved country. Most countries have none.
 */
export async function listStates(ctx: PortalContext, countryCode: string): Promise<CountryState[]> {
  return cachedShared(`states:${ctx.odoo.lang ?? ''}:${countryCode}`, async () => {
    const rows = await ctx.odoo.searchRead('res.country.state', [['country_id.code', '=', countryCode]], {
      fields: ['code', 'name'],
      order: 'name',
      limit: 500,
    });
    return rows.map((r) => ({ id: r.id, code: String(r.code), name: String(r.name) }));
  });
}

/** The company's people (active and deactivated) with the portal roles on their Odoo tags. */
export async function listContacts(ctx: PortalContext): Promise<CompanyContact[]> {
  return cachedForTenant(ctx.tenant.id, 'contacts', ctx.odoo.lang, () => readContacts(ctx));
}

async function readContacts(ctx: PortalContext): Promise<CompanyContact[]> {
  const [records, tags] = await Promise.all([
    ctx.odoo.searchRead(
      'res.partner',
      [
        ['parent_id', '=', ctx.tenant.id],
        ['type', '=', 'contact'],
        ['active', 'in', [true, false]],
      ],
      { fields: FIELDS.partner, order: 'name', limit: 1000 },
    ),
    roleTags(ctx),
  ]);
  const nameById = new Map([...tags].flatMap(([name, tagIds]) => tagIds.map((id) => [id, name] as const)));
  return records.map((r) => ({
    id: r.id,
    name: String(r.name),
    email: text(r.email),
    phone: text(r.phone),
    jobTitle: text(r.function),
    active: r.active === true,
    roles: rolesFromTags(
      ids(r.category_id)
        .map((id) => nameById.get(id))
        .filter((n): n is string => !!n),
    ),
  }));
}

/**
 * A new contact under the company with its portal roles as Odoo tags. The colleague then
 * signs in with the company's identity provider; their verified email links them.
 *
 * Only the company's own contacts are compared (an exact match on Odoo's normalised email,
 * never a pattern): an email already used by another customer's contact answers exactly as
 * a new one, with the same Odoo calls, so nothing here tells a customer who else is in Odoo.
 * Odoo allows the same email on contacts of two companies. The new contact then gets the
 * SHARED_EMAIL_TAG (which keeps the sign-in with the other company's contact: an admin
 * cannot lock another customer's person out by inviting their email) and an internal note
 * for the seller's staff, who decide which contact the person is.
 */
export async function inviteContact(ctx: PortalContext, input: z.infer<typeof inviteInput>): Promise<number> {
  refuseWhileActing(ctx);
  const email = normaliseEmail(input.email);
  // Two invites of one email sent at once (to one instance or two) each found no colleague and
  // each created one: the person then matched two contacts and could not sign in.
  return (await portalDb()).exclusive(`invite ${ctx.tenant.id} ${email}`, () => createInvited(ctx, input, email));
}

async function createInvited(ctx: PortalContext, input: z.infer<typeof inviteInput>, email: string): Promise<number> {
  const [sameEmail, tags, sharedEmailTag] = await Promise.all([
    ctx.odoo.searchRead(
      'res.partner',
      [
        ['email_normalized', '=', email],
        ['type', '=', 'contact'],
        ['active', 'in', [true, false]],
      ],
      { fields: ['commercial_partner_id'], limit: 100 },
    ),
    roleTags(ctx),
    tagIdOf(ctx, SHARED_EMAIL_TAG),
  ]);
  if (sameEmail.some((r) => m2o(r.commercial_partner_id)?.id === ctx.tenant.id)) {
    throw portalError('conflict', 'colleagueExists', { fields: { email: 'colleagueExistsField' } });
  }
  const tagIds = await roleTagIds(ctx, tags, input.roles);
  const elsewhere = sameEmail.length > 0;
  return ctx.odoo.create('res.partner', {
    name: input.name,
    email,
    parent_id: ctx.tenant.id,
    type: 'contact',
    category_id: [[6, 0, elsewhere ? [...tagIds, sharedEmailTag] : tagIds]],
    ...(elsewhere
      ? {
          comment:
            '<p>Customer portal: this email is also on a contact of another customer. Signing in with it keeps going to that contact until one of the two emails is changed and the tag “Portal: Email shared with another customer” removed.</p>',
        }
      : {}),
  });
}

/** A tag's id, created in Odoo the first time it is asked for. */
async function tagIdOf(ctx: PortalContext, name: string): Promise<number> {
  const [tag] = await ctx.odoo.searchRead('res.partner.category', [['name', '=', name]], {
    fields: FIELDS.partnerTag,
    order: 'id',
    limit: 1,
  });
  return tag?.id ?? createTag(ctx, name);
}

/**
 * Creates a tag, and answers the oldest of that name. Odoo does not keep tag names unique, so
 * two first uses at once (two admins inviting) may each create one; everyone then settles on
 * the same tag, and the readers of tags take any tag of the name as that tag.
 */
async function createTag(ctx: PortalContext, name: string): Promise<number> {
  const created = await ctx.odoo.create('res.partner.category', { name });
  const [oldest] = await ctx.odoo.searchRead('res.partner.category', [['name', '=', name]], { fields: ['id'], order: 'id', limit: 1 });
  return oldest?.id ?? created;
}

/** An email as compared in Odoo (`email_normalized`): trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Answers the contact's name (for the audit trail). */
export async function setContactRoles(ctx: PortalContext, id: number, roles: CustomerRole[]): Promise<string> {
  refuseWhileActing(ctx);
  if (id === ctx.contact.id && !roles.includes('customer-admin')) {
    throw portalError('bad_request', 'ownAdminRole', { fields: { roles: 'ownAdminRoleField' } });
  }
  const [contact, tags] = await Promise.all([requireColleague(ctx, id), roleTags(ctx)]);
  // The page offers roles only to active contacts; a form left open while another admin
  // deactivated the contact (or a forged one) is told so rather than changing them unseen.
  if (contact.active !== true) throw portalError('conflict', 'rolesOfDeactivated', { values: { name: String(contact.name) } });
  const portalTagIds = new Set([...tags.values()].flat());
  // Keep the contact's other tags; replace only the portal's role tags.
  const keep = ids(contact.category_id).filter((t) => !portalTagIds.has(t));
  await ctx.odoo.write('res.partner', [id], { category_id: [[6, 0, [...keep, ...(await roleTagIds(ctx, tags, roles))]]] });
  return String(contact.name);
}

/** Answers the contact's name (for the audit trail). */
export async function setContactActive(ctx: PortalContext, id: number, active: boolean): Promise<string> {
  refuseWhileActing(ctx);
  if (id === ctx.contact.id) throw portalError('bad_request', 'deactivateSelf');
  const contact = await requireColleague(ctx, id);
  await ctx.odoo.write('res.partner', [id], { active });
  return String(contact.name);
}

/**
 * Who may use the portal, and with which roles, is the customer's own choice. Staff acting
 * for an admin could otherwise leave an outside email as a customer admin, with no time limit
 * and no banner, once their support session ended; so while acting, even with changes allowed,
 * contacts are neither invited, given roles, deactivated nor reactivated.
 */
function refuseWhileActing(ctx: PortalContext): void {
  if (ctx.actingAs) throw forbidden('contactsOwnChoice');
}

async function requireColleague(ctx: PortalContext, id: number) {
  const [contact] = await ctx.odoo.searchRead(
    'res.partner',
    [
      ['id', '=', id],
      ['parent_id', '=', ctx.tenant.id],
      ['type', '=', 'contact'],
      ['active', 'in', [true, false]],
    ],
    { fields: ['name', 'active', 'category_id'], limit: 1 },
  );
  if (!contact) throw notFound('contactNotFound');
  return contact;
}

/** Tag name → ids, oldest first, of the portal's role tags that exist in Odoo (see createTag). */
async function roleTags(ctx: PortalContext): Promise<Map<string, number[]>> {
  const rows = await ctx.odoo.searchRead('res.partner.category', [['name', 'in', Object.values(ROLE_TAGS)]], {
    fields: FIELDS.partnerTag,
    order: 'id',
  });
  const byName = new Map<string, number[]>();
  for (const r of rows) byName.set(String(r.name), [...(byName.get(String(r.name)) ?? []), r.id]);
  return byName;
}

/** Ids of the tags for these roles, creating a role's tag in Odoo the first time it is used. */
async function roleTagIds(ctx: PortalContext, tags: Map<string, number[]>, roles: CustomerRole[]): Promise<number[]> {
  const out: number[] = [];
  for (const role of roles) {
    const id = tags.get(ROLE_TAGS[role])?.[0] ?? (await createTag(ctx, ROLE_TAGS[role]));
    tags.set(ROLE_TAGS[role], [id]);
    out.push(id);
  }
  return out;
}
