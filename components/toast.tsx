'use client';

import { useTranslations } from 'next-intl';
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { toastLifetime, type ToastMessage } from '@/lib/toast';

type ShowToast = (toast: ToastMessage) => void;

const ToastContext = createContext<ShowToast | null>(null);

/** `show(toast)` of the page's toast region, or null outside one (the caller then speaks for itself). */
export function useToast(): ShowToast | null {
  return useContext(ToastContext);
}

const TONE = {
  success: 'border-green-300 bg-green-50 text-green-950',
  error: 'border-red-300 bg-red-50 text-red-950',
} as const;

/**
 * The page's one toast: the result of the latest action. A new toast replaces the shown one
 * (never a pile), a success hides after a few seconds (not while pointed at or focused), an
 * error stays; the button or Escape dismisses it. The polite live region is always in the
 * page so screen readers hear what is put in it; an error is an alert, announced at once.
 * On a phone it sits at the top of the content (below the header and the support banner,
 * held at the top of the screen on scrolling), where it covers the least of a form being
 * filled in (the submit button is at the bottom), and a field focused under it scrolls clear
 * (app/globals.css); on wider screens it is at the bottom right, beside the content.
 */
export function ToastProvider({ children }: { children: React.ReactNode }) {
  const t = useTranslations('common');
  const [toast, setToast] = useState<(ToastMessage & { id: number }) | null>(null);
  const [held, setHeld] = useState(false);
  const seq = useRef(0);
  // A hold ends with its toast: a focused dismiss button goes away without a blur event.
  const show = useCallback<ShowToast>((message) => {
    setHeld(false);
    setToast({ ...message, id: ++seq.current });
  }, []);
  const dismiss = useCallback(() => {
    setHeld(false);
    setToast(null);
  }, []);

  useEffect(() => {
    if (!toast) return;
    const ms = toastLifetime(toast.tone);
    const timer = ms === null || held ? undefined : setTimeout(dismiss, ms);
    const onKey = (e: KeyboardEvent) => {
      // An open dialog owns Escape: it closes the dialog, not the toast behind it.
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]')) return;
      dismiss();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('keydown', onKey);
    };
  }, [toast, held, dismiss]);

  const hold = () => setHeld(true);
  const release = () => setHeld(false);
  return (
    <ToastContext.Provider value={show}>
      {/*
        On a phone, at the top of the page's content, under the header and a support session's
        banner, and held at the top of the screen while the page scrolls (sticky, taking no room:
        nothing moves when it comes); at the bottom it covered the form's own button. From sm
        up, at the bottom right of the screen.
      */}
      <div className="pointer-events-none sticky top-2 z-40 h-0 sm:fixed sm:top-auto sm:right-4 sm:bottom-4 sm:h-auto sm:w-96">
        <div
          data-toast={toast ? toast.tone : undefined}
          className={toast ? `pointer-events-auto flex items-start gap-3 rounded-md border p-4 shadow-lg ${TONE[toast.tone]}` : ''}
          onMouseEnter={hold}
          onMouseLeave={release}
          onFocus={hold}
          onBlur={release}
        >
          <div role="status" aria-live="polite" aria-atomic="true" className={toast?.tone === 'success' ? 'min-w-0 flex-1' : ''}>
            {toast?.tone === 'success' ? <p key={toast.id}>{toast.message}</p> : null}
          </div>
          {toast?.tone === 'error' ? (
            <div role="alert" className="min-w-0 flex-1">
              <p key={toast.id}>{toast.message}</p>
            </div>
          ) : null}
          {toast ? (
            <button
              type="button"
              onClick={dismiss}
              aria-label={t('dismissMessage')}
              className="-my-2 -mr-2 flex size-10 shrink-0 items-center justify-center rounded text-xl leading-none hover:bg-white/70"
            >
              <span aria-hidden="true">×</span>
            </button>
          ) : null}
        </div>
      </div>
      {children}
    </ToastContext.Provider>
  );
}
