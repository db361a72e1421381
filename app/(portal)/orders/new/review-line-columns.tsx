import type { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui';
import type { Column } from '@/components/table';
import type { CartEstimate } from '@/lib/cart-estimate';
import type { Formatter } from '@/lib/i18n/format';
import { MAX_QUANTITY, typedQuantity, type QuantityIssue } from '@/lib/quantity';
import type { PricedCart } from '@/lib/types';

export type CartLine = PricedCart['lines'][number];

/** The review's words, as the form hands them down. */
export type ReviewT = ReturnType<typeof useTranslations<'quickOrder.review'>>;

/** The review's columns: a quantity field and a Remove button in each line, its subtotal an estimate until priced. */
export function lineColumns({
  t,
  f,
  currency,
  estimate,
  quantities,
  issueOf,
  setQuantity,
  remove,
}: {
  t: ReviewT;
  f: Formatter;
  /** Null when nothing was priced: no line shows a price then. */
  currency: string | null;
  estimate: CartEstimate;
  quantities: Record<number, string>;
  issueOf: (productId: number) => QuantityIssue | null;
  setQuantity: (productId: number, value: string) => void;
  remove: (productId: number) => void;
}): Column<CartLine>[] {
  return [
    {
      id: 'product',
      header: t('columns.product'),
      card: 'title',
      cell: (l) => (
        <>
          <span className="font-medium">{l.name}</span>
          {l.sku ? <span className="block text-xs font-normal text-slate-700">{l.sku}</span> : null}
          {l.problem ? <Badge color="red">{t('noLongerAvailable')}</Badge> : null}
        </>
      ),
    },
    {
      id: 'stock',
      header: t('columns.stock'),
      cell: (l) => {
        if (l.available === null) return '—';
        // Against the quantity as typed (not the one last priced), and only one that can be ordered.
        const wanted = issueOf(l.productId) === null ? typedQuantity(quantities[l.productId] ?? String(l.quantity)) : 0;
        return l.available >= wanted ? (
          f.quantity(l.available)
        ) : (
          <Badge color="amber">{t('restOnBackorder', { quantity: f.quantity(l.available) })}</Badge>
        );
      },
    },
    {
      id: 'quantity',
      header: t('columns.quantity'),
      cell: (l) => {
        if (!l.sellable) return <span className="text-slate-700">{t('notOrdered')}</span>;
        const id = `qty-${l.productId}`;
        const issue = issueOf(l.productId);
        return (
          <>
            <label htmlFor={id} className="sr-only">
              {t('quantityOf', { name: l.name })}
            </label>
            <input
              id={id}
              // Text, not a number field: Chromium's number field drops a decimal comma, so "2,5"
              // became 25; the portal reads "2,5" and "2.5" alike (lib/quantity.ts).
              type="text"
              inputMode="decimal"
              autoComplete="off"
              required
              value={quantities[l.productId] ?? ''}
              onChange={(e) => setQuantity(l.productId, e.target.value)}
              aria-invalid={issue !== null}
              aria-describedby={issue ? `${id}-issue` : undefined}
              className="w-24 rounded border border-slate-400 px-2 py-1 text-right tabular-nums aria-invalid:border-red-700"
            />
            {issue ? (
              <span id={`${id}-issue`} className="mt-1 block max-w-40 text-xs font-normal text-red-800">
                {t(`quantityIssues.${issue}`, { max: f.quantity(MAX_QUANTITY) })}
              </span>
            ) : null}
          </>
        );
      },
    },
    {
      id: 'price',
      header: t('columns.unitPrice'),
      amount: true,
      cell: (l) => (l.sellable && currency ? f.money(l.priceUnit, currency) : '—'),
    },
    {
      id: 'subtotal',
      header: t('columns.subtotal'),
      amount: true,
      strong: true,
      cell: (l) => {
        const line = estimate.lines.get(l.productId);
        if (!l.sellable || !line || line.subtotal === null || !currency) return '—';
        return (
          <>
            {f.money(line.subtotal, currency)}
            {line.estimated ? <span className="block text-xs font-normal text-amber-900">{t('estimate')}</span> : null}
          </>
        );
      },
    },
    {
      id: 'remove',
      header: t('columns.remove'),
      // Last on the phone card too, after the quantity field: a badge would sit in the card's
      // head while Tab reaches it after the quantity.
      hideHeader: true,
      cell: (l) =>
        l.sellable ? (
          <button type="button" className="text-sm font-normal text-red-800 underline" onClick={() => remove(l.productId)}>
            {t.rich('remove', { name: l.name, hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
          </button>
        ) : null,
    },
  ];
}
