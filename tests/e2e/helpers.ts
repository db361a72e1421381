import AxeBuilder from '@axe-core/playwright';
import { Agent, request } from 'undici';
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

/**
 * A request to the portal from another loopback address (127.0.0.x), as a different
 * machine would make it: the portal sees that address as the TCP peer. Redirects are not
 * followed.
 */
export async function requestFrom(localAddress: string, path: string, headers: Record<string, string> = {}) {
  const res = await request(`http://127.0.0.1:${TEST_PORTS.portal}${path}`, { headers, dispatcher: loopbackAgent(localAddress) });
  return { status: res.statusCode, headers: res.headers as Record<string, string | undefined>, body: await res.body.text() };
}

const loopbackAgents = new Map<string, Agent>();
function loopbackAgent(localAddress: string): Agent {
  let agent = loopbackAgents.get(localAddress);
  if (!agent) loopbackAgents.set(localAddress, (agent = new Agent({ localAddress })));
  return agent;
}

/**
 * A whole sign-in over plain HTTP from `localAddress`, as a browser makes it without
 * running any script: the sign-in page, the POST that sends it to the identity provider,
 * the provider's login form and back to the portal's callback. Much lighter than a browser,
 * so a test can sign a whole office in. Returns the portal's answers on its sign-in paths,
 * where the callback sent the person, and the session's cookies.
 */
export async function signInOverHttp(login: string, localAddress: string) {
  const portal = `http://127.0.0.1:${TEST_PORTS.portal}`;
  const jar = new Map<string, Map<string, string>>();
  const go = async (method: 'GET' | 'POST', to: string, form?: Record<string, string>) => {
    // The portal names itself http://localhost:<port> in its redirects; this client reaches it on 127.0.0.1.
    const url = to.replace(E2E.baseURL, portal);
    const { host, origin } = new URL(url);
    const cookies = jar.get(host) ?? new Map<string, string>();
    jar.set(host, cookies);
    const res = await request(url, {
      method,
      headers: {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
      dispatcher: origin === portal ? loopbackAgent(localAddress) : undefined,
    });
    const setCookie = res.headers['set-cookie'];
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, at).trim(), pair!.slice(at + 1)];
      if (value === '' || /max-age=0\b/i.test(c)) cookies.delete(name);
      else cookies.set(name, value);
    }
    const location = res.headers.location as string | undefined;
    return { status: res.statusCode, location: location ? new URL(location, url).href : undefined, text: await res.body.text() };
  };
  const signInPaths: number[] = [];
  const page = await go('GET', `${portal}/signin`);
  signInPaths.push(page.status);
  if (page.status !== 200) return { signInPaths, landedOn: undefined, cookies: jar.get(new URL(portal).host)! };
  const { csrfToken } = JSON.parse((await go('GET', `${portal}/api/auth/csrf`)).text) as { csrfToken: string };
  let step = await go('POST', `${portal}/api/auth/signin/oidc`, { csrfToken, callbackUrl: `${portal}/` });
  signInPaths.push(step.status);
  const atCallback = (url: string) => url.replace(E2E.baseURL, portal).startsWith(`${portal}/api/auth/callback/`);
  for (let hops = 0; step.location && !atCallback(step.location) && hops < 20; hops++) {
    const url = step.location;
    step = await go('GET', url);
    // The provider's login form.
    const uid = /action="\/interaction\/([\w-]+)\/login"/.exec(step.text)?.[1];
    if (step.status === 200 && uid) step = await go('POST', new URL(`/interaction/${uid}/login`, url).href, { login, password: PASSWORD });
  }
  let landedOn: string | undefined;
  if (step.location) {
    const callback = await go('GET', step.location);
    signInPaths.push(callback.status);
    landedOn = callback.location?.replace(E2E.baseURL, portal);
  }
  return { signInPaths, landedOn, cookies: jar.get(new URL(portal).host)! };
}
