/**
 * Whether an answer has the shape of a recorded one: the same keys, and values of the same
 * types, all the way down. Values are never compared. An empty value (`false` or `null`) on
 * either side matches any type, as Odoo answers `false` for an empty field of any type. A
 * list compares its first entries (records of one model share their keys); a tuple, a list
 * whose entries are of different kinds (a many2one `[id, name]`, an x2many command
 * `[0, ref, values]`, a prefix domain `['&', term, term]`), compares entry by entry and must
 * have as many. Returns the differences, each with its path; none when alike.
 */
export function sameShape(expected: unknown, actual: unknown, path = '$'): string[] {
  if (expected === false || expected === null) return [];
  if (typeof expected !== typeof actual || Array.isArray(expected) !== Array.isArray(actual)) {
    if (actual === false) return [];
    return [`${path}: expected ${kind(expected)}, got ${kind(actual)}`];
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (isTuple(expected)) {
      if (expected.length !== actual.length) return [`${path}: expected ${expected.length} entries, got ${actual.length}`];
      return expected.flatMap((e, i) => sameShape(e, actual[i], `${path}[${i}]`));
    }
    if (expected.length && actual.length) return sameShape(expected[0], actual[0], `${path}[0]`);
    return [];
  }
  if (expected && typeof expected === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const problems = Object.keys(e)
      .filter((k) => !(k in a))
      .map((k) => `${path}.${k}: missing`);
    problems.push(
      ...Object.keys(a)
        .filter((k) => !(k in e))
        .map((k) => `${path}.${k}: not in the recording`),
    );
    for (const k of Object.keys(e)) if (k in a) problems.push(...sameShape(e[k], a[k], `${path}.${k}`));
    return problems;
  }
  return [];
}

function isTuple(list: unknown[]): boolean {
  const kinds = new Set(list.filter((v) => v !== false && v !== null).map(kind));
  return kinds.size > 1;
}

function kind(v: unknown) {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
}
