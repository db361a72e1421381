import { portalConfig } from './config';

/** The seller's brand, from configuration (PORTAL_BRAND_*): what the shell, sign-in page and statement PDF show. */
export interface Brand {
  name: string;
  logoUrl: string | null;
  color: string;
}

export function brand(): Brand {
  const c = portalConfig();
  return { name: c.PORTAL_BRAND_NAME, logoUrl: c.PORTAL_BRAND_LOGO_URL ?? null, color: c.PORTAL_BRAND_COLOR };
}

/** The logo's origin when it is served from elsewhere: the Content-Security-Policy allows images from it. */
export function brandImageOrigin(): string | null {
  const url = portalConfig().PORTAL_BRAND_LOGO_URL;
  return url?.startsWith('https://') ? new URL(url).origin : null;
}
