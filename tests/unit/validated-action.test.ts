import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { ActingAs, PortalContext } from '../../lib/context';
import type { OdooClient } from '../../lib/odoo';
import type { Role } from '../../lib/roles';

/**
 * validatedAction() between the session and the handler: the permission check and the
 * read-only switch of a support session. The session and the audit trail are replaced by
 * what each case needs.
 */

const session = vi.hoisted(() => ({ ctx: undefined as PortalContext | undefined }));
vi.mock('../../lib/session/require-session', () => ({
  requireSession: async () => session.ctx!,
  requireStaff: async () => {
    throw new Error('not a staff action');
  },
}));
vi.mock('../../lib/portal/audit', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/portal/audit')>()),
  recordAudit: vi.fn(async () => {}),
  settleRequest: vi.fn(async () => {}),
}));

const { validatedAction } = await import('../../lib/http/action');
const { recordAudit } = await import('../../lib/portal/audit');

const context = (roles: Role[], actingAs?: ActingAs): PortalContext => ({
  requestId: 'req-1',
  ip: null,
  user: { sub: actingAs ? 'idp|mia' : 'idp|bob', email: null, name: actingAs ? 'Mia Manager' : 'Bob Buyer' },
  locale: 'en',
  contact: { id: 21, name: 'Bob Buyer' },
  tenant: { id: 10, name: 'Brightline Hardware Ltd' },
  roles: new Set(roles),
  odoo: {} as OdooClient,
  ...(actingAs ? { actingAs } : {}),
});
const acting = (canWrite: boolean): ActingAs => ({
  sessionId: 's-1',
  canWrite,
  expiresAt: '2026-11-23T12:30:00.000Z',
  reason: 'Customer asked for help',
});

const schema = z.object({ quantity: z.coerce.number().int().positive() });
const handler = vi.fn(async (_ctx: PortalContext, input: { quantity: number }) => ({ ordered: input.quantity }));
const placeOrder = validatedAction({ schema, permission: 'order', audit: { action: 'order.place' } }, handler);
const previewOrder = validatedAction({ schema, permission: 'order', readOnly: true }, handler);

beforeEach(() => {
  handler.mockClear();
  vi.mocked(recordAudit).mockClear();
});

describe('validatedAction', () => {
  it('runs a mutation for a customer whose role allows it, and audits it', async () => {
    session.ctx = context(['buyer']);
    expect(await placeOrder(null, { quantity: 2 })).toEqual({ ok: true, data: { ordered: 2 } });
    expect(handler).toHaveBeenCalledOnce();
    expect(recordAudit).toHaveBeenCalledWith(session.ctx, { action: 'order.place', target: null, outcome: 'success' });
  });

  it('refuses a role without the permission before the handler runs', async () => {
    session.ctx = context(['viewer']);
    expect(await placeOrder(null, { quantity: 2 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handler).not.toHaveBeenCalled();
    expect(recordAudit).toHaveBeenCalledWith(session.ctx, expect.objectContaining({ action: 'order.place', outcome: 'denied' }));
  });

  it('refuses every mutation in a read-only support session, runs none of it, and audits the denied attempt', async () => {
    session.ctx = context(['buyer'], acting(false));
    const result = await placeOrder(null, { quantity: 2 });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/read-only/) } });
    expect(handler).not.toHaveBeenCalled();
    expect(recordAudit).toHaveBeenCalledWith(session.ctx, expect.objectContaining({ action: 'order.place', outcome: 'denied' }));
  });

  it('runs the mutation once changes on the customer’s behalf are switched on', async () => {
    session.ctx = context(['buyer'], acting(true));
    expect(await placeOrder(null, { quantity: 3 })).toEqual({ ok: true, data: { ordered: 3 } });
    expect(handler).toHaveBeenCalledOnce();
  });

  it('runs a read-only action (a preview) in a read-only support session, with no audit event', async () => {
    session.ctx = context(['buyer'], acting(false));
    expect(await previewOrder(null, { quantity: 4 })).toEqual({ ok: true, data: { ordered: 4 } });
    expect(handler).toHaveBeenCalledOnce();
    expect(recordAudit).not.toHaveBeenCalled();
  });
});
