import { z } from 'zod';
import type { Locale } from './locales';

const german = z.locales.de().localeError;

/**
 * zod's own words for a failed check in the reader's language, for one parse (a schema's
 * own message, where it has one, still wins). English is zod's default.
 */
export function zodErrorMap(locale: Locale): z.core.$ZodErrorMap | undefined {
  return locale === 'de' ? german : undefined;
}
