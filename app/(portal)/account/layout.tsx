import { ClientMessages } from '@/components/client-messages';

/** The account forms' words: the person's own details, contacts and addresses. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={['account.me', 'account.contacts', 'account.addresses']}>{children}</ClientMessages>;
}
