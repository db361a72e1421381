import type { Stack } from '../scripts/stack';

/** A JSON-2 call to the stack's simulator as the integration user: what a benchmark reads or changes in "Odoo". */
export function simRpc(stack: Pick<Stack, 'simUrl' | 'sim'>) {
  return async <T>(model: string, method: string, body: unknown): Promise<T> => {
    const res = await fetch(`${stack.simUrl}/json/2/${model}/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'bearer demo-odoo-key', 'X-Odoo-Database': stack.sim.database },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${model}.${method}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}
