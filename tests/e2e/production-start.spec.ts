import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { DEMO_AUTH_SECRET, DEMO_ODOO_API_KEY, DEV_IDP_CLIENT_SECRET } from '../../lib/demo-defaults';
import { E2E } from '../test-ports';

/**
 * `next start` of the same build the other tests use, with other settings, on a free port
 * (0) so it clashes with nothing. Resolves with its URL once it answers (Next runs
 * instrumentation's register() before it serves the first request), or with its exit code
 * and output if it stops first.
 */
async function startPortal(
  env: Record<string, string | undefined>,
): Promise<{ proc: ChildProcess; url?: string; exitCode?: number | null; output: string }> {
  const { PORTAL_DEMO: _demo, PORTAL_HTTPS: _https, PORTAL_COMPRESSION: _compression, ...inherited } = process.env;
  const proc = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', '0'], {
    env: {
      ...inherited,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      AUDIT_PGLITE_DIR: 'memory://',
      ODOO_URL: E2E.simURL,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let listening: (url: string) => void;
  const announced = new Promise<string>((resolve) => (listening = resolve));
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    const local = /Local:\s+(http:\/\/\S+)/.exec(output);
    if (local) listening(local[1]!);
  };
  proc.stdout.on('data', onData);
  proc.stderr.on('data', onData);
  // 'close' comes after the output is read to its end.
  const closed = new Promise<{ exited: true; code: number | null }>((resolve) =>
    proc.on('close', (code) => resolve({ exited: true, code })),
  );
  const url = await Promise.race([announced, closed]);
  if (typeof url !== 'string') return { proc, exitCode: url.code, output };
  for (;;) {
    const answer = await Promise.race([
      fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      ),
      closed,
    ]);
    if (answer === true) return { proc, url, output };
    if (answer !== false) return { proc, exitCode: answer.code, output };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const demoSecrets = {
  AUTH_SECRET: DEMO_AUTH_SECRET,
  ODOO_API_KEY: DEMO_ODOO_API_KEY,
  ODOO_PASSWORD: DEMO_ODOO_API_KEY,
  AUTH_OIDC_CLIENT_SECRET: DEV_IDP_CLIENT_SECRET,
};

test('a production start on the demo secrets without PORTAL_DEMO=1 refuses to run, naming each variable', async () => {
  const started = await startPortal(demoSecrets);
  if (started.url) started.proc.kill('SIGTERM');
  expect(started.url).toBeUndefined();
  expect(started.exitCode).toBe(1);
  expect(started.output).toContain('Refusing to start in production with demo settings');
  for (const name of ['AUTH_SECRET', 'ODOO_API_KEY', 'ODOO_PASSWORD', 'AUTH_OIDC_CLIENT_SECRET'])
    expect(started.output).toMatch(new RegExp(`- ${name} `));
});

test('the old icon address leads to the portal’s icon, signed in or not', async ({ request }) => {
  const res = await request.get('/favicon.ico', { maxRedirects: 0 });
  expect(res.status()).toBe(308);
  expect(res.headers()['location']).toBe('/icon.svg');
  const icon = await request.get('/favicon.ico');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toMatch(/^image\/svg\+xml/);
});

test('Strict-Transport-Security and compression follow PORTAL_HTTPS and PORTAL_COMPRESSION when the server runs, on one build', async ({
  request,
}) => {
  // The test stack runs this build with PORTAL_HTTPS=false: plain HTTP, no HSTS anywhere; its pages are compressed.
  for (const path of ['/signin', '/api/health', '/icon.svg']) {
    expect((await request.get(path)).headers()['strict-transport-security'], path).toBeUndefined();
  }
  const gzip = { 'accept-encoding': 'gzip' };
  expect((await request.get('/signin', { headers: gzip })).headers()['content-encoding']).toBe('gzip');
  // The same build with PORTAL_HTTPS unset (an HTTPS deployment) sends it; with
  // PORTAL_COMPRESSION=false (a proxy in front compresses) the page goes out as it is.
  const started = await startPortal({ ...demoSecrets, PORTAL_DEMO: '1', PORTAL_COMPRESSION: 'false' });
  try {
    expect(started.url, started.output).toBeDefined();
    for (const path of ['/signin', '/api/health']) {
      const res = await request.get(`${started.url}${path}`, { headers: gzip });
      expect(res.status(), path).toBe(200);
      expect(res.headers()['strict-transport-security'], path).toBe('max-age=63072000; includeSubDomains');
      expect(res.headers()['content-encoding'], path).toBeUndefined();
    }
  } finally {
    started.proc.kill('SIGTERM');
  }
});
