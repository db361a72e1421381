/**
 * Portal roles and what each may do. The UI uses these to hide what a person cannot do;
 * lib/portal and the action wrapper (lib/http/action.ts) check `can()`, so the data layer
 * refuses it whatever the UI shows.
 */
import { portalConfig } from './config';
import { CUSTOMER_ROLES, ROLES, STAFF_ROLES, type CustomerRole, type Role } from './role-names';

export { CUSTOMER_ROLES, ROLES, STAFF_ROLES, type CustomerRole, type Role } from './role-names';

/** Tags on the Odoo contact that hold the roles the portal manages (visible to account managers in Odoo). */
export const ROLE_TAGS: Record<CustomerRole, string> = {
  'customer-admin': 'Portal: Customer Admin',
  buyer: 'Portal: Buyer',
  finance: 'Portal: Finance',
  viewer: 'Portal: Viewer',
};

export type Permission = 'order' | 'see-invoices' | 'manage-contacts' | 'manage-addresses' | 'view';

const GRANTS: Record<Permission, readonly Role[]> = {
  view: CUSTOMER_ROLES,
  order: ['customer-admin', 'buyer'],
  'see-invoices': ['customer-admin', 'finance'], // the default; can() asks the setting
  'manage-contacts': ['customer-admin'],
  'manage-addresses': ['customer-admin', 'buyer'],
};

/**
 * Who sees invoices and their amounts is a setting (INVOICE_AMOUNT_ROLES, lib/config.ts):
 * finance and customer admins by default; companies that want buyers or viewers to see
 * them list those roles there.
 */
export function can(roles: ReadonlySet<Role>, permission: Permission): boolean {
  const granted = permission === 'see-invoices' ? portalConfig().INVOICE_AMOUNT_ROLES : GRANTS[permission];
  return granted.some((r) => roles.has(r));
}

export const isStaffRole = (role: string): boolean => (STAFF_ROLES as readonly string[]).includes(role);

/**
 * Roles from the IdP's groups claim, with group names mapped through PORTAL_ROLE_GROUPS
 * (role → group name). An unmapped customer role uses its own name as the group; a staff
 * role is granted only through an explicit mapping, because a group that merely carries
 * the name "support-admin" (one a user or another tenant of the IdP could create) must
 * not open every customer's account.
 */
export function rolesFromGroups(groups: unknown, mapping: Partial<Record<Role, string>>): Role[] {
  const list = Array.isArray(groups)
    ? groups.filter((g): g is string => typeof g === 'string')
    : typeof groups === 'string'
      ? [groups]
      : [];
  return ROLES.filter((role) => {
    const group = mapping[role] ?? (isStaffRole(role) ? undefined : role);
    return group !== undefined && list.includes(group);
  });
}

/** How much a set of roles may do: the number of permissions it grants (an admin's all, a viewer's one). */
export function privilege(roles: readonly Role[]): number {
  const held = new Set(roles);
  return (Object.keys(GRANTS) as Permission[]).filter((p) => can(held, p)).length;
}

/**
 * The contact to act as unless staff choose another: the one who may do least, so a
 * support session starts with the narrowest view of the customer's data. Contacts without
 * any portal role see nothing and are passed over while another has a role.
 */
export function leastPrivileged<T extends { roles: readonly Role[] }>(contacts: readonly T[]): T | undefined {
  const candidates = contacts.some((c) => c.roles.length) ? contacts.filter((c) => c.roles.length) : contacts;
  return candidates.reduce<T | undefined>((least, c) => (!least || privilege(c.roles) < privilege(least.roles) ? c : least), undefined);
}

export function rolesFromTags(tagNames: string[]): CustomerRole[] {
  return CUSTOMER_ROLES.filter((role) => tagNames.includes(ROLE_TAGS[role]));
}
