import { ClientMessages } from '@/components/client-messages';

/** The quick order's words: its form, the product search, the review. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages namespaces={['quickOrder.form', 'quickOrder.search', 'quickOrder.review', 'quickOrder.summary', 'quickOrder.delivery']}>
      {children}
    </ClientMessages>
  );
}
