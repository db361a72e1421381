'use server';

import { revalidatePath, updateTag } from 'next/cache';
import { tenantTag } from '@/lib/portal/cache';
import { validatedAction } from '@/lib/http/action';
import {
  archiveAddress,
  createAddress,
  inviteContact,
  setContactActive,
  setContactRoles,
  updateAddress,
  updateMyContact,
} from '@/lib/portal/account';
import { addressInput, addressUpdateInput, idInput, inviteInput, myContactInput, rolesInput } from '@/lib/schemas/account';
import { forgetIdentities } from '@/lib/session/require-session';

/** The audit target of a change to an existing contact or address (both are res.partner). */
const contactNamed = (input: { id: number }) => ({ model: 'res.partner', id: input.id });
/** The audit target of a new contact or address: the id Odoo gave it, none when it failed. */
const contactCreated = (input: { name?: string }, id: number | undefined) =>
  id ? { model: 'res.partner', id, name: input.name ?? null } : null;

export const updateMyContactAction = validatedAction(
  {
    schema: myContactInput,
    audit: { action: 'contact.update-own', target: () => null },
  },
  async (ctx, input) => {
    await updateMyContact(ctx, input);
    updateTag(tenantTag(ctx.tenant.id, 'contacts'));
    revalidatePath('/account');
    return { saved: true };
  },
);

export const createAddressAction = validatedAction(
  {
    schema: addressInput,
    permission: 'manage-addresses',
    audit: { action: 'address.create', target: contactCreated },
  },
  async (ctx, input) => {
    const id = await createAddress(ctx, input);
    addressesChanged(ctx.tenant.id);
    return id;
  },
);

export const updateAddressAction = validatedAction(
  {
    schema: addressUpdateInput,
    permission: 'manage-addresses',
    audit: { action: 'address.update', target: contactNamed },
  },
  async (ctx, { id, ...input }) => {
    await updateAddress(ctx, id, input);
    addressesChanged(ctx.tenant.id);
    return id;
  },
);

export const archiveAddressAction = validatedAction(
  {
    schema: idInput,
    permission: 'manage-addresses',
    audit: { action: 'address.archive', target: contactNamed },
  },
  async (ctx, { id }) => {
    await archiveAddress(ctx, id);
    addressesChanged(ctx.tenant.id);
    return id;
  },
);

export const inviteContactAction = validatedAction(
  {
    schema: inviteInput,
    permission: 'manage-contacts',
    audit: { action: 'contact.invite', target: contactCreated },
  },
  async (ctx, input) => {
    const id = await inviteContact(ctx, input);
    contactsChanged(ctx.tenant.id);
    return id;
  },
);

export const setRolesAction = validatedAction(
  {
    schema: rolesInput,
    permission: 'manage-contacts',
    audit: { action: 'contact.set-roles', target: contactNamed },
  },
  async (ctx, { id, roles }) => {
    await setContactRoles(ctx, id, roles);
    contactsChanged(ctx.tenant.id);
    return id;
  },
);

export const deactivateContactAction = validatedAction(
  {
    schema: idInput,
    permission: 'manage-contacts',
    audit: { action: 'contact.deactivate', target: contactNamed },
  },
  async (ctx, { id }) => {
    await setContactActive(ctx, id, false);
    contactsChanged(ctx.tenant.id);
    return id;
  },
);

export const reactivateContactAction = validatedAction(
  {
    schema: idInput,
    permission: 'manage-contacts',
    audit: { action: 'contact.reactivate', target: contactNamed },
  },
  async (ctx, { id }) => {
    await setContactActive(ctx, id, true);
    contactsChanged(ctx.tenant.id);
    return id;
  },
);

/** After a change to the company's delivery addresses: the cached list and its page are read again. */
function addressesChanged(tenantId: number) {
  updateTag(tenantTag(tenantId, 'addresses'));
  revalidatePath('/account/addresses');
}

/**
 * After a change to the company's contacts: cached sign-in mappings are dropped, so new
 * roles, a deactivation or an invitation apply at the person's next request on this
 * instance (others re-check within PORTAL_MAPPING_TTL_SECONDS), and the list is read again.
 */
function contactsChanged(tenantId: number) {
  forgetIdentities();
  updateTag(tenantTag(tenantId, 'contacts'));
  revalidatePath('/account/contacts');
}
