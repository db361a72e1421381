import { QUANTITY_TEXT } from '@/lib/quantity';

/**
 * The lines box after choosing a product in the search: its line's quantity one higher
 * when the box already names the SKU on a line of its own (any case, any separator the
 * quick order reads), else a new `SKU 1` line at the end. The quick order adds up repeated
 * SKUs anyway; this keeps the box tidy. Returns the product's quantity now in the box.
 */
export function addProductLine(text: string, sku: string): { text: string; quantity: number } {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((line) => {
    const [first, qty, ...rest] = line.trim().split(/[\s,;]+/);
    return first?.toUpperCase() === sku.toUpperCase() && qty !== undefined && QUANTITY_TEXT.test(qty) && !rest.length;
  });
  if (at >= 0) {
    const [first, qty] = lines[at]!.trim().split(/[\s,;]+/) as [string, string];
    // Thousandths, as the quick order adds up, so 0.5 + 1 stays 1.5.
    const quantity = Math.round((Number(qty.replace(',', '.')) + 1) * 1000) / 1000;
    lines[at] = `${first} ${quantity}`;
    return { text: lines.join('\n'), quantity };
  }
  const kept = text.replace(/\s+$/, '');
  return { text: `${kept ? `${kept}\n` : ''}${sku} 1`, quantity: 1 };
}
