import 'server-only';
import type { PortalContext } from '../context';
import { portalError } from '../errors';
import { localeFromOdooLang, ODOO_LANG, type Locale } from '../i18n/locales';

/**
 * Writes the contact's language to Odoo (res.partner.lang), where Odoo's own emails and
 * documents read it too. Odoo stores any code it is given, even of a language it has not
 * active (then it speaks English anyway), so the portal asks res.lang first and says so.
 */
export async function setContactLanguage(ctx: PortalContext, locale: Locale): Promise<void> {
  // The contact's Odoo language already reads as this choice (de_CH for German, nb_NO for
  // English): kept, so Odoo's own emails stay in the language the contact has there.
  if (ctx.odoo.lang && localeFromOdooLang(ctx.odoo.lang) === locale) return;
  const lang = ODOO_LANG[locale];
  const active = await ctx.odoo.searchCount('res.lang', [['code', '=', lang]]);
  if (!active) throw portalError('bad_request', 'languageUnavailable');
  // The contact is the session's own: the one record the write may touch.
  await ctx.odoo.write('res.partner', [ctx.contact.id], { lang });
}
