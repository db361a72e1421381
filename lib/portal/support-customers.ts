import 'server-only';
import type { Domain } from '../odoo';
import { likeLiteral } from '../odoo';
import type { StaffContext } from '../context';
import { rolesFromTags, ROLE_TAGS, type CustomerRole } from '../roles';
import { cachedShared } from './cache';
import { FIELDS, ids, m2o, text } from './fields';

/**
 * The customers staff look after, as Odoo says: the account manager's search, one
 * customer with the contacts one may act for, and whether a staff member still manages it.
 */

export interface CustomerSummary {
  id: number;
  name: string;
  reference: string | null;
  vat: string | null;
  city: string | null;
  accountManager: string | null;
}

const isSupportAdmin = (staff: StaffContext) => staff.roles.has('support-admin');

/**
 * The customers a staff member may see: a support admin all of them; an account manager
 * only those whose salesperson (`res.partner.user_id`) is their Odoo user. Companies only,
 * never one of the seller's own companies: not the partner of any `res.company`
 * (`ref_company_ids`, which Odoo answers whatever companies the integration user may
 * open; a search of res.company answers only those, and a portal user limited to one
 * company of several would list the others as customers), nor of one it reads.
 */
async function managedDomain(staff: StaffContext): Promise<Domain> {
  const d: Domain = [
    ['is_company', '=', true],
    ['parent_id', '=', false],
    ['ref_company_ids', '=', false],
    ['id', 'not in', await sellerPartnerIds(staff)],
  ];
  if (!isSupportAdmin(staff)) d.push(['user_id', '=', staff.odooUserId ?? -1]);
  return d;
}

/** The partners of the seller's own companies (cached a day: they change once in a company's life). */
function sellerPartnerIds(staff: StaffContext): Promise<number[]> {
  return cachedShared('seller-partners', async () => {
    const own = await staff.odoo.searchRead('res.company', [], { fields: ['partner_id'], limit: 50 });
    return own.map((c) => m2o(c.partner_id)?.id).filter((id): id is number => id !== undefined);
  });
}

export async function searchCustomers(staff: StaffContext, q: string | undefined): Promise<CustomerSummary[]> {
  const domain = await managedDomain(staff);
  if (q) {
    const literal = likeLiteral(q); // a % or _ typed is searched as itself
    domain.push(
      '|',
      '|',
      '|',
      ['name', 'ilike', literal],
      ['ref', 'ilike', literal],
      ['vat', 'ilike', literal],
      ['child_ids.email', 'ilike', literal],
    );
  }
  const rows = await staff.odoo.searchRead('res.partner', domain, { fields: FIELDS.partner, order: 'name', limit: 50 });
  return rows.map((r) => ({
    id: r.id,
    name: String(r.name),
    reference: text(r.ref),
    vat: text(r.vat),
    city: text(r.city),
    accountManager: m2o(r.user_id)?.name ?? null,
  }));
}

export interface ManagedCustomer extends CustomerSummary {
  contacts: { id: number; name: string; email: string | null; roles: CustomerRole[] }[];
}

/** A customer the staff member manages, with the contacts one may act for; null otherwise (refused as not found). */
export async function getManagedCustomer(staff: StaffContext, id: number): Promise<ManagedCustomer | null> {
  const domain = [['id', '=', id], ...(await managedDomain(staff))];
  const [[company], contacts, tags, staffUsers] = await Promise.all([
    staff.odoo.searchRead('res.partner', domain, { fields: FIELDS.partner, limit: 1 }),
    staff.odoo.searchRead(
      'res.partner',
      [
        ['parent_id', '=', id],
        ['type', '=', 'contact'],
        ['active', '=', true],
      ],
      { fields: FIELDS.partner, order: 'name', limit: 500 },
    ),
    staff.odoo.searchRead('res.partner.category', [['name', 'in', Object.values(ROLE_TAGS)]], { fields: FIELDS.partnerTag }),
    staff.odoo.searchRead(
      'res.users',
      [
        ['share', '=', false],
        ['partner_id.parent_id', '=', id],
      ],
      { fields: ['partner_id'], limit: 500 },
    ),
  ]);
  if (!company) return null;
  const tagName = new Map(tags.map((t) => [t.id, String(t.name)]));
  // Internal users are staff: nobody acts as them, even when their contact sits under a customer.
  const staffPartners = new Set(staffUsers.map((u) => m2o(u.partner_id)?.id));
  return {
    id: company.id,
    name: String(company.name),
    reference: text(company.ref),
    vat: text(company.vat),
    city: text(company.city),
    accountManager: m2o(company.user_id)?.name ?? null,
    contacts: contacts
      .filter((c) => !staffPartners.has(c.id))
      .map((c) => ({
        id: c.id,
        name: String(c.name),
        email: text(c.email),
        roles: rolesFromTags(
          ids(c.category_id)
            .map((t) => tagName.get(t))
            .filter((n): n is string => !!n),
        ),
      })),
  };
}

/**
 * Whether the staff member may still act for this customer, by the same rule as starting
 * (a support admin any customer, an account manager only while Odoo names them its
 * salesperson). Asked of Odoo on every request made while acting, so a customer given to
 * another salesperson in Odoo ends the session at the next request.
 */
export async function stillManages(staff: StaffContext, tenantId: number): Promise<boolean> {
  const rows = await staff.odoo.searchRead('res.partner', [['id', '=', tenantId], ...(await managedDomain(staff))], {
    fields: ['id'],
    limit: 1,
  });
  return rows.length === 1;
}
