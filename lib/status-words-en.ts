import { translatorFor } from './i18n/translator';
import { statusOf, type StatusGroup } from './status-labels';

/**
 * A state in English words, for the CSV exports: a file is read by spreadsheets and other
 * programs, so its headers and words stay the same whoever downloads it; they are the
 * words of the English pages ("Not shipped", not Odoo's "pending").
 */
const t = translatorFor('en', 'status');

export function englishStatus(group: StatusGroup, state: string | null | undefined): string | null {
  return statusOf(t, group, state)?.label ?? null;
}
