import 'server-only';
import PDFDocument from 'pdfkit';
import { Readable } from 'node:stream';
import { formatDate, formatMoney } from '../format';
import { BUCKET_LABEL, BUCKETS, shownDaysOverdue, type CurrencyAging, type StatementLine } from './statement';

/** A printable statement of account (A4), streamed as pdfkit writes it. */
export function statementPdf(input: {
  company: string;
  today: string;
  lines: StatementLine[];
  aging: CurrencyAging[];
}): ReadableStream<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `Statement of account — ${input.company}` } });
  doc.fontSize(18).text('Statement of account');
  doc
    .fontSize(11)
    .text(input.company)
    .text(`As of ${formatDate(input.today)}`)
    .moveDown();

  for (const a of input.aging) {
    doc.fontSize(12).text(`Aging (${a.currency})`, { underline: true });
    doc.fontSize(10);
    for (const b of BUCKETS) doc.text(`${BUCKET_LABEL[b].padEnd(16)} ${formatMoney(a.buckets[b], a.currency)}`);
    doc.text(`Total open        ${formatMoney(a.total, a.currency)}`).moveDown();
  }

  doc.fontSize(12).text('Open items', { underline: true }).moveDown(0.3);
  const cols = [40, 150, 230, 310, 380, 470];
  const row = (cells: string[], bold = false) => {
    if (doc.y > 780) doc.addPage();
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    cells.forEach((c, i) => doc.text(c, cols[i], y, { width: (cols[i + 1] ?? 555) - cols[i]! - 4, align: i >= 4 ? 'right' : 'left' }));
    doc.moveDown(0.2);
  };
  row(['Number', 'Date', 'Due', 'Days late', 'Open', 'Bucket'], true);
  for (const l of input.lines) {
    row([
      l.kind === 'credit' ? `${l.number} (credit)` : l.number,
      formatDate(l.date),
      formatDate(l.dueDate),
      String(shownDaysOverdue(l) ?? '—'),
      formatMoney(l.balance, l.currency),
      BUCKET_LABEL[l.bucket],
    ]);
  }
  if (!input.lines.length) doc.font('Helvetica').text('Nothing is open. Thank you.');
  doc.end();
  return Readable.toWeb(doc) as ReadableStream<Uint8Array>;
}
