import { describe, expect, it } from 'vitest';
import { leastPrivileged } from '../../lib/roles';
import type { Role } from '../../lib/roles';

const contact = (name: string, roles: Role[]) => ({ name, roles });

describe('the contact a support session starts as', () => {
  it('is the one who may do least, not the admin', () => {
    const contacts = [
      contact('Alice Admin', ['customer-admin']),
      contact('Bob Buyer', ['buyer']),
      contact('Fiona Finance', ['finance']),
      contact('Victor Viewer', ['viewer']),
    ];
    expect(leastPrivileged(contacts)?.name).toBe('Victor Viewer');
    expect(leastPrivileged(contacts.slice(0, 3))?.name).toBe('Fiona Finance');
    expect(leastPrivileged([contact('Both', ['buyer', 'finance']), contact('Bob Buyer', ['buyer'])])?.name).toBe('Bob Buyer');
  });

  it('passes over contacts without a portal role while another has one', () => {
    expect(leastPrivileged([contact('Shared Inbox', []), contact('Bob Buyer', ['buyer'])])?.name).toBe('Bob Buyer');
    expect(leastPrivileged([contact('Shared Inbox', [])])?.name).toBe('Shared Inbox');
    expect(leastPrivileged([])).toBeUndefined();
  });
});
