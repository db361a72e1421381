import { useTranslations } from 'next-intl';
import { buttonClass, secondaryButtonClass } from '@/components/ui';
import type { CartEstimate } from '@/lib/cart-estimate';
import { useFormat } from '@/lib/i18n/use-format';

/** The review's totals and its two buttons, kept in view at the bottom while the lines scroll. */
export function OrderSummary({
  estimate,
  currency,
  repricing,
  onReprice,
  canReprice,
  canPlace,
  placeLabel,
}: {
  estimate: CartEstimate;
  /** Null when nothing was priced (no line can be ordered): the amounts read as a dash, in no currency. */
  currency: string | null;
  repricing: boolean;
  onReprice: () => void;
  canReprice: boolean;
  canPlace: boolean;
  /** Null where the order cannot be placed from here (a read-only support session). */
  placeLabel: string | null;
}) {
  const t = useTranslations('quickOrder.summary');
  const f = useFormat();
  const money = (amount: number) => (currency ? f.money(amount, currency) : '—');
  return (
    <section
      aria-label={t('label')}
      className="sticky bottom-0 z-10 flex flex-wrap items-center justify-between gap-x-4 gap-y-2 rounded-t-lg border border-slate-300 bg-white px-4 py-3 shadow-[0_-2px_8px_rgba(0,0,0,0.08)] sm:rounded-lg"
    >
      <dl className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm" aria-live="polite">
        <div className="hidden gap-2 sm:flex">
          <dt>{t('untaxed')}</dt>
          <dd className="tabular-nums">{money(estimate.amountUntaxed)}</dd>
        </div>
        <div className="hidden gap-2 sm:flex">
          <dt>{t('taxes')}</dt>
          <dd className="tabular-nums">{money(estimate.amountTax)}</dd>
        </div>
        <div className="flex gap-2 text-base font-semibold">
          <dt>
            {t('total')}
            {estimate.estimated ? <span className="font-normal text-amber-900"> {t('estimate')}</span> : null}
          </dt>
          <dd className="tabular-nums">{money(estimate.amountTotal)}</dd>
        </div>
      </dl>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={secondaryButtonClass} onClick={onReprice} disabled={repricing || !canReprice}>
          {repricing ? t('updatingPrices') : t('updatePrices')}
        </button>
        {placeLabel === null ? null : (
          <button type="submit" className={buttonClass} disabled={!canPlace}>
            {placeLabel}
          </button>
        )}
      </div>
    </section>
  );
}
