import NextLink from 'next/link';
import type { ComponentProps } from 'react';
import { LinkPending } from './link-pending';

/**
 * The portal's link: client-side navigation, never prefetched, with a spinner while its page
 * loads. Every page is rendered per person from Odoo, so Next's default prefetch of each link
 * in view (20-35 requests on a list page) would multiply the work of the portal and of Odoo
 * and use up the person's request limit; the proxy cannot tell a prefetch from a real
 * request, because Next removes its router headers before the proxy runs.
 */
export function Link({ children, ...props }: Omit<ComponentProps<typeof NextLink>, 'prefetch'>) {
  return (
    <NextLink {...props} prefetch={false}>
      {children}
      <LinkPending />
    </NextLink>
  );
}
