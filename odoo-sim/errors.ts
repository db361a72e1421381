/**
 * Odoo exceptions as the simulator raises them. Names, messages and HTTP statuses follow
 * Odoo 19.0 `odoo/exceptions.py` (UserError 422, AccessError/AccessDenied 403,
 * MissingError 404) and the recordings in tests/contract/odoo-19-recordings.
 */
export class OdooSimError extends Error {
  constructor(
    /** Python qualified name, e.g. `odoo.exceptions.AccessError`: what clients branch on. */
    readonly odooName: string,
    message: string,
    /** Status a JSON-2 response carries (JSON-RPC always answers 200). */
    readonly httpStatus: number,
    /** Last line of the trimmed traceback, as in the recordings' `debug`. */
    readonly debugTail = `${odooName.replace(/^builtins\./, '')}: ${message}`,
    /** Extra entries of `arguments` after the message (werkzeug puts the status there). */
    readonly extraArguments: unknown[] = [],
  ) {
    super(message);
  }

  /** The `data` of a JSON-RPC error, and the whole body of a JSON-2 error. */
  toPayload() {
    return {
      name: this.odooName,
      message: this.message,
      arguments: [this.message, ...this.extraArguments],
      context: {},
      debug: `<traceback trimmed>\n${this.debugTail}`,
    };
  }
}

export const userError = (msg: string) => new OdooSimError('odoo.exceptions.UserError', msg, 422);
export const validationError = (msg: string) => new OdooSimError('odoo.exceptions.ValidationError', msg, 422);
export const accessError = (msg: string) => new OdooSimError('odoo.exceptions.AccessError', msg, 403);
export const accessDenied = () => new OdooSimError('odoo.exceptions.AccessDenied', 'Access Denied', 403);
export const missingError = (model: string, ids: number[], uid: number) =>
  new OdooSimError(
    'odoo.exceptions.MissingError',
    `Record does not exist or has been deleted.\n(Record: ${model}(${ids.join(', ')},), User: ${uid})`,
    404,
    `(Record: ${model}(${ids.join(', ')},), User: ${uid})`,
  );
export const valueError = (msg: string) => new OdooSimError('builtins.ValueError', msg, 500);
export const typeError = (msg: string) => new OdooSimError('builtins.TypeError', msg, 500);
export const indexError = (msg: string) => new OdooSimError('builtins.IndexError', msg, 500);
export const attributeError = (msg: string) => new OdooSimError('builtins.AttributeError', msg, 500);

/** werkzeug HTTP exceptions as JSON-2 serialises them (recordings 08d, 08h). */
export const httpException = (status: 401 | 404 | 405 | 422, description: string) => {
  const names = {
    401: ['Unauthorized', '401 Unauthorized'],
    404: ['NotFound', '404 Not Found'],
    405: ['MethodNotAllowed', '405 Method Not Allowed'],
    422: ['UnprocessableEntity', '422 Unprocessable Entity'],
  } as const;
  const [cls, line] = names[status];
  return new OdooSimError(`werkzeug.exceptions.${cls}`, description, status, `werkzeug.exceptions.${cls}: ${line}: ${description}`, [
    status,
  ]);
};

/** Python's repr of a domain value, for messages like `in condition ('x', '=', 1)`. */
export function pyRepr(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  }
  return String(value);
}
