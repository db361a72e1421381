import { ClientMessages } from '@/components/client-messages';

/** The form that starts acting for a customer. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={['support.customer']}>{children}</ClientMessages>;
}
