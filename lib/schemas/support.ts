import { z } from 'zod';
import { emptyAsAbsent, recordId, searchText, text, visibleLength, wholeNumber, wordCharacters } from './common';

/** Why a staff member's support session ended, as their support page tells them (`/support?ended=`). */
export const ACTING_ENDS = ['expired', 'reassigned', 'contact-gone', 'ended'] as const;
export type ActingEnd = (typeof ACTING_ENDS)[number];

export const customerSearchQuery = z.object({
  q: searchText,
  ended: z.enum(ACTING_ENDS).optional(),
});

export const startActingInput = z.object({
  customerId: recordId,
  contactId: recordId,
  // Counted as the customer sees it: invisible characters make no reason, nor does a row of dots.
  reason: text('reason', { max: 500, multiLine: true }).refine(
    (s) => visibleLength(s) >= 15 && wordCharacters(s) >= 10,
    'Give a reason in words, at least 15 characters: the customer reads it.',
  ),
  // Left empty: the default time limit.
  minutes: emptyAsAbsent(wholeNumber(5, 240, 'Between 5 minutes and 4 hours.')),
  canWrite: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).default(false),
});

export const actingWriteInput = z.object({
  canWrite: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
});
