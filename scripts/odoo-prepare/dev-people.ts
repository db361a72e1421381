/**
 * The development identity provider's seeded people (dev-idp/users.ts) in a real Odoo:
 * contacts under two customer companies with their role tags, and the account manager as
 * an internal user who is the first company's salesperson; and a tracking link on the first
 * company's tracked deliveries. For test and demo databases only
 * (`npm run odoo:prepare -- --dev-data`); a production Odoo has its own people and carriers.
 */
import type { OdooClient } from '../../lib/odoo/client';
import type { CustomerRole } from '../../lib/roles';
import { DEV_USERS } from '../../dev-idp/users';
import { groupIds, userGroupsField } from './prepare';

type Company = 'first' | 'second';

/** Who is who: "customer A" of the simulator is the first company, "customer B" the second. */
const CONTACTS: { email: string; company: Company; roles: CustomerRole[]; archived?: boolean }[] = [
  { email: 'alice@brightline.example', company: 'first', roles: ['customer-admin'] },
  { email: 'bob@brightline.example', company: 'first', roles: ['buyer'] },
  { email: 'fiona@brightline.example', company: 'first', roles: ['finance'] },
  { email: 'victor@brightline.example', company: 'first', roles: ['viewer'] },
  { email: 'olga@brightline.example', company: 'first', roles: ['buyer'], archived: true },
  { email: 'bruno@kestrel.example', company: 'second', roles: ['buyer'] },
  { email: 'frieda@kestrel.example', company: 'second', roles: ['finance'] },
  // One mailbox on a contact of each company: email mapping must refuse it as ambiguous.
  { email: 'orders@shared.example', company: 'first', roles: ['buyer'] },
  { email: 'orders@shared.example', company: 'second', roles: ['buyer'] },
];

export const ACCOUNT_MANAGER = 'mia.manager@northwind.example';

export interface DevPeople {
  first: { id: number; name: string };
  second: { id: number; name: string };
  contacts: Record<string, number>;
  accountManagerUid: number;
}

export async function ensureDevPeople(
  admin: OdooClient,
  major: number,
  opts: { first: string; second: string; tags: Record<CustomerRole, number>; log?: (line: string) => void },
): Promise<DevPeople> {
  const log = opts.log ?? (() => {});
  const company = async (name: string) => {
    const rows = await admin.searchRead(
      'res.partner',
      [
        ['name', '=', name],
        ['is_company', '=', true],
      ],
      { fields: ['name', 'user_id'], limit: 2 },
    );
    if (rows.length !== 1) throw new Error(`Odoo has ${rows.length} companies named "${name}": name exactly one customer company`);
    return rows[0]!;
  };
  const [first, second] = await Promise.all([company(opts.first), company(opts.second)]);
  const companyId = { first: first.id, second: second.id };

  const contacts: Record<string, number> = {};
  for (const c of CONTACTS) {
    const name = DEV_USERS.find((u) => u.login === c.email)!.name;
    const values = { name, email: c.email, type: 'contact', active: !c.archived, category_id: [[6, 0, c.roles.map((r) => opts.tags[r])]] };
    const [found] = await admin.searchRead(
      'res.partner',
      [
        ['email', '=', c.email],
        ['parent_id', '=', companyId[c.company]],
      ],
      { fields: ['id'], limit: 1, context: { active_test: false } },
    );
    if (found) await admin.write('res.partner', [found.id], values);
    else log(`created contact ${name} <${c.email}> under ${c.company === 'first' ? opts.first : opts.second}`);
    const id = found?.id ?? (await admin.create('res.partner', { ...values, parent_id: companyId[c.company] }));
    if (c.company === 'first' || !(c.email in contacts)) contacts[c.email] = id;
  }

  // The account manager: an internal user (a salesperson, "Own Documents Only") matched by email.
  const manager = DEV_USERS.find((u) => u.login === ACCOUNT_MANAGER)!;
  const field = userGroupsField(major);
  const [salesman] = await groupIds(admin, ['sales_team.group_sale_salesman']);
  const [existing] = await admin.searchRead('res.users', [['login', '=', manager.login]], {
    fields: ['id'],
    context: { active_test: false },
  });
  const accountManagerUid =
    existing?.id ??
    (await admin.create('res.users', { name: manager.name, login: manager.login, email: manager.login, [field]: [[4, salesman]] }));
  if (existing) await admin.write('res.users', [existing.id], { active: true, email: manager.login });
  else log(`created the internal user ${manager.name} <${manager.login}>`);
  await admin.write('res.partner', [first.id], { user_id: accountManagerUid });
  // The second company is another salesperson's: the account manager must not see it.
  const secondManager: unknown = Array.isArray(second.user_id) ? second.user_id[0] : false;
  if (secondManager === accountManagerUid) await admin.write('res.partner', [second.id], { user_id: false });

  return { first: { id: first.id, name: opts.first }, second: { id: second.id, name: opts.second }, contacts, accountManagerUid };
}

/**
 * A carrier tracking link (`delivery.carrier.tracking_url`, Odoo 18+) on the deliveries of
 * the first company that have a tracking reference, so their page links to the parcel.
 * Odoo 17 Community has no such field: its fixed-price carriers give no link.
 */
export async function ensureTrackedDeliveries(
  admin: OdooClient,
  major: number,
  companyId: number,
  log: (line: string) => void = () => {},
): Promise<void> {
  if (major < 18) return;
  const [carrier] = await admin.searchRead('delivery.carrier', [['delivery_type', 'in', ['fixed', 'base_on_rule']]], {
    fields: ['name', 'tracking_url'],
    order: 'id',
    limit: 1,
  });
  if (!carrier) return log('no fixed-price carrier: deliveries get no tracking link');
  if (!carrier.tracking_url)
    await admin.write('delivery.carrier', [carrier.id], { tracking_url: 'https://www.ups.com/track?tracknum=<shipmenttrackingnumber>' });
  const pickings = await admin.searchRead(
    'stock.picking',
    [
      ['partner_id', 'child_of', companyId],
      ['picking_type_code', '=', 'outgoing'],
      ['carrier_tracking_ref', '!=', false],
      ['carrier_id', '=', false],
    ],
    { fields: ['name'] },
  );
  if (pickings.length) {
    await admin.write(
      'stock.picking',
      pickings.map((p) => p.id),
      { carrier_id: carrier.id },
    );
    log(`carrier ${String(carrier.name)} with a tracking link on ${pickings.map((p) => String(p.name)).join(', ')}`);
  }
}
