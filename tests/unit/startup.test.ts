import { describe, expect, it, vi } from 'vitest';
import { assertNoDemoSecrets, demoSecretsInProduction, parseConfig, compressionFromEnv } from '../../lib/config';
import { DEMO_AUTH_SECRET, DEMO_ODOO_API_KEY, DEV_IDP_CLIENT_SECRET } from '../../lib/demo-defaults';
import { checkStartup, invalidSettings } from '../../lib/startup';
import { odooConfigFromEnv } from '../../lib/odoo/config';

const real = { AUTH_SECRET: 'a-real-secret-9f8e7d6c5b4a', ODOO_API_KEY: 'real-key-1234', AUTH_OIDC_CLIENT_SECRET: 'idp-secret-5678' };
const demo = {
  AUTH_SECRET: DEMO_AUTH_SECRET,
  ODOO_API_KEY: DEMO_ODOO_API_KEY,
  ODOO_PASSWORD: DEMO_ODOO_API_KEY,
  AUTH_OIDC_CLIENT_SECRET: DEV_IDP_CLIENT_SECRET,
};

describe('a production start', () => {
  it('refuses each demo secret, naming the variable', () => {
    const problems = demoSecretsInProduction({ NODE_ENV: 'production', ...demo });
    expect(problems).toHaveLength(4);
    for (const name of ['AUTH_SECRET', 'ODOO_API_KEY', 'ODOO_PASSWORD', 'AUTH_OIDC_CLIENT_SECRET'])
      expect(problems.some((p) => p.startsWith(`${name} `))).toBe(true);
  });

  it('refuses the demo defaults that apply when a variable is unset', () => {
    const problems = demoSecretsInProduction({ NODE_ENV: 'production' });
    expect(problems.map((p) => p.split(' ')[0])).toEqual(['AUTH_SECRET', 'ODOO_API_KEY', 'AUTH_OIDC_CLIENT_SECRET']);
  });

  it('accepts real secrets, and the demo secrets under PORTAL_DEMO=1, in development and during next build', () => {
    expect(demoSecretsInProduction({ NODE_ENV: 'production', ...real })).toEqual([]);
    expect(demoSecretsInProduction({ NODE_ENV: 'production', PORTAL_DEMO: '1', ...demo })).toEqual([]);
    expect(demoSecretsInProduction({ NODE_ENV: 'development', ...demo })).toEqual([]);
    expect(demoSecretsInProduction({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build', ...demo })).toEqual([]);
    expect(demoSecretsInProduction({ NODE_ENV: 'production', PORTAL_DEMO: '0', ...demo })).toHaveLength(4);
  });

  it('is refused by the settings parser too', () => {
    expect(() => parseConfig({ NODE_ENV: 'production', ...real, AUTH_SECRET: DEMO_AUTH_SECRET })).toThrow(
      /AUTH_SECRET is the demo's public secret/,
    );
    expect(() => assertNoDemoSecrets({ NODE_ENV: 'production', ...real })).not.toThrow();
  });

  it('stops the process at start-up (instrumentation register) with the message', () => {
    const exit = vi.fn(() => {
      throw new Error('exited');
    }) as unknown as (code: number) => never;
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => checkStartup({ NODE_ENV: 'production', ...real, ODOO_API_KEY: DEMO_ODOO_API_KEY }, exit)).toThrow('exited');
    expect(exit).toHaveBeenCalledWith(1);
    expect(error.mock.calls[0]![0]).toMatch(/Refusing to start in production with demo settings[\s\S]*ODOO_API_KEY is the demo's key/);
    error.mockRestore();
  });
});

describe('run-time settings', () => {
  it('PORTAL_HTTPS and PORTAL_COMPRESSION are on unless set to false; TRUSTED_PROXY_HOPS defaults to the socket address', () => {
    expect(parseConfig({}).PORTAL_HTTPS).toBe(true);
    expect(parseConfig({ PORTAL_HTTPS: 'false' }).PORTAL_HTTPS).toBe(false);
    expect(() => parseConfig({ PORTAL_HTTPS: 'yes' })).toThrow();
    expect(compressionFromEnv({})).toBe(true);
    expect(compressionFromEnv({ PORTAL_COMPRESSION: 'false' })).toBe(false);
    expect(() => compressionFromEnv({ PORTAL_COMPRESSION: 'off' })).toThrow('PORTAL_COMPRESSION must be true or false');
    expect(parseConfig({}).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseConfig({ TRUSTED_PROXY_HOPS: '2' }).TRUSTED_PROXY_HOPS).toBe(2);
    expect(() => parseConfig({ TRUSTED_PROXY_HOPS: '-1' })).toThrow();
  });
});

describe('settings the portal cannot use', () => {
  it('refuse the start, naming the setting, where the first signed-in page would have failed', () => {
    const exit = vi.fn((code: number): never => {
      throw new Error(`exited ${code}`);
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => checkStartup({ ...real, ODOO_PROTOCOL: 'xmlrpc' }, exit)).toThrow('exited');
    expect(exit).toHaveBeenCalledWith(1);
    expect(error.mock.calls[0]![0]).toMatch(/Refusing to start with settings it cannot use:[\s\S]*ODOO_PROTOCOL: /);
    expect(invalidSettings({ ...real, ODOO_URL: 'not a url', ODOO_TIMEOUT_MS: '-5' }).map((p) => p.split(':')[0])).toEqual([
      'ODOO_URL',
      'ODOO_TIMEOUT_MS',
    ]);
    error.mockRestore();
  });

  it('take an empty ODOO_PASSWORD (`ODOO_PASSWORD=` in an env file) as unset', () => {
    expect(invalidSettings({ ...real, ODOO_PASSWORD: '' })).toEqual([]);
    expect(odooConfigFromEnv({ ...real, ODOO_PASSWORD: '' }).password).toBeUndefined();
    expect(invalidSettings({ ...real, ODOO_PASSWORD: '', ODOO_PROTOCOL: 'session' })).toEqual([
      'ODOO_PASSWORD: ODOO_PROTOCOL=session signs in with ODOO_PASSWORD: set it, or use another protocol',
    ]);
  });

  it('accept the settings the demo and a deployment use', () => {
    expect(invalidSettings(real)).toEqual([]);
    expect(invalidSettings({ NODE_ENV: 'production', PORTAL_DEMO: '1', ...demo })).toEqual([]);
  });
});
