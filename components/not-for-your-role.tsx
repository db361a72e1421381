import { Alert } from '@/components/ui';

/** What a buyer or viewer sees on an invoice page (the menu hides them; a typed URL lands here). */
export function NotForYourRole() {
  return (
    <Alert tone="error" title="Invoices are for your company’s finance team and admins">
      Ask a colleague with the finance or admin role, or your account manager.
    </Alert>
  );
}
