import 'server-only';
import PDFDocument from 'pdfkit';
import { Readable } from 'node:stream';
import type { Brand } from '../brand';
import { formatterFor } from '../i18n/format';
import type { Locale } from '../i18n/locales';
import { translatorFor } from '../i18n/translator';
import { BUCKETS, shownDaysOverdue, type CurrencyAging, type StatementLine } from './statement';

/**
 * A printable statement of account (A4) in the reader's language, under the seller's name
 * and colour, streamed as pdfkit writes it.
 */
export function statementPdf(input: {
  company: string;
  today: string;
  lines: StatementLine[];
  aging: CurrencyAging[];
  brand: Brand;
  locale: Locale;
}): ReadableStream<Uint8Array> {
  const t = translatorFor(input.locale, 'documents');
  const f = formatterFor(input.locale);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    lang: input.locale,
    info: { Title: t('statement.documentTitle', { company: input.company }), Author: input.brand.name },
  });
  doc.rect(0, 0, doc.page.width, 8).fill(input.brand.color);
  doc.fillColor(input.brand.color).fontSize(10).text(input.brand.name, 40, 24).fillColor('black').moveDown(0.5);
  doc.fontSize(18).text(t('statement.title'));
  doc
    .fontSize(11)
    .text(input.company)
    .text(t('statement.asOf', { date: f.date(input.today) }))
    .moveDown();

  for (const a of input.aging) {
    doc.fontSize(12).text(t('statement.aging', { currency: a.currency }), { underline: true });
    doc.fontSize(10);
    for (const b of BUCKETS) doc.text(`${t(`statement.buckets.${b}`).padEnd(18)} ${f.money(a.buckets[b], a.currency)}`);
    doc.text(`${t('statement.totalOpen').padEnd(18)} ${f.money(a.total, a.currency)}`).moveDown();
  }

  doc.fontSize(12).text(t('statement.openItems'), { underline: true }).moveDown(0.3);
  const cols = [40, 150, 230, 310, 380, 470];
  const row = (cells: string[], bold = false) => {
    if (doc.y > 780) doc.addPage();
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    cells.forEach((c, i) => doc.text(c, cols[i], y, { width: (cols[i + 1] ?? 555) - cols[i]! - 4, align: i >= 4 ? 'right' : 'left' }));
    doc.moveDown(0.2);
  };
  row(
    [t('statement.number'), t('statement.date'), t('statement.due'), t('statement.daysLate'), t('statement.open'), t('statement.bucket')],
    true,
  );
  for (const l of input.lines) {
    const late = shownDaysOverdue(l);
    row([
      l.kind === 'credit' ? t('statement.credit', { number: l.number }) : l.number,
      f.date(l.date),
      f.date(l.dueDate),
      late === null ? '—' : f.quantity(late),
      f.money(l.balance, l.currency),
      t(`statement.buckets.${l.bucket}`),
    ]);
  }
  if (!input.lines.length) doc.font('Helvetica').text(t('statement.nothingOpen'));
  doc.end();
  return Readable.toWeb(doc) as ReadableStream<Uint8Array>;
}
