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

export const createAddressAction = addressAction(addressInput, 'address.create', contactCreated, (ctx, input) => createAddress(ctx, input));

export const updateAddressAction = addressAction(addressUpdateInput, 'address.update', contactNamed, async (ctx, { id, ...input }) => {
  await updateAddress(ctx, id, input);
  return id;
});

export const archiveAddressAction = addressAction(idInput, 'address.archive', contactNamed, async (ctx, { id }) => {
  await archiveAddress(ctx, id);
  return id;
});

export const inviteContactAction = contactAction(inviteInput, 'contact.invite', contactCreated, (ctx, input) => inviteContact(ctx, input));

export const setRolesAction = contactAction(rolesInput, 'contact.set-roles', contactNamed, async (ctx, { id, roles }) => {
  await setContactRoles(ctx, id, roles);
  return id;
});

export const deactivateContactAction = contactAction(idInput, 'contact.deactivate', contactNamed, async (ctx, { id }) => {
  await setContactActive(ctx, id, false);
  return id;
});

export const reactivateContactAction = contactAction(idInput, 'contact.reactivate', contactNamed, async (ctx, { id }) => {
  await setContactActive(ctx, id, true);
  return id;
});

/**
 * An audited change to one of the company's addresses or contacts (both res.partner): the
 * permission, the audit action and target, the change (which answers the partner's id),
 * then what has to be read again after it.
 */
function partnerAction<S extends z.ZodType>(
  permission: Permission,
  changed: (tenantId: number, partnerId: number) => void | Promise<void>,
  schema: S,
  action: string,
  target: (input: z.infer<S>, id: number | undefined) => ActionTarget,
  change: (ctx: PortalContext, input: z.infer<S>) => Promise<number>,
) {
  return validatedAction({ schema, permission, audit: { action, target } }, async (ctx, input) => {
    const id = await change(ctx, input);
    await changed(ctx.tenant.id, id);
    return id;
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
  target: (input: z.infer<S>, id: number | undefined) => ActionTarget,
  change: (ctx: PortalContext, input: z.infer<S>) => Promise<number>,
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
