import { Badge } from '@/components/ui';
import type { Column } from '@/components/table';
import type { CartEstimate } from '@/lib/cart-estimate';
import { formatMoney, formatQuantity } from '@/lib/format';
import type { PricedCart } from '@/lib/types';

export type CartLine = PricedCart['lines'][number];

/** The review's columns: a quantity field and a Remove button in each line, its subtotal an estimate until priced. */
export function lineColumns({
  currency,
  estimate,
  quantities,
  setQuantity,
  remove,
}: {
  currency: string;
  estimate: CartEstimate;
  quantities: Record<number, string>;
  setQuantity: (productId: number, value: string) => void;
  remove: (productId: number) => void;
}): Column<CartLine>[] {
  return [
    {
      id: 'product',
      header: 'Product',
      card: 'title',
      cell: (l) => (
        <>
          <span className="font-medium">{l.name}</span>
          {l.sku ? <span className="block text-xs font-normal text-slate-700">{l.sku}</span> : null}
          {l.problem ? <Badge color="red">{l.problem}</Badge> : null}
        </>
      ),
    },
    {
      id: 'stock',
      header: 'In stock',
      cell: (l) =>
        l.available === null ? (
          '—'
        ) : l.available >= l.quantity ? (
          formatQuantity(l.available)
        ) : (
          <Badge color="amber">{formatQuantity(l.available)} (rest on backorder)</Badge>
        ),
    },
    {
      id: 'quantity',
      header: 'Quantity',
      cell: (l, place) => {
        if (!l.sellable) return <span className="text-slate-700">Not ordered</span>;
        // Each copy its own id: the table's keeps the one scripts and tests have always used.
        const id = place === 'table' ? `qty-${l.productId}` : `card-qty-${l.productId}`;
        return (
          <>
            <label htmlFor={id} className="sr-only">
              Quantity of {l.name}
            </label>
            <input
              id={id}
              type="number"
              inputMode="decimal"
              min="0.001"
              step="any"
              max="100000"
              required
              value={quantities[l.productId] ?? ''}
              onChange={(e) => setQuantity(l.productId, e.target.value)}
              className="w-24 rounded border border-slate-400 px-2 py-1 text-right tabular-nums"
            />
          </>
        );
      },
    },
    { id: 'price', header: 'Unit price', amount: true, cell: (l) => (l.sellable ? formatMoney(l.priceUnit, currency) : '—') },
    {
      id: 'subtotal',
      header: 'Subtotal',
      amount: true,
      strong: true,
      cell: (l) => {
        const line = estimate.lines.get(l.productId);
        if (!l.sellable || !line || line.subtotal === null) return '—';
        return (
          <>
            {formatMoney(line.subtotal, currency)}
            {line.estimated ? <span className="block text-xs font-normal text-amber-900">estimate</span> : null}
          </>
        );
      },
    },
    {
      id: 'remove',
      header: 'Remove',
      hideHeader: true,
      card: 'badge',
      cell: (l) =>
        l.sellable ? (
          <button type="button" className="text-sm font-normal text-red-800 underline" onClick={() => remove(l.productId)}>
            Remove<span className="sr-only"> {l.name}</span>
          </button>
        ) : null,
    },
  ];
}
