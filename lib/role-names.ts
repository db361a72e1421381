/**
 * The portal's roles, by name only: what lib/config.ts parses settings against and what
 * client components list. lib/roles.ts says what each may do (it reads the settings, so the
 * names live apart from it and lib/config.ts needs no import back).
 */
export const CUSTOMER_ROLES = ['customer-admin', 'buyer', 'finance', 'viewer'] as const;
export const STAFF_ROLES = ['account-manager', 'support-admin'] as const;
export const ROLES = [...CUSTOMER_ROLES, ...STAFF_ROLES] as const;
export type Role = (typeof ROLES)[number];
export type CustomerRole = (typeof CUSTOMER_ROLES)[number];

export const isRole = (name: string): name is Role => (ROLES as readonly string[]).includes(name);

/** Each customer role's key in the `common.roles` catalogue (camelCase, as the catalogue's other keys). */
export const ROLE_MESSAGE_KEY = {
  'customer-admin': 'customerAdmin',
  buyer: 'buyer',
  finance: 'finance',
  viewer: 'viewer',
} as const satisfies Record<CustomerRole, string>;
