import { useTranslations } from 'next-intl';
import { inputClass, labelClass } from '@/components/ui';
import { latestRequestedDate } from '@/lib/requested-date';

export interface AddressOption {
  id: number;
  label: string;
}

/** Where and when the order goes, and the customer's PO reference, with each field's error from the server. */
export function DeliveryFields({
  addresses,
  defaultAddressId,
  today,
  errors,
}: {
  addresses: AddressOption[];
  /** Where the order goes unless changed (a reorder: the original order's address); else the first. */
  defaultAddressId?: number;
  today: string;
  errors: Record<string, string[] | undefined>;
}) {
  const t = useTranslations('quickOrder.delivery');
  return (
    <fieldset className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3">
      <legend className="px-1 font-semibold">{t('legend')}</legend>
      <div>
        <label htmlFor="shippingAddressId" className={labelClass}>
          {t('deliverTo')}
        </label>
        <select
          id="shippingAddressId"
          name="shippingAddressId"
          className={inputClass}
          defaultValue={defaultAddressId ?? addresses[0]?.id}
          aria-invalid={errors.shippingAddressId ? true : undefined}
          aria-describedby={errors.shippingAddressId ? 'address-error' : undefined}
        >
          {addresses.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
        {errors.shippingAddressId ? (
          <p id="address-error" className="mt-1 text-sm text-red-800">
            {errors.shippingAddressId[0]}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor="poReference" className={labelClass}>
          {t('poReference')} <span className="font-normal text-slate-700">{t('optional')}</span>
        </label>
        <input
          id="poReference"
          name="poReference"
          maxLength={64}
          className={inputClass}
          aria-invalid={errors.poReference ? true : undefined}
          aria-describedby={errors.poReference ? 'po-error' : undefined}
        />
        {errors.poReference ? (
          <p id="po-error" className="mt-1 text-sm text-red-800">
            {errors.poReference[0]}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor="requestedDate" className={labelClass}>
          {t('requestedDate')} <span className="font-normal text-slate-700">{t('optional')}</span>
        </label>
        <input
          id="requestedDate"
          name="requestedDate"
          type="date"
          min={today}
          max={latestRequestedDate(today)}
          className={inputClass}
          aria-invalid={errors.requestedDate ? true : undefined}
          aria-describedby={errors.requestedDate ? 'date-error' : undefined}
        />
        {errors.requestedDate ? (
          <p id="date-error" className="mt-1 text-sm text-red-800">
            {errors.requestedDate[0]}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
