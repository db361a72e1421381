/**
 * The shapes lib/portal returns, for client components. Types only: `export type` is erased
 * at build time, so no server-only module reaches the browser bundle through here.
 */
export type { CompanyContact, Country, DeliveryAddress } from './portal/account';
export type { PricedCart } from './portal/cart';
export type { DeliveryDetail, DeliveryStep } from './portal/deliveries';
export type { InvoiceListRow, InvoiceRow } from './portal/invoices';
export type { OrderRow } from './portal/orders';
export type { PlacedOrder } from './portal/place-order';
