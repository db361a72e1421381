import 'server-only';
import type { OdooClient } from '../odoo';
import { rolesFromTags, type CustomerRole } from '../roles';
import { FIELDS, m2o } from './fields';

/**
 * Who a signed-in person is in Odoo. A customer is one active contact (matched by the
 * `odoo_partner_id` claim or by verified email); the tenant is that contact's commercial
 * partner. Staff are matched to their Odoo user by verified email.
 */
export type Claims = { sub: string; email?: string; emailVerified?: boolean; partnerId?: number };

export type CustomerIdentity = {
  kind: 'customer';
  /** `lang`: the contact's Odoo language (res.partner.lang), which the portal speaks to them. */
  contact: { id: number; name: string; email: string | null; lang: string | null };
  tenant: { id: number; name: string };
  odooRoles: CustomerRole[];
};
export type Unlinked = { kind: 'unlinked'; reason: 'no-match' | 'ambiguous' | 'archived' | 'unverified-email' | 'no-company' };

type PartnerRow = {
  id: number;
  name: string;
  email: string | false;
  lang: string | false;
  active: boolean;
  commercial_partner_id: unknown;
  category_id: number[];
};

export async function findCustomer(odoo: OdooClient, claims: Claims, mapping: 'email' | 'claim'): Promise<CustomerIdentity | Unlinked> {
  let rows: PartnerRow[];
  if (mapping === 'claim') {
    if (!claims.partnerId || !Number.isSafeInteger(claims.partnerId)) return { kind: 'unlinked', reason: 'no-match' };
    rows = await odoo.searchRead<PartnerRow>('res.partner', [['id', '=', claims.partnerId]], {
      fields: FIELDS.partner,
      context: { active_test: false },
    });
  } else {
    if (!claims.email || claims.emailVerified !== true) return { kind: 'unlinked', reason: 'unverified-email' };
    // An exact match on Odoo's normalised email (lower-cased address), never a pattern:
    // `=ilike` would read `_` and `%` in the address as wildcards.
    rows = await odoo.searchRead<PartnerRow>(
      'res.partner',
      [
        ['email_normalized', '=', claims.email.trim().toLowerCase()],
        ['type', '=', 'contact'],
      ],
      {
        fields: FIELDS.partner,
        limit: 10,
        context: { active_test: false },
      },
    );
  }
  let active = rows.filter((r) => r.active);
  if (active.length > 1) active = await withoutSharedEmailInvites(odoo, active);
  if (rows.length === 0) return { kind: 'unlinked', reason: 'no-match' };
  if (active.length === 0) return { kind: 'unlinked', reason: 'archived' };
  if (active.length > 1) return { kind: 'unlinked', reason: 'ambiguous' };
  const contact = active[0]!;
  const tenant = m2o(contact.commercial_partner_id);
  if (!tenant || tenant.id === contact.id) return { kind: 'unlinked', reason: 'no-company' };
  const [[company], tags] = await Promise.all([
    odoo.searchRead<PartnerRow & { is_company: boolean }>('res.partner', [['id', '=', tenant.id]], { fields: FIELDS.partner }),
    odoo.read<{ id: number; name: string }>('res.partner.category', contact.category_id, FIELDS.partnerTag),
  ]);
  if (!company || !company.is_company) return { kind: 'unlinked', reason: 'no-company' };
  const tagNames = tags.map((t) => t.name);
  return {
    kind: 'customer',
    contact: {
      id: contact.id,
      name: contact.name,
      email: typeof contact.email === 'string' ? contact.email : null,
      lang: typeof contact.lang === 'string' ? contact.lang : null,
    },
    tenant: { id: tenant.id, name: company.name },
    odooRoles: rolesFromTags(tagNames),
  };
}

/**
 * Tag of a contact a customer invited with an email that another customer's contact already
 * had (lib/portal/account.ts inviteContact). Such a contact never takes a sign-in away from
 * the contact that had the email first: signing in chooses between the others.
 */
export const SHARED_EMAIL_TAG = 'Portal: Email shared with another customer';

async function withoutSharedEmailInvites(odoo: OdooClient, contacts: PartnerRow[]): Promise<PartnerRow[]> {
  // Every tag of that name: two first invites at once may each have created one.
  const tags = await odoo.searchRead('res.partner.category', [['name', '=', SHARED_EMAIL_TAG]], { fields: ['id'], limit: 10 });
  const kept = contacts.filter((c) => !tags.some((t) => c.category_id.includes(t.id)));
  return kept.length ? kept : contacts;
}

/**
 * The Odoo user of a staff member (salesperson on `res.partner.user_id`): the one user
 * whose login or email is the IdP's email, and only when the IdP says it verified that
 * email (else anyone able to set an address at the IdP could become a salesperson).
 */
export async function findStaffUser(odoo: OdooClient, claims: Pick<Claims, 'email' | 'emailVerified'>): Promise<number | null> {
  if (!claims.email || claims.emailVerified !== true) return null;
  // Exact comparisons, never a pattern (`=ilike` reads `_` and `%` as wildcards).
  const normalised = claims.email.trim().toLowerCase();
  const users = await odoo.searchRead('res.users', ['|', ['login', '=', normalised], ['partner_id.email_normalized', '=', normalised]], {
    fields: FIELDS.user,
    limit: 5,
  });
  const exact = users.filter((u) => [u.login, u.email].some((v) => typeof v === 'string' && v.trim().toLowerCase() === normalised));
  return exact.length === 1 ? exact[0]!.id : null;
}
