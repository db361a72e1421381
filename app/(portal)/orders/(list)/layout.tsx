import { ClientMessages } from '@/components/client-messages';

/** The orders table's words, and the status badges'. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={['orders.list', 'status']}>{children}</ClientMessages>;
}
