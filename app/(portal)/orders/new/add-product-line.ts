import { QUANTITY_TEXT, addQuantities } from '@/lib/quantity';

/**
 * The lines box after choosing a product in the search: its line's quantity one higher
 * when the box already names the SKU on a line of its own (as written, with any separator
 * the quick order reads), else a new `SKU 1` line at the end. The same SKU in another case
 * may be another product's, so it is left alone; the quick order adds up lines that name
 * one product anyway, and this keeps the box tidy. Returns the quantity on the chosen line,
 * and the SKU as another line writes it in another case (`otherCase`), so the announcement
 * can say the review may add the two up.
 */
export function addProductLine(text: string, sku: string): { text: string; quantity: number; otherCase: string | null } {
  const lines = text.split(/\r?\n/);
  const readable = lines.map((line) => {
    const [first, qty, ...rest] = line.trim().split(/[\s,;]+/);
    return first !== undefined && qty !== undefined && QUANTITY_TEXT.test(qty) && !rest.length ? { first, qty } : null;
  });
  const at = readable.findIndex((line) => line?.first === sku);
  const otherCase = readable.find((line) => line && line.first !== sku && line.first.toLowerCase() === sku.toLowerCase())?.first ?? null;
  if (at >= 0) {
    const { first, qty } = readable[at]!;
    const quantity = addQuantities(Number(qty.replace(',', '.')), 1);
    lines[at] = `${first} ${quantity}`;
    return { text: lines.join('\n'), quantity, otherCase };
  }
  const kept = text.replace(/\s+$/, '');
  return { text: `${kept ? `${kept}\n` : ''}${sku} 1`, quantity: 1, otherCase };
}
