import { chromium } from '@playwright/test';
import { signInThroughDevIdp } from '../scripts/dev-sign-in';

/**
 * Signs in through the dev identity provider in Debian's Chromium, as a person would, and
 * returns the portal's session cookie so load can be sent as that signed-in user.
 */
export async function sessionCookies(portalUrl: string, logins: string[]): Promise<Record<string, string>> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const out: Record<string, string> = {};
  try {
    for (const login of logins) {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.setDefaultTimeout(120_000); // a benchmark's machine is busy by design: a sign-in may take a while
      await signInThroughDevIdp(page, portalUrl, login);
      const cookie = (await context.cookies()).find((c) => c.name.endsWith('authjs.session-token'));
      if (!cookie) throw new Error(`no session cookie for ${login}`);
      out[login] = `${cookie.name}=${cookie.value}`;
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}
