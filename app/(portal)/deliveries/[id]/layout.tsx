import { ClientMessages } from '@/components/client-messages';

/** The live delivery panel's words, and the status badges'. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={['deliveries.detail', 'status']}>{children}</ClientMessages>;
}
