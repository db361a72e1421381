import Papa from 'papaparse';

/** What a spreadsheet would evaluate: a cell starting (after spaces) with = + - @, or with a tab or line break. */
const FORMULA = /^\s*[=+\-@]|^[\t\r\n]/;

/**
 * Reads a portal CSV back and lists what a spreadsheet could misread, whichever delimiter
 * it picks: a `,` or `;` outside quotes other than the `,` between cells (European Excel
 * splits on `;`), a text cell that is not quoted or could run as a formula, a number
 * column that is not a bare number. `numberColumns` are the columns written as numbers,
 * `dateColumns` those written as YYYY-MM-DD.
 */
export function readCsv(csv: string, types: { numberColumns?: readonly string[]; dateColumns?: readonly string[] } = {}) {
  const problems: string[] = [];
  if (!csv.startsWith('\uFEFF')) problems.push('no BOM');
  const body = csv.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(body, { delimiter: ',', newline: '\r\n', skipEmptyLines: true });
  for (const e of parsed.errors) problems.push(`parse: ${e.message} (row ${e.row})`);
  const [header = [], ...rows] = parsed.data;
  const rawLines = splitLines(body);
  if (rawLines.length !== parsed.data.length) problems.push(`${rawLines.length} raw lines for ${parsed.data.length} rows`);
  for (const [i, line] of rawLines.entries()) {
    const raw = rawCells(line);
    if (raw.some((c) => c.includes(';') && !c.startsWith('"'))) problems.push(`line ${i + 1}: a “;” outside quotes: ${line}`);
    if (raw.length !== header.length) problems.push(`line ${i + 1}: ${raw.length} cells for ${header.length} columns`);
    raw.forEach((cell, j) => {
      const column = header[j] ?? `#${j}`;
      const typed = i > 0 && (types.numberColumns?.includes(column) || types.dateColumns?.includes(column));
      if (typed) {
        const shape = types.numberColumns?.includes(column) ? /^(-?\d+(\.\d+)?)?$/ : /^(\d{4}-\d{2}-\d{2})?$/;
        if (!shape.test(cell)) problems.push(`line ${i + 1}: ${column} is not bare: ${cell}`);
      } else if (!cell.startsWith('"')) problems.push(`line ${i + 1}: ${column} is not quoted: ${cell}`);
    });
  }
  const records = rows.map((cells) => Object.fromEntries(header.map((h, j) => [h, cells[j] ?? ''])));
  for (const [i, r] of records.entries()) {
    for (const [column, value] of Object.entries(r)) {
      if (!types.numberColumns?.includes(column) && FORMULA.test(value)) problems.push(`row ${i + 1}: ${column} could run: ${value}`);
    }
  }
  return { header, records, problems };
}

/** CRLF-separated lines, keeping line breaks inside quoted cells. */
function splitLines(body: string): string[] {
  const lines: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === '\r' && body[i + 1] === '\n') {
      lines.push(current);
      current = '';
      i++;
    } else current += ch;
  }
  if (current) lines.push(current);
  return lines;
}

/** A line's cells as written (quotes kept), split on the commas outside quotes. */
function rawCells(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      cells.push(current);
      current = '';
    } else current += ch;
  }
  cells.push(current);
  return cells;
}
