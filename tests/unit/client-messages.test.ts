import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import de from '../../messages/de';
import en from '../../messages/en';
import { clientMessages, pickNamespaces, SHARED_CLIENT_NAMESPACES } from '../../lib/i18n/client-messages';

const ROOT = resolve(import.meta.dirname, '../..');

/** The module's 'use client' or 'use server' directive, after any leading comments. */
function directive(source: string): string | undefined {
  return source.match(/^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(['"])(use (?:client|server))\1/)?.[2];
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The module an import of the portal's own code points at (`@/…` or relative), or null for a package. */
function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? join(ROOT, spec.slice(2)) : spec.startsWith('.') ? resolve(dirname(from), spec) : null;
  if (!base) return null;
  const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find(
    (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
  );
  return found ?? null;
}

const SOURCES = ['app', 'components', 'lib'].flatMap((dir) => sources(join(ROOT, dir)));

/**
 * Every namespace given to useTranslations() in what a 'use client' module brings to the
 * browser: the module and everything it imports (type-only imports do not run), each
 * namespace with the first module found using it.
 */
function namespacesReachedFrom(entry: string): Map<string, string> {
  const queue = [entry];
  const seen = new Set<string>();
  const used = new Map<string, string>();
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    // A server action module's code stays on the server, whoever imports it.
    if (directive(source) === 'use server') continue;
    const where = relative(ROOT, file);
    // The walk understands one way to translate: useTranslations('literal namespace').
    expect(source, `${where}: a renamed useTranslations`).not.toMatch(/useTranslations\s+as\s/);
    expect(source, `${where}: the catalogue read another way in the browser`).not.toMatch(/\b(useMessages|createTranslator)\b/);
    expect(source, `${where}: a dynamic import the walk does not follow`).not.toMatch(/\bimport\(|next\/dynamic/);
    const calls = [...source.matchAll(/\buseTranslations(?:<[^>]*>)?\(([^)]*)\)/g)].filter(
      (m) => !/typeof\s+useTranslations/.test(source.slice(m.index - 10, m.index + 16)),
    );
    for (const call of calls)
      expect(call[1]!.trim(), `${where}: useTranslations(${call[1]}) without a literal namespace`).toMatch(/^(['"`])[\w.]+\1$/);
    for (const m of source.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^;]*?from\s+)?['"]([^'"]+)['"]/gm)) {
      const target = resolveImport(file, m[1]!);
      if (target) queue.push(target);
    }
    for (const m of source.matchAll(/useTranslations(?:<[^>]*>)?\(\s*(['"`])([^'"`]*)\1\s*\)/g))
      if (!used.has(m[2]!)) used.set(m[2]!, where);
  }
  return used;
}

/** The client modules, each with the namespaces it reaches. */
const entries = new Map(
  SOURCES.filter((file) => directive(readFileSync(file, 'utf8')) === 'use client').map((file) => [file, namespacesReachedFrom(file)]),
);

/** The namespaces each layout under app/ sends with <ClientMessages namespaces={[…]}>, by the layout's directory. */
const routeNamespaces = new Map(
  SOURCES.flatMap((file) => {
    const source = readFileSync(file, 'utf8');
    const uses = [...source.matchAll(/<ClientMessages\s+namespaces=\{\[([^\]]*)\]\}/g)];
    if (uses.length === 0) return [];
    return [[dirname(file), uses.flatMap((m) => [...m[1]!.matchAll(/'([^']+)'/g)].map((n) => n[1]!))] as const];
  }),
);

/** What a client module can translate with: the shared namespaces and those of the layouts above it. */
function sentTo(file: string): string[] {
  const sent: string[] = [...SHARED_CLIENT_NAMESPACES];
  for (let dir = dirname(file); dir.startsWith(join(ROOT, 'app')); dir = dirname(dir)) sent.push(...(routeNamespaces.get(dir) ?? []));
  return sent;
}

const covers = (entry: string, namespace: string) => namespace === entry || namespace.startsWith(`${entry}.`);

describe('the catalogue sent to the browser', () => {
  const all = new Map([...entries.values()].flatMap((used) => [...used]));

  it('finds the client components that translate, and the layouts that send their words', () => {
    // The orders table and the quick order form are client components that translate: if
    // the walk found neither, it would be broken, and the checks below would prove nothing.
    expect(all.get('orders.list')).toBe('app/(portal)/orders/(list)/orders-table.tsx');
    expect(all.get('quickOrder.review')).toBe('app/(portal)/orders/new/order-review-form.tsx');
    expect(routeNamespaces.get(join(ROOT, 'app/(portal)/orders/(list)'))).toEqual(['orders.list', 'status']);
    // The words reach a client module only from a layout, where the test looks for them.
    for (const file of SOURCES.filter((f) => /<ClientMessages\s+namespaces=/.test(readFileSync(f, 'utf8'))))
      expect(relative(ROOT, file)).toMatch(/^app\/.*\/layout\.tsx$/);
  });

  it('sends every client component the namespaces it translates in', () => {
    const missing = [...entries].flatMap(([file, used]) =>
      [...used.keys()]
        .filter((namespace) => !sentTo(file).some((entry) => covers(entry, namespace)))
        .map((namespace) => `${relative(ROOT, file)}: ${namespace}`),
    );
    expect(missing, 'add these to the layout of the route (or, if every page needs them, SHARED_CLIENT_NAMESPACES)').toEqual([]);
  });

  it('sends nothing that no client component there uses', () => {
    const usedUnder = (dir: string) => [...entries].filter(([file]) => file.startsWith(`${dir}/`)).flatMap(([, used]) => [...used.keys()]);
    const unused = [
      ...SHARED_CLIENT_NAMESPACES.filter((entry) => ![...all.keys()].some((namespace) => covers(entry, namespace))).map(
        (e) => `shared: ${e}`,
      ),
      ...[...routeNamespaces].flatMap(([dir, namespaces]) =>
        namespaces
          .filter((entry) => !usedUnder(dir).some((namespace) => covers(entry, namespace)))
          .map((e) => `${relative(ROOT, dir)}: ${e}`),
      ),
    ];
    expect(unused, 'remove these').toEqual([]);
    // A shared namespace sent again by a route would travel twice.
    for (const namespaces of routeNamespaces.values())
      expect(namespaces.filter((n) => SHARED_CLIENT_NAMESPACES.some((shared) => covers(shared, n) || covers(n, shared)))).toEqual([]);
  });

  it('cuts each catalogue to the shared namespaces and those asked for, whole and nested as they are', () => {
    for (const messages of [en, de]) {
      const shared = clientMessages(messages);
      const orders = clientMessages(messages, ['orders.list', 'status']);
      for (const entry of [...SHARED_CLIENT_NAMESPACES, 'orders.list', 'status']) {
        const at = (tree: unknown) => entry.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], tree);
        expect(at(orders), entry).toEqual(at(messages));
        expect(at(orders), entry).toBeDefined();
      }
      expect(Object.keys(shared).sort()).toEqual(['common', 'errors', 'shell']);
      expect(Object.keys(orders).sort()).toEqual(['common', 'errors', 'orders', 'shell', 'status']);
      expect(Object.keys((orders as { orders: object }).orders)).toEqual(['list']);
      // The same cut each time, and the shared parts the same objects in every cut.
      expect(clientMessages(messages, ['orders.list', 'status'])).toBe(orders);
      expect((orders as { common: object }).common).toBe((shared as { common: object }).common);
      expect(JSON.stringify(shared).length).toBeLessThan(JSON.stringify(messages).length * 0.15);
    }
  });

  it('picks a namespace that is missing as nothing', () => {
    expect(pickNamespaces({ a: { b: 'x' } }, ['a.c', 'z'])).toEqual({ a: {} });
    expect(pickNamespaces({ a: { b: 'x', c: 'y' }, d: 'w' }, ['a.b', 'd'])).toEqual({ a: { b: 'x' }, d: 'w' });
  });
});
