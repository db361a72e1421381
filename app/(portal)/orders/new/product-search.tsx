'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { inputClass, labelClass } from '@/components/ui';
import { useFormat } from '@/lib/i18n/use-format';
import type { ProductMatch, ProductSearchResult } from '@/lib/types';
import { PRODUCT_SEARCH_LIMIT, PRODUCT_SEARCH_MAX, PRODUCT_SEARCH_MIN } from '@/lib/schemas/products';

/** Waits this long after the last keystroke before asking: one request per pause, not per key. */
const DEBOUNCE_MS = 250;

/** Why a search failed: the server's own message, or one of ours in the reader's language. */
type Failure = { q: string; message: string | null; reason: 'tooMany' | 'failed' | 'offline' };

type SearchState =
  { status: 'idle' } | { status: 'loading' } | { status: 'done'; result: ProductSearchResult } | { status: 'error'; failure: Failure };

/**
 * The quick order's product typeahead (WAI-ARIA combobox with a listbox popup): finds
 * catalogue products by SKU or name on the server (GET /api/products) while the person
 * types, with their price and stock, and hands the chosen SKU to `onChoose`. A newer
 * keystroke aborts the request before it, so a slow, stale answer never replaces a newer one.
 */
export function ProductSearch({ onChoose }: { onChoose: (product: ProductMatch) => string }) {
  const t = useTranslations('quickOrder.search');
  const f = useFormat();
  const id = useId();
  const listId = `${id}-list`;
  const optionId = (productId: number) => `${id}-option-${productId}`;
  const inputRef = useRef<HTMLInputElement>(null);
  // Answers by search text (lower case): typing back to an earlier text asks nothing again.
  const [answers, setAnswers] = useState<ReadonlyMap<string, ProductSearchResult>>(new Map());
  const [failure, setFailure] = useState<Failure | null>(null);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [added, setAdded] = useState<string | null>(null);

  const q = query.trim();
  const key = q.toLowerCase();
  const searchable = q.length >= PRODUCT_SEARCH_MIN && q.length <= PRODUCT_SEARCH_MAX;
  const answer = searchable ? answers.get(key) : undefined;
  const failed = searchable && !answer && failure?.q === key ? failure : null;
  const state: SearchState = !searchable
    ? { status: 'idle' }
    : answer
      ? { status: 'done', result: answer }
      : failed
        ? { status: 'error', failure: failed }
        : { status: 'loading' };
  const needed = searchable && !answer && !failed;

  useEffect(() => {
    if (!needed) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      void fetch(`/api/products?${new URLSearchParams({ q })}`, { signal: controller.signal, headers: { Accept: 'application/json' } })
        .then(async (res) => {
          const body = (await res.json().catch(() => null)) as (ProductSearchResult & { error?: { message?: string } }) | null;
          if (controller.signal.aborted) return;
          if (!res.ok || !body || body.error) {
            setFailure(
              res.status === 429
                ? { q: key, message: null, reason: 'tooMany' }
                : { q: key, message: body?.error?.message ?? null, reason: 'failed' },
            );
            return;
          }
          setAnswers((prev) => new Map(prev).set(key, body));
        })
        .catch(() => {
          if (!controller.signal.aborted) setFailure({ q: key, message: null, reason: 'offline' });
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [needed, q, key]);

  const products = state.status === 'done' ? state.result.products : [];
  const currency = (state.status === 'done' ? state.result.currency : null) ?? '';
  const expanded = open && products.length > 0;
  const activeProduct = expanded && active >= 0 ? products[active] : undefined;

  function choose(product: ProductMatch) {
    setAdded(onChoose(product));
    setQuery('');
    setOpen(false);
    setActive(-1);
    inputRef.current?.focus();
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (!products.length) return;
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setOpen(true);
        setActive((i) => (!expanded ? (step > 0 ? 0 : products.length - 1) : (i + step + products.length) % products.length));
        return;
      }
      case 'Enter':
        // Never submits the lines form: Enter here chooses a product or does nothing.
        e.preventDefault();
        if (activeProduct) choose(activeProduct);
        return;
      case 'Escape':
        e.preventDefault();
        if (expanded) setOpen(false);
        else setQuery('');
        setActive(-1);
        return;
    }
  }

  const status =
    q.length > 0 && q.length < PRODUCT_SEARCH_MIN
      ? t('tooShort', { min: PRODUCT_SEARCH_MIN })
      : q.length > PRODUCT_SEARCH_MAX
        ? t('tooLong', { max: PRODUCT_SEARCH_MAX })
        : state.status === 'loading'
          ? t('searching')
          : state.status === 'error'
            ? (state.failure.message ?? t(state.failure.reason))
            : state.status === 'done'
              ? products.length
                ? t(products.length === PRODUCT_SEARCH_LIMIT ? 'foundFirst' : 'found', { count: products.length })
                : t('noMatch', { query: state.result.query })
              : (added ?? '');

  /** Stock as the review shows it: on hand, none (ordered on backorder), or not stocked (a service). */
  const availability = (available: number | null) =>
    available === null ? t('notStocked') : available > 0 ? t('inStock', { quantity: f.quantity(available) }) : t('outOfStock');

  return (
    <div className="relative">
      <label htmlFor={`${id}-input`} className={labelClass}>
        {t('label')}
      </label>
      <input
        ref={inputRef}
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={activeProduct ? optionId(activeProduct.productId) : undefined}
        aria-describedby={`${id}-status`}
        autoComplete="off"
        spellCheck={false}
        maxLength={PRODUCT_SEARCH_MAX + 20}
        placeholder={t('placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setAdded(null);
          setFailure(null);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className={inputClass}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={t('results')}
        hidden={!expanded}
        className="absolute z-20 mt-1 max-h-80 w-full overflow-y-auto rounded border border-slate-300 bg-white shadow-lg"
      >
        {products.map((p, i) => (
          <li
            key={p.productId}
            id={optionId(p.productId)}
            role="option"
            aria-selected={i === active}
            // Keeps the focus in the input, so a click reads like Enter.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(p)}
            onMouseMove={() => setActive(i)}
            className={`flex cursor-pointer flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 border-b border-slate-100 px-3 py-2 text-sm last:border-b-0 ${
              i === active ? 'bg-slate-200' : ''
            }`}
          >
            <span className="min-w-0 flex-1 basis-48">
              <span className="block font-medium break-words">{p.name}</span>
              <span className="block font-mono text-xs text-slate-700">{p.sku}</span>
            </span>
            <span className="text-right">
              <span className="block font-medium">
                {f.money(p.priceUnit, currency)}
                {p.unit ? <span className="font-normal text-slate-700"> / {p.unit.replace(/s$/, '')}</span> : null}
              </span>
              <span className="block text-xs text-slate-700">{availability(p.available)}</span>
            </span>
          </li>
        ))}
      </ul>
      <p id={`${id}-status`} role="status" aria-live="polite" className="mt-1 min-h-5 text-sm text-slate-700">
        {status}
      </p>
    </div>
  );
}
