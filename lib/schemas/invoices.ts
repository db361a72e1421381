import { z } from 'zod';
import { dateRangeOk, isoDate, page, pageSize, recordId, searchText, sortDir, sortColumn } from './common';

export const INVOICE_SORTS = ['date', 'number', 'due', 'total', 'residual'] as const;
export const INVOICE_STATUSES = ['open', 'overdue', 'paid'] as const;
export const INVOICE_TYPES = ['invoice', 'credit'] as const;

export const invoiceFilters = z.object({
  status: z.enum(INVOICE_STATUSES, { error: 'Choose a status from the list.' }).optional(),
  type: z.enum(INVOICE_TYPES, { error: 'Choose invoices, credit notes or both.' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: searchText,
});

export const invoiceListQuery = invoiceFilters
  .extend({ page, size: pageSize, sort: sortColumn(INVOICE_SORTS).default('date'), dir: sortDir })
  .refine(dateRangeOk, { message: 'The start date is after the end date.', path: ['from'] });
export type InvoiceListQuery = z.infer<typeof invoiceListQuery>;
export type InvoiceFilters = z.infer<typeof invoiceFilters>;

/** A bulk export: chosen invoice ids, or the list's filters (e.g. a date range). */
export const bulkQuery = invoiceFilters
  .extend({
    ids: z
      .string()
      .max(20_000)
      .optional()
      .transform((s, ctx) => {
        if (!s) return undefined;
        const parts = s.split(',');
        const ids = parts.map((p) => recordId.safeParse(p));
        if (ids.some((r) => !r.success)) {
          ctx.addIssue({ code: 'custom', message: 'The list of invoices is not valid.' });
          return z.NEVER;
        }
        return [...new Set(ids.map((r) => r.data as number))];
      }),
  })
  .refine(dateRangeOk, { message: 'The start date is after the end date.', path: ['from'] });
export type BulkQuery = z.infer<typeof bulkQuery>;
