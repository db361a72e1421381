import 'server-only';

/**
 * Search text for an `ilike` condition that matches itself only. Odoo wraps the value in
 * `%…%` and hands it to PostgreSQL's ILIKE, where `%` and `_` are wildcards and a backslash
 * makes the next character literal (Odoo's own `escape_psql` escapes the same three).
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
