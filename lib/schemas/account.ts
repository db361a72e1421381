import { z } from 'zod';
import { CUSTOMER_ROLES } from '../roles';
import { emptyAsAbsent, optionalText, recordId, text } from './common';

const required = (label: string, max: number) => text(label, { max }).min(1, `Enter the ${label}.`);
const optional = (label: string, max: number) => optionalText(label, { max });

export const myContactInput = z.object({
  name: required('name', 128),
  phone: z
    .string()
    .trim()
    .max(32, 'The phone number is at most 32 characters.')
    .regex(/^[+0-9 ()./-]*$/, 'Use digits, spaces and + ( ) - . / only.')
    .optional()
    .transform((s) => s || undefined),
});

/** An ISO country code, as the address form sends it and the states route takes it. */
export const countryCode = z
  .string()
  .trim()
  // Checked before upper-casing: "ß" and "ı" would become "SS" and "I".
  .regex(/^[A-Za-z]{2}$/, 'Choose a country.')
  .toUpperCase();

export const addressInput = z.object({
  name: required('address name', 128),
  street: required('street', 128),
  street2: optional('second street line', 128),
  zip: required('postcode', 16),
  city: required('city', 64),
  countryCode,
  /** Odoo's res.country.state of that country; empty when the country has none or none is chosen. */
  stateId: emptyAsAbsent(recordId),
});

export const addressUpdateInput = addressInput.extend({ id: recordId });
export const idInput = z.object({ id: recordId });

/** The roles ticked: each once (a role sent twice by a forged form counts once). */
const roles = z.preprocess(
  (v): unknown => [...new Set(v === undefined ? [] : Array.isArray(v) ? v : [v])],
  z.array(z.enum(CUSTOMER_ROLES, { error: 'Not a portal role.' })).min(1, 'Choose at least one role.'),
);

export const inviteInput = z.object({
  name: required('name', 128),
  email: z
    .email({ error: 'Enter a valid email address.' })
    .max(254, 'An email address is at most 254 characters.')
    .transform((s) => s.toLowerCase()),
  roles,
});

export const rolesInput = z.object({ id: recordId, roles });
