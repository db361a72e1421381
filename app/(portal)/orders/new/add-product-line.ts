import { QUANTITY_TEXT, addQuantities } from '@/lib/quantity';

/**
 * The lines box after choosing a product in the search: its line's quantity one higher
 * when the box already names the SKU on a line of its own (as written, with any separator
 * the quick order reads), else a new `SKU 1` line at the end. The same SKU in another case
 * may be another product's, so it is left alone; the quick order adds up lines that name
 * one product anyway, and this keeps the box tidy. Returns the quantity on the chosen line.
 */
export function addProductLine(text: string, sku: string): { text: string; quantity: number } {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((line) => {
    const [first, qty, ...rest] = line.trim().split(/[\s,;]+/);
    return first === sku && qty !== undefined && QUANTITY_TEXT.test(qty) && !rest.length;
  });
  if (at >= 0) {
    const [first, qty] = lines[at]!.trim().split(/[\s,;]+/) as [string, string];
    const quantity = addQuantities(Number(qty.replace(',', '.')), 1);
    lines[at] = `${first} ${quantity}`;
    return { text: lines.join('\n'), quantity };
  }
  const kept = text.replace(/\s+$/, '');
  return { text: `${kept ? `${kept}\n` : ''}${sku} 1`, quantity: 1 };
}
