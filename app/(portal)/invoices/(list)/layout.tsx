import { ClientMessages } from '@/components/client-messages';

/** The invoices table's words, its bulk download's, and the status badges'. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={['invoices.list', 'invoices.table', 'invoices.bulk', 'status']}>{children}</ClientMessages>;
}
