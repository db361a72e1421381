import 'server-only';
import Papa from 'papaparse';
import { lineProblem, type LineWords } from '../errors';
import { MAX_QUANTITY, addQuantities, quantityIssue, typedQuantity } from '../quantity';
import { quantityProblem } from '../schemas/orders';

export interface ParsedLine {
  line: number;
  sku: string;
  quantity: number;
}

export interface LineError {
  line: number;
  text: string;
  /** In English; `words` say it in the reader's language (lib/http/error-words.ts). */
  message: string;
  words?: LineWords;
}

export const QUICK_ORDER_MAX_LINES = 500;

/**
 * Reads pasted `SKU quantity` lines or a CSV file (`sku,quantity`, comma, semicolon or tab
 * separated, with or without the header of the template). Quantities are decimals (a `.`
 * or `,` separator, nothing else: `0x10` or `1e3` is not a quantity). Repeated SKUs are added
 * up, and the sum is held to the same limit as one line.
 * Pure: no Odoo, so every mistake in the text is found before anything is looked up.
 */
export function parseQuickOrder(input: string): { lines: ParsedLine[]; errors: LineError[] } {
  const rows = input.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerLine = firstContentLine(rows);
  const lines = new Map<string, ParsedLine>();
  const errors: LineError[] = [];
  let lineNo = 0;
  for (const raw of rows) {
    lineNo++;
    const text = raw.trim();
    if (!text || text.startsWith('#')) continue;
    const cells = (Papa.parse<string[]>(text, { delimiter: delimiterOf(text) }).data[0] ?? []).map((c) => c.trim()).filter(Boolean);
    if (isHeader(cells, lineNo === headerLine)) continue;
    if (cells.length !== 2) {
      // A spreadsheet's extra column (a description) is named as such, not as a missing quantity.
      errors.push({
        line: lineNo,
        text,
        ...(cells.length > 2 ? lineProblem('twoColumns', { count: cells.length }) : lineProblem('skuAndQuantity')),
      });
      continue;
    }
    const [sku, qtyText] = cells as [string, string];
    if (sku.length > 64) {
      errors.push({ line: lineNo, text, ...lineProblem('skuLength') });
      continue;
    }
    const quantity = typedQuantity(qtyText);
    const issue = quantityIssue(qtyText);
    const problem =
      issue === 'thousands-separator'
        ? lineProblem('thousandsSeparator', { text: qtyText })
        : issue === 'not-a-number' || issue === 'not-positive'
          ? lineProblem('notAQuantity', { text: qtyText })
          : issue && quantityProblem(issue);
    if (problem) {
      errors.push({ line: lineNo, text, ...(typeof problem === 'string' ? { message: problem } : problem) });
      continue;
    }
    // The SKU as written: two products may have SKUs that differ only in case. The same
    // product written in two cases is added up once the SKUs are looked up (cartLines).
    const existing = lines.get(sku);
    if (!existing) {
      lines.set(sku, { line: lineNo, sku, quantity });
      continue;
    }
    const sum = addQuantities(existing.quantity, quantity);
    if (sum > MAX_QUANTITY) {
      errors.push({
        line: lineNo,
        text,
        ...lineProblem('sumTooLarge', { line: existing.line, sku: existing.sku, max: MAX_QUANTITY }),
      });
    } else existing.quantity = sum;
  }
  if (lines.size > QUICK_ORDER_MAX_LINES) {
    return {
      lines: [],
      errors: [{ line: 0, text: '', ...lineProblem('tooManyLines', { max: QUICK_ORDER_MAX_LINES }) }],
    };
  }
  return { lines: [...lines.values()], errors };
}

/**
 * The template's header (`sku,quantity`): on the first line, any line whose first cell names
 * the SKU column; further down (a file loaded below lines already typed), only one whose
 * quantity is a word too, as no order line's can be.
 */
function isHeader(cells: string[], first: boolean): boolean {
  if (!/^(sku|product|reference|default_code)$/i.test(cells[0] ?? '')) return false;
  return first || (cells.length === 2 && /^\p{L}+$/u.test(cells[1]!));
}

function firstContentLine(rows: string[]): number {
  return rows.findIndex((r) => r.trim() && !r.trim().startsWith('#')) + 1;
}

/** Each line's own separator: CSV (comma, semicolon, tab) or the spaces of a paste; mixed pastes happen. */
function delimiterOf(text: string): string {
  for (const d of ['\t', ';']) if (text.includes(d)) return d;
  if (/^[^\s,;]+\s+[^\s;]+$/.test(text) && !/^[^\s,;]+\s+,/.test(text)) return ' '; // "FAS-1001 1,5": a decimal comma, not a CSV
  return text.includes(',') ? ',' : ' ';
}

/** The quantity each example line orders (the first 12, the others 1), in the template and the lines box alike. */
const exampleQuantity = (index: number) => (index === 0 ? 12 : 1);

/** The downloadable CSV to fill in: its header, then a line for each example SKU (the customer's own products). */
export function quickOrderTemplate(exampleSkus: readonly string[]): string {
  return ['sku,quantity', ...exampleSkus.map((sku, i) => `${sku},${exampleQuantity(i)}`)].join('\n') + '\n';
}

/** The lines box's placeholder: the example SKUs as a person types them, or none without examples. */
export function examplePlaceholder(exampleSkus: readonly string[]): string | undefined {
  return exampleSkus.length ? exampleSkus.map((sku, i) => `${sku} ${exampleQuantity(i)}`).join('\n') : undefined;
}

/** A SKU the template can show as it is: nothing a CSV cell or the reader would split or quote. */
export const plainSku = (sku: string) => /^[^\s,;"'=+@-][^\s,;"]{0,63}$/.test(sku);
