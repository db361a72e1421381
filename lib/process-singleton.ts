/**
 * One value per Node process, whatever the bundling. Next compiles a module into each
 * server bundle that imports it (pages, server actions, route handlers, the proxy), so a
 * module-level `let` exists once per bundle: with PGlite, pages and route handlers opened
 * two different databases and saw different support sessions. Values kept here live on
 * `globalThis` under a `Symbol.for` key, which every copy of this module resolves to the
 * same slot.
 */
const PREFIX = 'northwind-portal.';

type Slots = Record<symbol, unknown>;
const slots = () => globalThis as unknown as Slots;
const keyOf = (name: string) => Symbol.for(PREFIX + name);

/** The process's value under `name`, created by `create` on first use. */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = keyOf(name);
  const g = slots();
  if (!(key in g)) g[key] = create();
  return g[key] as T;
}

/** Forgets the value under `name` (a store that failed to open, or a test starting afresh); the next use creates it again. */
export function dropProcessSingleton(name: string): void {
  delete slots()[keyOf(name)];
}

/** The value under `name` if one was created, without creating it. */
export function existingProcessSingleton<T>(name: string): T | undefined {
  return slots()[keyOf(name)] as T | undefined;
}
