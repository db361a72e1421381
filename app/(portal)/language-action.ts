'use server';

import { z } from 'zod';
import { forbidden } from '@/lib/errors';
import { validatedAction } from '@/lib/http/action';
import { LOCALES, type Locale } from '@/lib/i18n/locales';
import { setContactLanguage } from '@/lib/portal/language';
import { refreshOwnIdentity } from '@/lib/session/require-session';

const languageInput = z.object({ locale: z.enum(LOCALES) });

/** The language switcher in the header: the contact's language in Odoo, then this session's pages. */
export const setLanguageAction = validatedAction<typeof languageInput, { locale: Locale; contactId: number; contactName: string }>(
  {
    schema: languageInput,
    audit: {
      action: 'contact.language',
      target: (_input, done) => (done ? { model: 'res.partner', id: done.contactId, name: done.contactName } : null),
    },
  },
  async (ctx, { locale }) => {
    // The customer's language is theirs to choose: an account manager acting for them cannot change it.
    if (ctx.actingAs) throw forbidden('languageOwnChoice');
    await setContactLanguage(ctx, locale);
    await refreshOwnIdentity(ctx);
    return { locale, contactId: ctx.contact.id, contactName: ctx.contact.name };
  },
);
