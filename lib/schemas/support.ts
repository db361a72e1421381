import { z } from 'zod';
import { recordId, searchText, text, visibleLength, wholeNumber } from './common';

export const customerSearchQuery = z.object({
  q: searchText,
});

export const startActingInput = z.object({
  customerId: recordId,
  contactId: recordId,
  // Counted as the customer sees it: zero-width characters make no reason.
  reason: text('reason', { max: 500, multiLine: true }).refine(
    (s) => visibleLength(s) >= 15,
    'Give a reason of at least 15 characters: the customer reads it.',
  ),
  minutes: wholeNumber(5, 240, 'Between 5 minutes and 4 hours.').optional(),
  canWrite: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).default(false),
});

export const actingWriteInput = z.object({
  canWrite: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
});
