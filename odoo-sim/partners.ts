import type { Rec, Store } from './store';

/** A partner's address fields (res.partner._address_fields on a country without a custom format). */
const ADDRESS_FIELDS = ['street', 'street2', 'zip', 'city', 'state_id', 'country_id'] as const;

const hasAddress = (r: Rec) => ADDRESS_FIELDS.some((f) => !!r[f]);

/**
 * res.partner._fields_sync on create: a person of type "contact" under a company takes the
 * company's address when the company has one (onchange_parent_id), so an order to that
 * person ships to the company's street. Delivery and invoice addresses keep their own.
 */
export function takeParentAddress(store: Store, rec: Rec): void {
  const parent = rec.parent_id ? store.get('res.partner', rec.parent_id as number) : undefined;
  if (!parent || (rec.type || 'contact') !== 'contact' || !hasAddress(parent)) return;
  store.update('res.partner', rec.id, Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, parent[f] ?? false])));
}

/** res.partner._children_sync: a change to a partner's address reaches its active children of type "contact" (`child_ids` holds active ones only). */
export function passAddressToContacts(store: Store, parent: Rec, vals: Record<string, unknown>): void {
  const changed = ADDRESS_FIELDS.filter((f) => f in vals);
  if (changed.length === 0) return;
  for (const id of [...(store.index('res.partner', 'parent_id').get(parent.id) ?? [])]) {
    const child = store.get('res.partner', id)!;
    if (child.type !== 'contact' || child.active === false) continue;
    store.update('res.partner', child.id, Object.fromEntries(changed.map((f) => [f, parent[f] ?? false])));
  }
}

/**
 * res.partner._fields_sync on write: a partner given a parent, or made a contact, takes the
 * parent's address (when the parent has one); a change to a partner's address reaches its
 * contacts.
 */
export function syncAddresses(store: Store, rec: Rec, vals: Record<string, unknown>): void {
  if ('parent_id' in vals || vals.type === 'contact') takeParentAddress(store, store.get('res.partner', rec.id)!);
  passAddressToContacts(store, store.get('res.partner', rec.id)!, vals);
}
