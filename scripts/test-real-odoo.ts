/**
 * `npm run test:real-odoo`: the contract suite (tests/contract/portal-calls.test.ts) and the
 * browser journeys (tests/real-odoo, playwright.real-odoo.config.ts) against REAL Odoo, as the
 * least-rights integration user `npm run odoo:prepare -- --dev-data` makes there.
 *
 *   - ODOO_URL set: that Odoo. ODOO_DB, ODOO_LOGIN and ODOO_API_KEY (or ODOO_PASSWORD) are an
 *     administrator's, for odoo:prepare; use a test database (orders, contacts and addresses
 *     are created).
 *   - otherwise, with ../shared/real-odoo: Odoo 19 (contract suite over JSON-2 and JSON-RPC),
 *     then 17 and 18 (JSON-RPC), each started with its start.sh and stopped after the run
 *     unless it was already running.
 *   - otherwise: one line saying why nothing ran, and exit 0.
 *
 * On Odoo 19 the journeys run twice, over JSON-2 and over JSON-RPC. On 17+ the webhook test
 * (tests/real-odoo/webhook-cache.test.ts) checks that Odoo's automation rules invalidate the
 * portal's read cache (on ../shared/real-odoo's 19 only: its 17 and 18 lack base_automation's data).
 * Options: --versions 19,17,18 (or REAL_ODOO_VERSIONS), --only contract|journeys|webhooks, --no-build
 * (use the existing `next build`), --record (write every request and answer into
 * tests/contract/recordings/<major>/, see scripts/odoo-recorder.ts). The browser suite uses
 * E2E_PORT, E2E_SIM_PORT and E2E_IDP_PORT like the other browser tests.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startRecorder, type Recorder } from './odoo-recorder';
import { prepareOwnUserArgs, readEnvFile, ROOT, runCommand, serverMajor, type Env } from './real-odoo-tools';

const SHARED = resolve(ROOT, '../shared/real-odoo');
const { values: args } = parseArgs({
  options: {
    versions: { type: 'string', default: process.env.REAL_ODOO_VERSIONS ?? '19,17,18' },
    only: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    record: { type: 'boolean', default: false },
  },
});

/** An Odoo to run against: its admin's settings (read once it runs), where odoo:prepare writes the integration user's. */
interface Target {
  label: string;
  admin: () => Env;
  out: string;
  /** ../shared/real-odoo: its version, and start.sh (answering whether it was up before). */
  version?: string;
  start?: () => Promise<boolean>;
}
const results: { target: string; step: string; seconds: number; ok: boolean }[] = [];

function step<T>(target: string, name: string, run: () => T | Promise<T>): Promise<T | undefined> {
  const started = Date.now();
  console.log(`\n[test:real-odoo] ${target}: ${name}`);
  return Promise.resolve()
    .then(run)
    .then(
      (value) => {
        results.push({ target, step: name, seconds: (Date.now() - started) / 1000, ok: true });
        return value;
      },
      (err: unknown) => {
        results.push({ target, step: name, seconds: (Date.now() - started) / 1000, ok: false });
        console.error(`[test:real-odoo] ${target}: ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      },
    );
}

function targets(): Target[] | null {
  if (process.env.ODOO_URL) {
    const admin = Object.fromEntries(
      ['ODOO_URL', 'ODOO_DB', 'ODOO_LOGIN', 'ODOO_API_KEY', 'ODOO_PASSWORD'].filter((k) => process.env[k]).map((k) => [k, process.env[k]!]),
    );
    return [{ label: `Odoo at ${process.env.ODOO_URL}`, admin: () => admin, out: join(ROOT, '.data/real-odoo/portal.env') }];
  }
  if (!existsSync(join(SHARED, 'start.sh'))) return null;
  return args.versions
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
    .map((version) => {
      const dataDir = `/var/tmp/odoo${version}`;
      const port = ({ 17: 9017, 18: 9018, 19: 9069 } as Record<string, number>)[version] ?? 0;
      const target: Target = {
        label: `Odoo ${version}`,
        admin: () => readEnvFile(join(dataDir, 'env')),
        out: join(dataDir, 'portal.env'),
        start: async () => {
          const wasUp = (await serverMajor(`http://127.0.0.1:${port}`)) === Number(version);
          await runCommand(join(SHARED, 'start.sh'), [], { ODOO_VERSION: version });
          return wasUp;
        },
        version,
      };
      return target;
    });
}

const list = targets();
if (!list) {
  console.log(
    '[test:real-odoo] skipped: no real Odoo here (set ODOO_URL and an admin\'s ODOO_DB, ODOO_LOGIN, ODOO_API_KEY, or put ../shared/real-odoo beside the repository); see docs/deployment.md "Connecting a real Odoo".',
  );
  process.exit(0);
}

const wantContract = !args.only || args.only === 'contract';
const wantJourneys = !args.only || args.only === 'journeys';
const wantWebhooks = !args.only || args.only === 'webhooks';
if (wantJourneys && !args['no-build']) await step('portal', 'next build', () => runCommand('npx', ['next', 'build']));

for (const target of list) {
  const t = target;
  let wasUp = true;
  if (t.start) {
    const up = await step(t.label, 'start', t.start);
    if (up === undefined) continue;
    wasUp = up;
  }
  try {
    const admin = t.admin();
    const prepared = await step(t.label, 'odoo:prepare', () => runCommand('npx', prepareOwnUserArgs(t.out, 'portal-test-bot'), admin));
    if (prepared === undefined && !existsSync(t.out)) continue;
    let integration = readEnvFile(t.out);
    const major = await serverMajor(integration.ODOO_URL!);
    let recorder: Recorder | undefined;
    if (args.record) {
      recorder = await startRecorder({
        target: integration.ODOO_URL!,
        dir: join(ROOT, 'tests/contract/recordings', String(major)),
        secrets: { '<api-key>': integration.ODOO_API_KEY!, '<password>': integration.ODOO_PASSWORD! },
      });
      integration = { ...integration, ODOO_URL: recorder.url };
    }
    const common: Env = {
      ...integration,
      REAL_ODOO_URL: readEnvFile(t.out).ODOO_URL!,
      ODOO_TIMEOUT_MS: '60000',
      REAL_ODOO_CUSTOMER: 'Gemini Furniture',
      REAL_ODOO_OTHER_CUSTOMER: 'Azure Interior',
    };
    const protocols = major !== null && major >= 19 ? 'json2,jsonrpc' : 'jsonrpc';
    // ODOO_PROTOCOL=session (opt-in) is held to the same contract wherever the integration user has a password.
    const contractProtocols = integration.ODOO_PASSWORD ? `${protocols},session` : protocols;
    if (wantContract) {
      await step(t.label, `contract suite (${contractProtocols})`, () =>
        runCommand('npx', ['vitest', 'run', 'tests/contract/portal-calls.test.ts', '--testTimeout=180000', '--hookTimeout=180000'], {
          ...common,
          CONTRACT_PROTOCOLS: contractProtocols,
          CONTRACT_EXPECT_PROTOCOL: protocols.split(',')[0]!,
          CONTRACT_CUSTOMER_NAME: common.REAL_ODOO_CUSTOMER!,
        }),
      );
    }
    if (wantJourneys) {
      // The portal picks JSON-2 on 19+ by itself; JSON-RPC is what 16-18 speak, and a 19 may be reached over it too.
      for (const protocol of protocols.split(',')) {
        await step(t.label, `journeys (${protocol})`, () =>
          runCommand('npx', ['playwright', 'test', '-c', 'playwright.real-odoo.config.ts'], { ...common, ODOO_PROTOCOL: protocol }),
        );
      }
    }
    // Odoo's "Send Webhook Notification" automation action (base_automation, 17+): the test installs
    // its own rules as the administrator and removes them again. The 17 and 18 sources in
    // ../shared/real-odoo carry only base_automation's Python files, so there it runs on 19.
    if (wantWebhooks && !args.record && major !== null && major >= (t.version ? 19 : 17)) {
      await step(t.label, 'webhook invalidates the cache', () =>
        runCommand('npx', ['vitest', 'run', '-c', 'vitest.real-odoo.config.ts'], admin),
      );
    }
    if (recorder) {
      console.log(`[test:real-odoo] ${t.label}: ${recorder.written()} recordings in tests/contract/recordings/${major}/`);
      await recorder.close();
    }
  } finally {
    if (t.version && !wasUp) await step(t.label, 'stop', () => runCommand(join(SHARED, 'stop.sh'), [], { ODOO_VERSION: t.version! }));
  }
}

console.log('\n[test:real-odoo] summary');
for (const r of results)
  console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.target.padEnd(24)} ${r.step.padEnd(32)} ${r.seconds.toFixed(0).padStart(5)} s`);
const total = results.reduce((s, r) => s + r.seconds, 0);
console.log(`  total ${Math.floor(total / 60)} min ${Math.round(total % 60)} s`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
