import { z } from 'zod';
import { page, pageSize, searchText } from './common';

export const DELIVERY_FILTERS = ['in-progress', 'late', 'delivered'] as const;

export const deliveryListQuery = z.object({
  page,
  size: pageSize,
  status: z.enum(DELIVERY_FILTERS, { error: 'Choose a status from the list.' }).optional(),
  q: searchText,
});
export type DeliveryListQuery = z.infer<typeof deliveryListQuery>;
