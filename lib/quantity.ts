/**
 * What the portal takes as a quantity, in one place for the server's checks (lib/schemas,
 * the quick-order parser) and the review form's fields in the browser, which say what is
 * wrong with a line before anything is sent. Pure and free of zod, so the browser's bundle
 * carries only these few lines.
 */

/**
 * Decimals a quantity may have: Odoo's "Product Unit" precision (decimal.precision "Product
 * Unit of Measure" before 19), 2 as Odoo 16-19 ship it. Odoo rounds every order line's
 * quantity to it when the line is written, so a finer one would be ordered as something else
 * than typed (0.001 became 0, 1.125 became 1.13).
 */
export const QUANTITY_DECIMALS = 2;
const SCALE = 10 ** QUANTITY_DECIMALS;

/** Most of one product in one order, however many lines name it. */
export const MAX_QUANTITY = 100_000;

/** A quantity as a person writes it: decimal digits, one `.` or `,` (no sign, exponent, hex or spaces). */
export const QUANTITY_TEXT = /^[0-9]+(?:[.,][0-9]+)?$/;

/**
 * "1,000" and "2.500": one separator and exactly three digits after it. In English that is a
 * thousand, in German one (and the other way round for "1.000"), and a person who types it
 * rarely means three decimals; so it is asked again rather than guessed. "0.250" is no
 * thousands.
 */
const AMBIGUOUS_SEPARATOR = /^[1-9][0-9]{0,2}[.,][0-9]{3}$/;

/** Why a quantity cannot be ordered. */
export type QuantityIssue = 'not-a-number' | 'not-positive' | 'too-large' | 'too-precise' | 'thousands-separator';

/** Whether a quantity's text could be a thousand or a one ("1,000", "1.000"). */
export function hasThousandsSeparator(text: string | undefined): boolean {
  return AMBIGUOUS_SEPARATOR.test((text ?? '').trim());
}

/** A quantity field's text as a number; NaN when it is not one. Accepts "2,5" as people write it. */
export function typedQuantity(text: string | undefined): number {
  const t = (text ?? '').trim();
  return QUANTITY_TEXT.test(t) ? Number(t.replace(',', '.')) : NaN;
}

/** Two quantities of one product added up, so 0.1 + 0.2 stays 0.3. */
export function addQuantities(a: number, b: number): number {
  return orderableQuantity(a + b);
}

/** Why a number cannot be ordered, or null: above 0, at most MAX_QUANTITY, at most QUANTITY_DECIMALS decimals. */
export function quantityIssueOf(n: number): QuantityIssue | null {
  if (Number.isNaN(n)) return 'not-a-number';
  if (n === Infinity) return 'too-large'; // more digits than a number holds
  if (!Number.isFinite(n) || n <= 0) return 'not-positive';
  if (n > MAX_QUANTITY) return 'too-large';
  // Within floating-point error of a hundredth: 1.01 * 100 is 100.99999999999999.
  const scaled = n * SCALE;
  const whole = Math.round(scaled);
  if (Math.abs(scaled - whole) > 1e-6 + 1e-12 * scaled) return 'too-precise';
  // 0.0000000001 is within that error of 0 hundredths: too fine to order, not a free line.
  if (whole === 0) return 'too-precise';
  return null;
}

/** An orderable quantity as exactly QUANTITY_DECIMALS decimals at most (1.0100000000000001 is 1.01). */
export function orderableQuantity(n: number): number {
  return Math.round(n * SCALE) / SCALE;
}

/** Why a quantity field's text cannot be ordered, or null. */
export function quantityIssue(text: string | undefined): QuantityIssue | null {
  if (hasThousandsSeparator(text)) return 'thousands-separator';
  const issue = quantityIssueOf(typedQuantity(text));
  // Text says exactly how many decimals were meant, beyond a number's rounding: "1.0000000001".
  return issue === null && decimalsWritten(text ?? '') > QUANTITY_DECIMALS ? 'too-precise' : issue;
}

/** The decimals a quantity's text gives, trailing zeros aside ("1.0100" gives 2). */
function decimalsWritten(text: string): number {
  const fraction = /[.,]([0-9]+)$/.exec(text.trim())?.[1] ?? '';
  return fraction.replace(/0+$/, '').length;
}
