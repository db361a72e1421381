/**
 * The delivery address a new order starts from. Ordering again should go where the
 * original order went, so its address comes first when it is still one of the active
 * addresses offered; an archived address (or a contact's own address, which is not
 * offered) falls back to the first offered, the company address.
 */
export function defaultAddressId(offered: readonly { id: number }[], previous: number | null | undefined): number | undefined {
  if (previous != null && offered.some((a) => a.id === previous)) return previous;
  return offered[0]?.id;
}
