/**
 * The seeded people of the development identity provider. Customers get their portal
 * roles from tags on their Odoo contact (see odoo-sim seed); staff get theirs from the
 * `groups` claim, as a company IdP would send them. Every password is `demo1234`.
 */
export interface DevUser {
  login: string;
  name: string;
  groups: string[];
  /** Sent as the `odoo_partner_id` claim when set (mapping by claim instead of email). */
  odooPartnerId?: number;
  note: string;
}

export const DEV_PASSWORD = 'demo1234';

export const DEV_USERS: DevUser[] = [
  { login: 'alice@brightline.example', name: 'Alice Admin', groups: [], note: 'customer A, customer-admin (Odoo tag)' },
  { login: 'bob@brightline.example', name: 'Bob Buyer', groups: [], note: 'customer A, buyer (Odoo tag)' },
  { login: 'fiona@brightline.example', name: 'Fiona Finance', groups: [], note: 'customer A, finance (Odoo tag)' },
  { login: 'victor@brightline.example', name: 'Victor Viewer', groups: [], note: 'customer A, viewer (Odoo tag)' },
  { login: 'bruno@kestrel.example', name: 'Bruno Buyer', groups: [], note: 'customer B, buyer (Odoo tag)' },
  { login: 'frieda@kestrel.example', name: 'Frieda Finanz', groups: [], note: 'customer B, finance (Odoo tag)' },
  {
    login: 'ingrid@nordlys.example',
    name: 'Ingrid Nordlys',
    groups: [],
    note: 'customer D, customer-admin; Norwegian in Odoo (portal in English)',
  },
  { login: 'mia.manager@northwind.example', name: 'Mia Manager', groups: ['account-manager'], note: 'account manager of A and C (not B)' },
  {
    login: 'sofia.support@northwind.example',
    name: 'Sofia Support',
    groups: ['support-admin'],
    note: 'support admin, sees every customer',
  },
  { login: 'olga@brightline.example', name: 'Olga Oldtimer', groups: [], note: 'archived Odoo contact: not linked' },
  { login: 'orders@shared.example', name: 'Shared Inbox', groups: [], note: 'email on two Odoo contacts: not linked' },
  { login: 'nobody@unknown.example', name: 'Nora Nobody', groups: [], note: 'no Odoo contact: not linked' },
];
