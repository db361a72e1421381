/**
 * The shapes lib/portal returns, for client components. Types only: `export type` is erased
 * at build time, so no server-only module reaches the browser bundle through here.
 */
export type { CompanyContact, Country, CountryState, DeliveryAddress } from './portal/account';
export type { PricedCart } from './portal/cart';
export type { DeliveryDetail, DeliveryStep } from './portal/deliveries';
export type { InvoiceListRow, InvoiceRow } from './portal/invoices';
export type { OrderRow } from './portal/orders';
export type { PlacedOrder } from './portal/place-order';

/** A product the quick order search found, priced for the signed-in customer (lib/portal/product-search.ts). */
export interface ProductMatch {
  productId: number;
  sku: string;
  name: string;
  unit: string | null;
  /** This customer's price for one unit (their pricelist, from Odoo), in `currency`. */
  priceUnit: number;
  /** Stock on hand as the cart shows it; null for services. */
  available: number | null;
}

export interface ProductSearchResult {
  query: string;
  /** The prices' currency; null when nothing matched (there is no price to say it of). */
  currency: string | null;
  products: ProductMatch[];
}
