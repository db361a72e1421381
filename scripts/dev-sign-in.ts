import type { Page } from '@playwright/test';
import { DEV_PASSWORD } from '../dev-idp/users';

/** Signs in to the portal at `portalUrl` through the development identity provider's form, as a person would. */
export async function signInThroughDevIdp(page: Page, portalUrl: string, login: string): Promise<void> {
  await page.goto(`${portalUrl}/signin`);
  await page.getByRole('button', { name: /^Sign in with/ }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(DEV_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.origin === new URL(portalUrl).origin && !u.pathname.startsWith('/signin'));
}
