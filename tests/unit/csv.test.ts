import { describe, expect, it } from 'vitest';
import { csvResponse, csvRows, csvText, neutralise, type CsvColumn } from '../../lib/http/csv';
import { readCsv } from '../helpers/csv';

interface Row {
  ref: string | null;
  amount: number | null;
  date: string | null;
}
const COLUMNS: CsvColumn<Row>[] = [
  { header: 'Reference', type: 'text', value: (r) => r.ref },
  { header: 'Amount', type: 'number', decimals: 2, value: (r) => r.amount },
  { header: 'Date', type: 'date', value: (r) => r.date },
];
/** The body as written: Response.text() would drop the BOM. */
const bodyOf = async (res: Response) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
const TYPES = { numberColumns: ['Amount'], dateColumns: ['Date'] };
const HOSTILE = [
  `x;=cmd|' /C calc'!A0`,
  `=HYPERLINK("http://evil.example","x")`,
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\t=1+1',
  '\r=1+1',
  '  =1+1',
  'a,b;c',
  'say "hi"',
  'line\r\nbreak',
];

describe('CSV exports', () => {
  it('quotes every text cell and neutralises formula-looking ones, whichever delimiter a spreadsheet picks', () => {
    const csv = csvText(
      COLUMNS,
      HOSTILE.map((ref) => ({ ref, amount: 1, date: '2026-03-01' })),
    );
    const { records, problems } = readCsv(csv, TYPES);
    expect(problems).toEqual([]);
    // Nothing is lost: the text reads back as it was, with a leading ' where it looked like a formula.
    expect(records.map((r) => r.Reference)).toEqual([
      `x;=cmd|' /C calc'!A0`,
      `'=HYPERLINK("http://evil.example","x")`,
      `'+1+1`,
      `'-2+3`,
      `'@SUM(A1)`,
      `'\t=1+1`,
      `'\r=1+1`,
      `'  =1+1`,
      'a,b;c',
      'say "hi"',
      'line\r\nbreak',
    ]);
    // The PO reference of the report: one quoted cell, so a “;” reading cannot start a new cell at “=cmd”.
    expect(csv).toContain(`"x;=cmd|' /C calc'!A0",1.00,2026-03-01\r\n`);
  });

  it('writes numbers as bare numbers, negative ones included, and dates as YYYY-MM-DD', () => {
    const csv = csvText(COLUMNS, [
      { ref: 'CN', amount: -4202.56, date: '2026-03-01 10:00:00' },
      { ref: 'zero', amount: -0.001, date: null },
      { ref: 'none', amount: null, date: 'not a date' },
    ]);
    expect(readCsv(csv, TYPES).problems).toEqual([]);
    expect(csv.split('\r\n').slice(1)).toEqual(['"CN",-4202.56,2026-03-01', '"zero",0.00,', '"none",,', '']);
  });

  it('neutralises only what a spreadsheet would evaluate', () => {
    expect(neutralise('PO-123')).toBe('PO-123');
    expect(neutralise('a-b')).toBe('a-b');
    expect(neutralise('-5')).toBe(`'-5`);
    expect(neutralise('')).toBe('');
  });

  it('answers a private, never-stored download with a BOM and the quoted header', async () => {
    const res = csvResponse('orders 2026/03.csv', COLUMNS, [{ ref: 'A', amount: 2, date: null }]);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Cache-Control')).toBe('private, no-store');
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="orders-2026-03.csv"');
    expect(await bodyOf(res)).toBe('\uFEFF"Reference","Amount","Date"\r\n"A",2.00,\r\n');
  });

  it('streams batches one at a time and stops them when the download is cancelled', async () => {
    let returned = false;
    async function* batches() {
      try {
        yield [{ ref: '=1', amount: -1, date: null }];
        yield [{ ref: 'b', amount: 2, date: null }];
      } finally {
        returned = true;
      }
    }
    const whole = await bodyOf(csvResponse('x.csv', COLUMNS, batches()));
    expect(whole).toBe(`\uFEFF"Reference","Amount","Date"\r\n${csvRows(COLUMNS, [{ ref: '=1', amount: -1, date: null }])}"b",2.00,\r\n`);
    expect(readCsv(whole, TYPES).problems).toEqual([]);

    returned = false;
    const reader = csvResponse('x.csv', COLUMNS, batches()).body!.getReader();
    await reader.read(); // the header
    await reader.read(); // the first batch
    await reader.cancel();
    expect(returned).toBe(true);
  });
});
