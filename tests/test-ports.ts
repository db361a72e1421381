/**
 * The ports of the servers the browser tests start: the portal, the Odoo simulator and the
 * development identity provider. Defaults keep clear of a running demo (3000, 8069, 4400);
 * set E2E_PORT, E2E_SIM_PORT and E2E_IDP_PORT to run beside another suite.
 */
function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return value;
}

export const TEST_PORTS = {
  portal: port('E2E_PORT', 3100),
  sim: port('E2E_SIM_PORT', 8169),
  idp: port('E2E_IDP_PORT', 4500),
};

export const E2E = {
  baseURL: `http://localhost:${TEST_PORTS.portal}`,
  simURL: `http://127.0.0.1:${TEST_PORTS.sim}`,
  idpURL: `http://127.0.0.1:${TEST_PORTS.idp}`,
};
