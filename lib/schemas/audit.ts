import { z } from 'zod';
import { AUDIT_ACTIONS } from '../audit-words';
import { dateRangeOk, isoDate, page, recordId, text } from './common';

/** The staff audit log's filters: a person (their sign-in subject), a customer, an action, days. */
export const auditListQuery = z
  .object({
    page,
    person: text('person', { max: 200 }).optional(),
    customer: recordId.optional(),
    action: z.enum(Object.keys(AUDIT_ACTIONS) as [string, ...string[]], { error: 'Choose an action from the list.' }).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine(dateRangeOk, { message: 'The first day must not be after the last.', path: ['from'] });
export type AuditListQuery = z.infer<typeof auditListQuery>;
