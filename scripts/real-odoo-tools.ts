import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** What the scripts that drive a real Odoo share: its settings files, its version, running commands. */

export type Env = Record<string, string>;

export const ROOT = resolve(import.meta.dirname, '..');

/** The `export NAME=value` lines of a settings file (odoo:prepare's output, real-odoo's env); empty when it is missing. */
export function readEnvFile(path: string): Env {
  if (!existsSync(path)) return {};
  return Object.fromEntries(
    readFileSync(path, 'utf8')
      .split('\n')
      .map((line) => /^export ([A-Z_]+)=(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1]!, m[2]!]),
  );
}

/** Runs a command to its end. Never spawnSync: a proxy in this process (the recorder) must answer meanwhile. */
export function runCommand(command: string, argv: string[], env: Env = {}): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, argv, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    child.once('error', fail);
    child.once('exit', (code, signal) =>
      code === 0 ? done() : fail(new Error(`${command} ${argv.join(' ')} exited with ${code ?? signal}`)),
    );
  });
}

/** The major version of the Odoo at `url` (public, no login), or null when nothing answers. */
export async function serverMajor(url: string): Promise<number | null> {
  try {
    const res = await fetch(`${url}/web/webclient/version_info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"jsonrpc":"2.0","params":{}}',
      signal: AbortSignal.timeout(5_000),
    });
    return ((await res.json()) as { result?: { server_version_info?: number[] } }).result?.server_version_info?.[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * `npx` arguments of `odoo:prepare --dev-data` for a tool's own integration user (`login`),
 * whose password the tool may reset: a portal a person runs against the same Odoo (as
 * portal-bot) keeps signing in.
 */
export function prepareOwnUserArgs(out: string, login: string): string[] {
  return [
    'tsx',
    '--conditions=react-server',
    'scripts/odoo-prepare.ts',
    '--dev-data',
    '--quiet',
    '--out',
    out,
    '--login',
    login,
    '--reset-password',
  ];
}
