import { z } from 'zod';
import { recordId } from './common';

export const customerSearchQuery = z.object({
  q: z.string().trim().max(100, 'Search text is at most 100 characters.').optional().transform((s) => s || undefined).optional(),
});

export const startActingInput = z.object({
  customerId: recordId,
  contactId: recordId,
  reason: z.string({ error: 'Give a reason.' }).trim().min(15, 'Give a reason of at least 15 characters: the customer reads it.').max(500, 'The reason is at most 500 characters.'),
  minutes: z.coerce.number().int().min(5, 'At least 5 minutes.').max(240, 'At most 4 hours.').optional(),
  canWrite: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).default(false),
});

export const actingWriteInput = z.object({
  canWrite: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
});
