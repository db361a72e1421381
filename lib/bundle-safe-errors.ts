/**
 * `instanceof` for the portal's error classes that holds across Next's server bundles.
 *
 * Next compiles a module into each server bundle that imports it (pages, server actions,
 * route handlers, the proxy), so each bundle has its own copy of an error class. An object
 * created once per process (the Odoo gateway, lib/process-singleton.ts) throws the errors of
 * the bundle that created it, and a plain `instanceof` in another bundle says no: a server
 * action then took a lost answer from Odoo for a bug, and a retry placed the order twice.
 *
 * Each error carries the kinds of its class chain under a `Symbol.for` key, which every copy
 * of this module shares, and each branded class answers `instanceof` by its kind. Kinds are
 * written out, not taken from class names, which the production build shortens.
 */
const KINDS = Symbol.for('northwind-portal.error-kinds');

type Branded = { [KINDS]?: readonly string[] };

type KindedClass = abstract new (...args: never[]) => unknown;

function ownKind(cls: unknown): string | undefined {
  return typeof cls === 'function' && Object.hasOwn(cls, 'kind') ? String((cls as unknown as { kind: unknown }).kind) : undefined;
}

/** The kinds of `target`'s class chain (most derived first), to keep on an instance. */
function kindsOf(target: KindedClass): readonly string[] {
  const kinds: string[] = [];
  for (let cls: unknown = target; typeof cls === 'function' && cls !== Error; cls = Object.getPrototypeOf(cls)) {
    const kind = ownKind(cls);
    if (kind) kinds.push(kind);
  }
  return kinds;
}

/** Brands `error` with its class chain's kinds and names it after its own kind. */
function brandError(error: Error, target: KindedClass): void {
  const kinds = kindsOf(target);
  Object.defineProperty(error, KINDS, { value: kinds, enumerable: false });
  if (kinds[0]) error.name = kinds[0];
}

/** Whether `value` is an error of the class whose kind is `kind`, or of a class derived from it, from any bundle. */
function hasErrorKind(value: unknown, kind: string | undefined): boolean {
  if (!kind || typeof value !== 'object' || value === null) return false;
  const kinds = (value as Branded)[KINDS];
  return Array.isArray(kinds) && kinds.includes(kind);
}

/**
 * The `Symbol.hasInstance` of a branded class: `this` is the class on the right of
 * `instanceof`. A subclass that names no kind of its own is checked as JavaScript would (in
 * its own bundle only), never by its parent's kind.
 */
function instanceOfKind(this: unknown, value: unknown): boolean {
  const kind = ownKind(this);
  if (kind === undefined) return typeof this === 'function' && Function.prototype[Symbol.hasInstance].call(this, value);
  return hasErrorKind(value, kind);
}

/**
 * The base of the portal's error classes (lib/odoo/errors.ts, lib/errors.ts). Each class that
 * extends it names its own static `kind`; `instanceof` then holds from any bundle's copy.
 */
export abstract class BundleSafeError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return instanceOfKind.call(this, value);
  }
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    brandError(this, new.target);
  }
}
