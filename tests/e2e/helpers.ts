import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { E2E, TEST_PORTS } from '../test-ports';

export const PASSWORD = 'demo1234';

/** Signs in through the dev identity provider's form, as a person would. */
export async function signIn(page: Page, login: string, path = '/') {
  await page.goto(path);
  await page.getByRole('button', { name: /^Sign in with/ }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.port === String(TEST_PORTS.portal) && !url.pathname.startsWith('/signin'));
}

/** No serious or critical axe-core violation on the page as it is now. */
export async function expectAccessible(page: Page) {
  // A client-side navigation swaps the <title> with the new page's payload: check the page, not the swap.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Works on a 375 px wide phone: nothing wider than the screen. */
export async function expectFitsPhone(page: Page) {
  await page.setViewportSize({ width: 375, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** A call to the simulator's JSON-2 API as the integration user: what an Odoo user changing data in the ERP does. */
export async function odooCall<T = unknown>(model: string, method: string, body: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${E2E.simURL}/json/2/${model}/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'bearer demo-odoo-key', 'X-Odoo-Database': 'portal_demo' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${model}.${method}: HTTP ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}
