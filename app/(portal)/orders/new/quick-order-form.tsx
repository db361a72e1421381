'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef, useState } from 'react';
import { Alert, buttonClass, fileInputClass, inputClass, labelClass } from '@/components/ui';
import { previewQuickOrderAction } from '../actions';
import { OrderReviewForm } from './order-review-form';
import type { AddressOption } from './review-delivery-fields';
import { ProductSearch } from './product-search';
import { addProductLine } from './add-product-line';
import { withFileLines } from './file-lines';
import { QUICK_ORDER_MAX_TEXT } from '@/lib/schemas/orders';

/**
 * Quick order: find products by SKU or name (each chosen one adds a line), paste
 * `SKU quantity` lines or load a CSV into the box, check them (nothing is created), then
 * review and place the order.
 */
export function QuickOrderForm({
  addresses,
  idempotencyKey,
  today,
  placeholder,
  readOnly,
}: {
  addresses: AddressOption[];
  /** A read-only support session: the order is checked and priced, not placed. */
  readOnly: boolean;
  idempotencyKey: string;
  today: string;
  /** Example lines with SKUs of the customer's own catalogue. */
  placeholder?: string;
}) {
  const t = useTranslations('quickOrder.form');
  const [text, setText] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [fileNote, setFileNote] = useState('');
  /** The last file's text as it went into the box, to swap when a file is loaded again. */
  const lastFile = useRef<string | null>(null);
  const [state, preview, checking] = useActionState(previewQuickOrderAction, null);
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const problems = useRef<HTMLDivElement>(null);

  // Each check's answer takes the reader to it: the review, or what to correct. Both come
  // below the form, on a phone below the screen, where a tap on "Check lines" seemed to do nothing.
  useEffect(() => {
    if (!state) return;
    const target = state.ok && state.data.cart && !state.data.errors.length ? reviewHeading.current : problems.current;
    if (!target) return;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'start' });
  }, [state]);

  async function loadFile(e: React.ChangeEvent<HTMLInputElement>) {
    setFileError(null);
    setFileNote('');
    const input = e.target;
    const file = input.files?.[0];
    if (!file) return;
    if (file.size > 50_000) return setFileError(t('fileTooLarge'));
    const content = await file.text();
    if (!content.trim()) return setFileError(t('fileEmpty'));
    // A PDF or a spreadsheet's own format read as text: NUL bytes or the replacement character.
    if (/[\u0000\ufffd]/.test(content)) return setFileError(t('fileNotText'));
    // Lines already typed or found stay: the file's come below them (its header is skipped there
    // too), and a file loaded again replaces its earlier lines.
    const next = withFileLines(text, content, lastFile.current);
    if (next.text.length > QUICK_ORDER_MAX_TEXT) return setFileError(t('linesTooLong', { max: QUICK_ORDER_MAX_TEXT }));
    lastFile.current = content;
    setText(next.text);
    setFileNote(t(`file${next.how === 'loaded' ? 'Loaded' : next.how === 'added' ? 'Added' : 'Replaced'}`, { name: file.name }));
    // The same file can be chosen again after it was edited.
    input.value = '';
  }

  const result = state?.ok ? state.data : null;
  return (
    <div className="flex flex-col gap-6">
      <form action={preview} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-label={t('label')}>
        <ProductSearch
          onChoose={(product) => {
            const { text: next, quantity, otherCase } = addProductLine(text, product.sku);
            setText(next);
            const added = { sku: product.sku, name: product.name, quantity };
            // Another line names the SKU in another case: the review adds it in if it is this product.
            return otherCase ? t('addedBesideOtherCase', { ...added, otherCase }) : t('added', added);
          }}
        />
        <div>
          <label htmlFor="text" className={labelClass}>
            {t('linesLabel')}
          </label>
          <textarea
            id="text"
            name="text"
            rows={8}
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={QUICK_ORDER_MAX_TEXT}
            placeholder={placeholder}
            className={`${inputClass} font-mono`}
            aria-describedby="text-help"
          />
          <p id="text-help" className="mt-1 text-sm text-slate-700">
            {t('linesHelp')}
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-4">
          <div>
            <label htmlFor="csv" className={labelClass}>
              {t('csvLabel')}
            </label>
            <input id="csv" type="file" accept=".csv,text/csv,text/plain" onChange={loadFile} className={fileInputClass} />
          </div>
          <a href="/orders/new/template" download className="text-sm underline">
            {t('csvTemplate')}
          </a>
        </div>
        <p role="status" className="text-sm text-slate-700 empty:hidden">
          {fileNote}
        </p>
        {fileError ? <Alert tone="error">{fileError}</Alert> : null}
        <div>
          <button type="submit" className={buttonClass} disabled={checking || !text.trim()}>
            {checking ? t('checking') : t('check')}
          </button>
        </div>
      </form>
      <div ref={problems} tabIndex={-1} className="flex flex-col gap-3 empty:hidden">
        {state && !state.ok ? <Alert tone="error">{state.error.message}</Alert> : null}
        {result && result.errors.length ? (
          <Alert tone="error" title={t('linesNeedAttention', { count: result.errors.length })}>
            <ul className="list-disc pl-5">
              {result.errors.map((e) => (
                <li key={`${e.line}-${e.text}`}>
                  {e.line ? `${t('lineNumber', { line: e.line })} ` : ''}
                  {e.message}
                </li>
              ))}
            </ul>
            <p className="mt-2">{t('correctAndCheck')}</p>
          </Alert>
        ) : null}
      </div>
      {result?.cart && !result.errors.length ? (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading" ref={reviewHeading} tabIndex={-1} className="mb-2 text-lg font-semibold">
            {t('review')}
          </h2>
          <OrderReviewForm
            key={JSON.stringify(result.cart.lines.map((l) => [l.productId, l.quantity]))}
            initialCart={result.cart}
            readOnly={readOnly}
            addresses={addresses}
            idempotencyKey={idempotencyKey}
            today={today}
          />
        </section>
      ) : null}
    </div>
  );
}
