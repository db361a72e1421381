import 'server-only';
import type { PortalContext } from '../context';
import { PortalError } from '../errors';
import { ODOO_LANG, type Locale } from '../i18n/locales';

/**
 * Writes the contact's language to Odoo (res.partner.lang), where Odoo's own emails and
 * documents read it too. Odoo accepts only an active language, so that is asked first:
 * a seller whose Odoo has no German gets a clear answer, not Odoo's "Wrong value".
 */
export async function setContactLanguage(ctx: PortalContext, locale: Locale): Promise<void> {
  const lang = ODOO_LANG[locale];
  const active = await ctx.odoo.searchCount('res.lang', [['code', '=', lang]]);
  if (!active)
    throw new PortalError('bad_request', 'This language is not available for your company yet. Your account manager can add it.');
  // The contact is the session's own: the one record the write may touch.
  await ctx.odoo.write('res.partner', [ctx.contact.id], { lang });
}
