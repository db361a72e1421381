'use client';

import { useTranslations } from 'next-intl';
import { startTransition, useActionState, useEffect, useLayoutEffect, useRef } from 'react';
import type { ActionResult } from '@/lib/http/action';
import { firstFieldError } from '@/lib/field-error';
import { toastOfResult } from '@/lib/toast';
import { useToast } from './toast';
import { Alert, buttonClass } from './ui';

type FormAction<T> = (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;

/**
 * A form bound to a validated server action: pending state, the per-field messages handed
 * to the children (so each input can show its own), and the result (the error, or the
 * `success` text) as the page's toast, which replaces the last action's. Outside a page
 * frame with a toast region the form shows its result itself.
 */
export function ActionForm<T>({
  action,
  children,
  success,
  className,
  label,
  resetOnSuccess = false,
  onSuccess,
  focusOnRemoval,
}: {
  action: FormAction<T>;
  children: (state: { pending: boolean; fieldError: (name: string) => string | undefined }) => React.ReactNode;
  success?: string;
  className?: string;
  label: string;
  resetOnSuccess?: boolean;
  onSuccess?: (data: T) => void;
  /** The id of the element that takes the focus when this form leaves the page with the focus in it (an archived address's form). */
  focusOnRemoval?: string;
}) {
  const toast = useToast();
  // Told from here, not from an effect on the state: an archive or a deactivation can
  // remove this form from the page in the same render that brings its result.
  const [state, formAction, pending] = useActionState(async (prev: ActionResult<T> | null, form: FormData) => {
    const result = await action(prev, form);
    const message = toastOfResult(result, success);
    if (toast && message) toast(message);
    return result;
  }, null);
  const ref = useRef<HTMLFormElement>(null);
  // Each answer is acted on once: the effect runs again whenever the caller passes a new
  // `onSuccess` function, and a second reset or callback would undo what came after it. A
  // success resets (if asked) and calls back; a refusal that names fields takes the focus to
  // the first of them, rendered with its message: keyboard and screen-reader users land on
  // what to correct.
  const handled = useRef<ActionResult<T> | null>(null);
  /** The button that sent the form (or the focused element of a form sent by script): to be handed on if it goes. */
  const submitter = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (!state || handled.current === state) return;
    handled.current = state;
    if (!state.ok) {
      if (state.error.fields) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    if (resetOnSuccess) ref.current?.reset();
    // The button that was pressed can be gone (Deactivate became Reactivate): the keyboard's
    // focus stays in this form, on its button, rather than falling back to the top of the page.
    // Only then: a person who has moved on meanwhile is not pulled back.
    const pressed = submitter.current;
    if (pressed && !pressed.isConnected && (!document.activeElement || document.activeElement === document.body))
      ref.current?.querySelector<HTMLElement>('button')?.focus();
    onSuccess?.(state.data);
  }, [state, resetOnSuccess, onSuccess]);
  // A form that leaves the page holding the focus (its record archived) hands it on. Layout
  // cleanup runs while the form is still in the document; the focus moves once it is gone.
  useLayoutEffect(() => {
    const form = ref.current;
    return () => {
      if (focusOnRemoval && form?.contains(document.activeElement)) setTimeout(() => document.getElementById(focusOnRemoval)?.focus());
    };
  }, [focusOnRemoval]);
  // Submitted by hand rather than through `action=`: React resets a form after an action,
  // which would wipe what the person typed when the server answers with a correction.
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return; // its buttons say so (aria-disabled), and keep the keyboard's focus
    const pressed = (e.nativeEvent as SubmitEvent).submitter;
    // A confirmation dialog submits by script (no submitter): the focus is then on its opener.
    const active =
      document.activeElement instanceof HTMLElement && e.currentTarget.contains(document.activeElement) ? document.activeElement : null;
    submitter.current = pressed ?? active;
    const form = new FormData(e.currentTarget, pressed);
    startTransition(() => formAction(form));
  }
  const fieldError = (name: string) => (state && !state.ok ? firstFieldError(state.error.fields, name) : undefined);
  return (
    // method="post": sent before the scripts start, the fields travel in the body (the page
    // answers as itself and nothing changes), never in an address bar, history or log.
    <form ref={ref} method="post" onSubmit={onSubmit} className={className} aria-label={label} noValidate>
      {children({ pending, fieldError })}
      {toast ? null : (
        <div aria-live="polite" className="mt-2 empty:mt-0">
          {state && !state.ok ? <Alert tone="error">{state.error.message}</Alert> : null}
          {state?.ok && success ? <Alert tone="success">{success}</Alert> : null}
        </div>
      )}
    </form>
  );
}

export function Field({
  name,
  label,
  error,
  defaultValue,
  type = 'text',
  required,
  maxLength,
  autoComplete,
}: {
  name: string;
  label: string;
  error?: string;
  defaultValue?: string | null;
  type?: string;
  required?: boolean;
  maxLength?: number;
  autoComplete?: string;
}) {
  const t = useTranslations('common');
  const id = `f-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {required ? '' : <span className="font-normal text-slate-700"> {t('optional')}</span>}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue ?? ''}
        required={required}
        maxLength={maxLength}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className="w-full rounded border border-slate-400 bg-white px-3 py-2 text-sm"
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A form's main button: off while the form is being sent, and saying so. aria-disabled rather
 * than disabled: a disabled button drops the keyboard's focus to the page, and a keyboard or
 * screen-reader user would start again from the top; ActionForm ignores a submit meanwhile.
 */
export function SubmitButton({ pending, label, busy }: { pending: boolean; label: string; busy: string }) {
  return (
    <div>
      <button type="submit" className={buttonClass} aria-disabled={pending || undefined}>
        {pending ? busy : label}
      </button>
    </div>
  );
}
