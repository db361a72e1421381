import { pyRepr, validationError, valueError } from './errors';
import type { ModelDef } from './schema';

/**
 * What a simulator claiming Odoo 16-18 answers otherwise than 19, measured on real Odoo
 * 17.0 and 18.0 (recorded in tests/contract/recordings/17 and 18). The store keeps
 * 19's field names; a server below 19 shows these under their older names, and a request
 * for the 19 name fails as it does there ("Invalid field 'product_uom_id' on model
 * 'sale.order.line'").
 */
const RENAMED_BEFORE_19: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'sale.order.line': { product_uom_id: 'product_uom' },
};

/**
 * Fields Odoo 16 lacks. 17 made a locked order a flag beside the 'sale' state; on 16 a locked
 * order is in state 'done' (asServerRecord shows it so).
 */
const ADDED_IN_17: Readonly<Record<string, readonly string[]>> = { 'sale.order': ['locked'] };

/** The store's (19) name of a field a request names; throws as Odoo does for a name this version lacks. */
export function storedFieldName(version: number, model: string, requested: string): string {
  if (version < 17 && ADDED_IN_17[model]?.includes(requested)) throw invalidFieldError(version, requested, model);
  if (version >= 19) return requested;
  const renames = RENAMED_BEFORE_19[model] ?? {};
  if (requested in renames) throw invalidFieldError(version, requested, model);
  return Object.entries(renames).find(([, older]) => older === requested)?.[0] ?? requested;
}

/** A field list of a request, in the store's names. */
export function storedFieldNames(version: number, model: string, fields: unknown): unknown {
  return Array.isArray(fields) ? fields.map((f: unknown) => (typeof f === 'string' ? storedFieldName(version, model, f) : f)) : fields;
}

/** A record read from the store (`stored`), with the keys and the values this version gives. */
export function asServerRecord<T extends Record<string, unknown>>(
  version: number,
  model: string,
  record: T,
  stored?: Record<string, unknown>,
): T {
  if (version < 17 && model === 'sale.order' && record.state === 'sale' && stored?.locked) record = { ...record, state: 'done' };
  const renames = RENAMED_BEFORE_19[model];
  if (version >= 19 || !renames) return record;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [renames[k] ?? k, v])) as T;
}

/** A field a read asks for that the model lacks: 19 says "on 'model'", 16-18 "on model 'model'". */
export function invalidFieldError(version: number, field: unknown, model: string) {
  return valueError(`Invalid field ${pyRepr(field)} on ${version >= 19 ? '' : 'model '}${pyRepr(model)}`);
}

/**
 * A required field left empty. 19 (odoo/orm/models.py) names the field in the first line;
 * 16-18 answer the generic text of a NOT NULL violation with the model and field below it
 * (measured on 17.0 and 18.0: `sale.order` create without `partner_id`).
 */
export function missingRequiredError(version: number, def: ModelDef, name: string, label: string) {
  if (version >= 19) {
    return validationError(
      `The operation cannot be completed: Missing required value for the field '${label}' (${name}).\n` +
        `Model: '${def.description}' (${def.name})\n` +
        '- create/update: a mandatory field is not set\n' +
        '- delete: another model requires the record being deleted, you can archive it instead\n',
    );
  }
  return validationError(
    'The operation cannot be completed:\n' +
      '- Create/update: a mandatory field is not set.\n' +
      '- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n' +
      `Model: ${def.description} (${def.name})\n` +
      `Field: ${label} (${name})\n`,
  );
}
