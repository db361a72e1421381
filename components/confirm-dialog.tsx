'use client';

import { useTranslations } from 'next-intl';
import { useId, useRef } from 'react';
import { buttonClass, secondaryButtonClass } from './ui';

/**
 * A submit button that asks first. It opens a modal dialog naming what will happen, with
 * the focus on Cancel (the safe choice); Escape or Cancel closes it and nothing is sent,
 * the confirm button submits the button's form. Focus goes back to the button either way.
 */
export function ConfirmSubmit({
  children,
  className,
  disabled,
  title,
  description,
  confirmLabel,
  tone = 'danger',
}: {
  /** The button's content (visible text, plus what tells it apart for a screen reader). */
  children: React.ReactNode;
  className?: string;
  disabled?: boolean;
  /** The dialog's heading and name: the question, naming the record. */
  title: string;
  /** What follows from confirming. */
  description: string;
  confirmLabel: string;
  /** `danger` for what cannot be undone by the user (red), `primary` for a go-ahead such as confirming an order. */
  tone?: 'danger' | 'primary';
}) {
  const t = useTranslations('common');
  const opener = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  function open() {
    if (disabled) return;
    dialog.current?.showModal();
    cancel.current?.focus();
  }
  function confirm() {
    const form = opener.current?.form;
    dialog.current?.close();
    form?.requestSubmit();
  }
  return (
    <>
      {/* aria-disabled, not disabled: a disabled button drops the keyboard's focus to the page. */}
      <button ref={opener} type="button" className={className} aria-disabled={disabled || undefined} aria-haspopup="dialog" onClick={open}>
        {children}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        onClose={() => opener.current?.focus()}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-950/50"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <p id={descriptionId} className="mt-2 text-sm text-slate-700">
          {description}
        </p>
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <button ref={cancel} type="button" className={secondaryButtonClass} onClick={() => dialog.current?.close()}>
            {t('cancel')}
          </button>
          <button
            type="button"
            className={tone === 'danger' ? 'rounded bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800' : buttonClass}
            onClick={confirm}
          >
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
