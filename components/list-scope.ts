/**
 * Whose lists a page shows (the customer and the contact, acted for or not): the key a list's
 * remembered address is kept under (components/list-address.tsx). Apart from that client
 * module, as server pages call it.
 */
export const listScope = (ctx: { tenant: { id: number }; contact: { id: number } }) => `${ctx.tenant.id}-${ctx.contact.id}`;
