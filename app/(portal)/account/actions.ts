'use server';

import { revalidatePath, updateTag } from 'next/cache';
import { tenantTag } from '@/lib/portal/cache';
import type { z } from 'zod';
import { validatedAction, type ActionTarget } from '@/lib/http/action';
import type { PortalContext } from '@/lib/context';
import type { Permission } from '@/lib/roles';
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
import { invalidateRecords } from '@/lib/portal/cache-bus';

/**
 * The audit target of a change to an existing contact or address (both are res.partner): by
 * the name Odoo had for it once the change was made; by its id alone when it was refused.
 */
const contactNamed = (input: { id: number }, changed: ChangedPartner | undefined) => ({
  model: 'res.partner',
  id: input.id,
  name: changed?.name ?? null,
});
/** The audit target of a new contact or address: the id Odoo gave it, none when it failed. */
const contactCreated = (_input: unknown, created: ChangedPartner | undefined) =>
  created ? { model: 'res.partner', id: created.id, name: created.name } : null;

/** The contact or address a change touched, as the audit trail names it. */
type ChangedPartner = { id: number; name: string };

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

export const createAddressAction = addressAction(addressInput, 'address.create', contactCreated, async (ctx, input) => ({
  id: await createAddress(ctx, input),
  name: input.name,
}));

export const updateAddressAction = addressAction(addressUpdateInput, 'address.update', contactNamed, async (ctx, { id, ...input }) => ({
  id,
  name: await updateAddress(ctx, id, input),
}));

export const archiveAddressAction = addressAction(idInput, 'address.archive', contactNamed, async (ctx, { id }) => ({
  id,
  name: await archiveAddress(ctx, id),
}));

export const inviteContactAction = contactAction(inviteInput, 'contact.invite', contactCreated, async (ctx, input) => ({
  id: await inviteContact(ctx, input),
  name: input.name,
}));

export const setRolesAction = contactAction(rolesInput, 'contact.set-roles', contactNamed, async (ctx, { id, roles }) => ({
  id,
  name: await setContactRoles(ctx, id, roles),
}));

export const deactivateContactAction = contactAction(idInput, 'contact.deactivate', contactNamed, async (ctx, { id }) => ({
  id,
  name: await setContactActive(ctx, id, false),
}));

export const reactivateContactAction = contactAction(idInput, 'contact.reactivate', contactNamed, async (ctx, { id }) => ({
  id,
  name: await setContactActive(ctx, id, true),
}));

/**
 * An audited change to one of the company's addresses or contacts (both res.partner): the
 * permission, the audit action and target, the change (which answers the partner it
 * touched), then what has to be read again after it.
 */
function partnerAction<S extends z.ZodType>(
  permission: Permission,
  changed: (tenantId: number, partnerId: number) => void | Promise<void>,
  schema: S,
  action: string,
  target: (input: z.infer<S>, changed: ChangedPartner | undefined) => ActionTarget,
  change: (ctx: PortalContext, input: z.infer<S>) => Promise<ChangedPartner>,
) {
  return validatedAction({ schema, permission, audit: { action, target } }, async (ctx, input) => {
    const partner = await change(ctx, input);
    await changed(ctx.tenant.id, partner.id);
    return partner;
  });
}

/** A change to the company's delivery addresses (admins and buyers). */
function addressAction<S extends z.ZodType>(...args: PartnerChange<S>) {
  return partnerAction('manage-addresses', addressesChanged, ...args);
}

/** A change to the company's contacts (admins). */
function contactAction<S extends z.ZodType>(...args: PartnerChange<S>) {
  return partnerAction('manage-contacts', contactsChanged, ...args);
}

type PartnerChange<S extends z.ZodType> = [
  schema: S,
  action: string,
  target: (input: z.infer<S>, changed: ChangedPartner | undefined) => ActionTarget,
  change: (ctx: PortalContext, input: z.infer<S>) => Promise<ChangedPartner>,
];

/** After a change to the company's delivery addresses: the cached list and its page are read again. */
function addressesChanged(tenantId: number) {
  updateTag(tenantTag(tenantId, 'addresses'));
  revalidatePath('/account/addresses');
}

/**
 * After a change to one of the company's contacts: its cached sign-in mapping is dropped on
 * every instance (the cache bus), so new roles, a deactivation or an invitation apply at the
 * person's next request wherever it lands, and the list is read again.
 */
async function contactsChanged(tenantId: number, contactId: number) {
  await invalidateRecords('partners', [tenantId], [contactId]);
  updateTag(tenantTag(tenantId, 'contacts'));
  revalidatePath('/account/contacts');
}
