'use client';

import { ActionForm } from '@/components/action-form';
import { ConfirmSubmit } from '@/components/confirm-dialog';
import { buttonClass } from '@/components/ui';
import { confirmQuotationAction } from '../actions';

/** The form's words, said by the page (the order page sends its client no catalogue of its own). */
export interface ConfirmQuotationWords {
  button: string;
  formLabel: string;
  dialogTitle: string;
  dialogDescription: string;
  dialogConfirm: string;
  confirmed: string;
}

/**
 * The customer's go-ahead on a quotation: a button that asks first, naming the order and
 * its total, and sends the version of the quotation this page showed, so a quotation the
 * seller changed meanwhile is refused rather than confirmed unseen.
 */
export function ConfirmQuotationForm({ orderId, version, words }: { orderId: number; version: string; words: ConfirmQuotationWords }) {
  return (
    <ActionForm action={confirmAndFocus} label={words.formLabel} success={words.confirmed}>
      {({ pending }) => (
        <>
          <input type="hidden" name="orderId" value={orderId} />
          <input type="hidden" name="version" value={version} />
          <ConfirmSubmit
            className={buttonClass}
            disabled={pending}
            tone="primary"
            title={words.dialogTitle}
            description={words.dialogDescription}
            confirmLabel={words.dialogConfirm}
          >
            {words.button}
          </ConfirmSubmit>
        </>
      )}
    </ActionForm>
  );
}

/**
 * Once confirmed, this form (and the button that had the focus) leaves the refreshed page, in
 * the same render that brings the answer (so not from the form's effects): the focus goes to
 * the page's heading, which stays, where the order's new status is read next.
 */
const confirmAndFocus: typeof confirmQuotationAction = async (prev, form) => {
  const result = await confirmQuotationAction(prev, form);
  if (result.ok) focusHeading();
  return result;
};

function focusHeading() {
  const heading = document.querySelector<HTMLElement>('main h1');
  heading?.setAttribute('tabindex', '-1');
  heading?.focus();
}
