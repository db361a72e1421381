import Papa from 'papaparse';

/**
 * The one way the portal writes CSV (orders, invoices, statement, the ZIP's index.csv).
 *
 * Spreadsheets run a cell that starts like a formula, and European Excel splits lines on
 * `;` as well as on the `,` we write. So, following OWASP's CSV injection guidance, every
 * text cell is quoted (no `;` or `,` inside it can start a new cell) and one that starts
 * with = + - @, a tab or a line break (after any spaces) gets a leading `'`, whatever the
 * delimiter the reader picks. Numbers and dates are typed columns written bare, so a
 * negative amount stays a number (-4202.56, not the text '-4202.56).
 */
export type CsvColumn<R> =
  | { header: string; type: 'text'; value: (row: R) => string | null | undefined }
  /** `decimals` fixes the places (money: 2); without it the number is written as it is. */
  | { header: string; type: 'number'; decimals?: number; value: (row: R) => number | null | undefined }
  /** A date or Odoo datetime text; written as YYYY-MM-DD. */
  | { header: string; type: 'date'; value: (row: R) => string | null | undefined };

const FORMULA_START = /^\s*[=+\-@]|^[\t\r\n]/;
const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/;

/** A text cell a spreadsheet will show as text, never evaluate. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function numberCell(n: number | null | undefined, decimals: number | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  const s = decimals === undefined ? String(n) : n.toFixed(decimals);
  return Number(s) === 0 ? s.replace(/^-/, '') : s; // no "-0.00"
}

/** Odoo's date fields only; anything else is not a date and is left empty rather than written as text. */
function dateCell(d: string | null | undefined): string {
  return (d && ISO_DATE.exec(d)?.[1]) || '';
}

function cellOf<R>(column: CsvColumn<R>, row: R): string {
  switch (column.type) {
    case 'text':
      return neutralise(column.value(row) ?? '');
    case 'number':
      return numberCell(column.value(row), column.decimals);
    case 'date':
      return dateCell(column.value(row));
  }
}

/** Rows as CSV lines (CRLF after each), without header or BOM: a batch of a streamed export. */
export function csvRows<R>(columns: readonly CsvColumn<R>[], rows: readonly R[]): string {
  if (!rows.length) return '';
  const data = rows.map((row) => columns.map((c) => cellOf(c, row)));
  return `${Papa.unparse(data, { quotes: columns.map((c) => c.type === 'text'), newline: '\r\n', header: false })}\r\n`;
}

/** The first bytes of every CSV: a BOM (so Excel reads UTF-8) and the quoted header line. */
export function csvHead<R>(columns: readonly CsvColumn<R>[]): string {
  return `\uFEFF${Papa.unparse([columns.map((c) => neutralise(c.header))], { quotes: true, newline: '\r\n' })}\r\n`;
}

/** A whole CSV file in memory (small ones: the ZIP's index). */
export function csvText<R>(columns: readonly CsvColumn<R>[], rows: readonly R[]): string {
  return csvHead(columns) + csvRows(columns, rows);
}

/**
 * A CSV download: a list of rows, or batches streamed one at a time (never the whole
 * export in memory; a closed download stops the batches). Private and never stored:
 * it holds one customer's data.
 */
export function csvResponse<R>(
  filename: string,
  columns: readonly CsvColumn<R>[],
  rows: readonly R[] | AsyncIterator<readonly R[]>,
): Response {
  const headers = {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]+/g, '-')}"`,
    'Cache-Control': 'private, no-store',
  };
  if (Array.isArray(rows)) return new Response(csvText(columns, rows as readonly R[]), { headers });
  const batches = rows as AsyncIterator<readonly R[]>;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvHead(columns)));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(csvRows(columns, next.value)));
    },
    async cancel() {
      await batches.return?.(undefined);
    },
  });
  return new Response(body, { headers });
}
