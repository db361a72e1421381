import { randomBytes } from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { Readable } from 'node:stream';
import type { Orm } from './orm';
import type { Rec } from './store';

/**
 * A real, readable invoice PDF (number, customer, lines, taxes, totals), standing in for
 * the wkhtmltopdf output of Odoo's `account.report_invoice`. The text is left uncompressed
 * so tests can find the invoice number in the bytes; `padToBytes` grows the file for
 * memory benchmarks.
 */
export function renderInvoicePdf(orm: Orm, move: Rec, padToBytes = 0): Readable {
  const store = orm.store;
  const doc = new PDFDocument({ size: 'A4', margin: 50, compress: false, info: { Title: String(move.name) } });
  const partner = store.get('res.partner', move.partner_id as number);
  const commercial = store.get('res.partner', move.commercial_partner_id as number) ?? partner;
  const currency = store.get('res.currency', move.currency_id as number);
  const money = (n: unknown) => `${currency?.symbol ?? ''}${Number(n).toFixed(2)} ${currency?.name ?? ''}`;
  const title = move.move_type === 'out_refund' ? 'Credit Note' : 'Invoice';

  doc.fontSize(10).text('Northwind Supply Co.\n100 Harbor Way, Portland OR 97201\nUS-94-1234567', { align: 'right' });
  doc.moveDown().fontSize(20).text(`${title} ${move.name}`);
  doc.fontSize(10).moveDown(0.5);
  doc.text(`Customer: ${commercial?.name ?? ''}`);
  if (partner && partner.id !== commercial?.id) doc.text(`Attention: ${partner.name}`);
  doc.text([commercial?.street, commercial?.zip, commercial?.city].filter(Boolean).join(', '));
  doc.text(`Invoice date: ${move.invoice_date}    Due date: ${move.invoice_date_due}`);
  if (move.ref) doc.text(`Your reference: ${move.ref}`);
  if (move.invoice_origin) doc.text(`Source: ${move.invoice_origin}`);
  doc.moveDown();
  doc
    .font('Helvetica-Bold')
    .text('Description', 50, doc.y, { continued: true, width: 280 })
    .text('Qty      Unit price      Amount', { align: 'right' });
  doc.font('Helvetica');
  for (const id of move.invoice_line_ids as number[]) {
    const line = store.get('account.move.line', id);
    if (!line) continue;
    doc
      .text(String(line.name).split('\n')[0]!, 50, doc.y, { continued: true, width: 280 })
      .text(`${line.quantity}   ${Number(line.price_unit).toFixed(2)}   ${Number(line.price_subtotal).toFixed(2)}`, { align: 'right' });
  }
  doc.moveDown();
  doc.text(`Untaxed amount: ${money(move.amount_untaxed)}`, { align: 'right' });
  doc.text(`Taxes (15%): ${money(move.amount_tax)}`, { align: 'right' });
  doc.font('Helvetica-Bold').text(`Total: ${money(move.amount_total)}`, { align: 'right' });
  doc.font('Helvetica').text(`Amount due: ${money(move.amount_residual)}`, { align: 'right' });
  doc
    .moveDown()
    .fontSize(8)
    .text(`Payment reference: ${move.payment_reference || move.name}`);
  if (padToBytes > 0) {
    // An unreferenced stream object of incompressible bytes grows the file to the requested
    // size without changing what the PDF shows (laying out filler text would take minutes).
    const filler = doc.ref({});
    for (let written = 0; written < padToBytes; written += 1_048_576) filler.write(randomBytes(Math.min(1_048_576, padToBytes - written)));
    filler.end(Buffer.alloc(0));
  }
  doc.end();
  return doc;
}
