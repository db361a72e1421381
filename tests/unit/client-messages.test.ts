import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import de from '../../messages/de';
import en from '../../messages/en';
import { CLIENT_NAMESPACES, clientMessages, pickNamespaces } from '../../lib/i18n/client-messages';

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

/**
 * Every namespace given to useTranslations() in a module that runs in the browser: the
 * 'use client' modules and everything they import (type-only imports do not run).
 */
function clientNamespaces(): Map<string, string> {
  const all = ['app', 'components', 'lib'].flatMap((dir) => sources(join(ROOT, dir)));
  const queue = all.filter((file) => directive(readFileSync(file, 'utf8')) === 'use client');
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
    for (const m of source.matchAll(/useTranslations(?:<[^>]*>)?\(\s*(['"`])([^'"`]*)\1\s*\)/g)) used.set(m[2]!, where);
  }
  return used;
}

const covers = (entry: string, namespace: string) => namespace === entry || namespace.startsWith(`${entry}.`);

describe('the catalogue sent to the browser', () => {
  const used = clientNamespaces();

  it('finds the client components that translate', () => {
    // The orders table and the quick order form are client components that translate: if
    // the walk found neither, it would be broken, and the checks below would prove nothing.
    expect(used.get('orders.list')).toBe('app/(portal)/orders/(list)/orders-table.tsx');
    expect(used.get('quickOrder.review')).toBe('app/(portal)/orders/new/order-review-form.tsx');
  });

  it('holds every namespace a client component translates in', () => {
    const missing = [...used].filter(([namespace]) => !CLIENT_NAMESPACES.some((entry) => covers(entry, namespace)));
    expect(missing, 'add these to CLIENT_NAMESPACES (lib/i18n/client-messages.ts)').toEqual([]);
  });

  it('holds nothing no client component uses', () => {
    const unused = CLIENT_NAMESPACES.filter((entry) => ![...used.keys()].some((namespace) => covers(entry, namespace)));
    expect(unused, 'remove these from CLIENT_NAMESPACES').toEqual([]);
  });

  it('cuts each catalogue to those namespaces, whole and nested as they are', () => {
    for (const messages of [en, de]) {
      const client = clientMessages(messages);
      for (const entry of CLIENT_NAMESPACES) {
        const at = (tree: unknown) => entry.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], tree);
        expect(at(client), entry).toEqual(at(messages));
        expect(at(client), entry).toBeDefined();
      }
      expect(Object.keys(client)).not.toContain('auth');
      expect(Object.keys((client as { invoices: object }).invoices)).toEqual(['list', 'table', 'bulk']);
      expect(JSON.stringify(client).length).toBeLessThan(JSON.stringify(messages).length * 0.75);
    }
  });

  it('picks a namespace that is missing as nothing', () => {
    expect(pickNamespaces({ a: { b: 'x' } }, ['a.c', 'z'])).toEqual({ a: {} });
    expect(pickNamespaces({ a: { b: 'x', c: 'y' }, d: 'w' }, ['a.b', 'd'])).toEqual({ a: { b: 'x' }, d: 'w' });
  });
});
