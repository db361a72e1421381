import { chromium } from '@playwright/test';
import { startLoadStack } from './load-stack';
const BOB = 'bob@brightline.example';
const { stack, cookies } = await startLoadStack({ port: 3204, simPort: 8274, idpPort: 4604, logins: [BOB], latencyMs: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext();
const [name, ...value] = cookies[BOB]!.split('=');
await context.addCookies([{ name: name!, value: value.join('='), url: stack.url }]);
for (const path of process.argv.slice(2)) {
  for (let i = 0; i < 3; i++) {
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console', m.type(), m.text().slice(0, 300)); });
    await page.goto(`${stack.url}${path}`, { waitUntil: 'load' });
    const r = await page.evaluate(() => new Promise<unknown>((done) => {
      new PerformanceObserver((list) => done(list.getEntries().map((e) => { const l = e as any; return { t: Math.round(l.startTime), render: Math.round(l.renderTime), size: l.size, el: l.element ? `${l.element.tagName}.${String(l.element.className).slice(0, 60)} "${(l.element.textContent ?? '').slice(0, 60)}"` : null }; })))
        .observe({ type: 'largest-contentful-paint', buffered: true });
      setTimeout(() => done(null), 3000);
    }));
    const nav = await page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming; return { ttfb: Math.round(n.responseStart), dcl: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd), fcp: Math.round(performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1) }; });
    console.log(path, JSON.stringify(nav), JSON.stringify(r));
    await page.close();
  }
}
await browser.close();
await stack.stop();
process.exit(0);
