'use server';

import { updateSession } from '@/auth';
import { loadSession } from '@/lib/session/require-session';
import { portalError } from '@/lib/errors';
import { staffAction } from '@/lib/http/action';
import { portalConfig } from '@/lib/config';
import { endSupportSession, setSessionWrite, startSupportSession, type SupportSession } from '@/lib/portal/support-sessions';
import { actingWriteInput, startActingInput } from '@/lib/schemas/support';
import { z } from 'zod';

export const startActingAction = staffAction(
  {
    schema: startActingInput,
    audit: {
      action: 'support.start',
      about: (input, s: SupportSession | undefined) => ({
        tenant: s?.tenant ?? { id: input.customerId, name: '' },
        contact: s?.contact ?? { id: input.contactId, name: '' },
        target: { model: 'res.partner', id: input.contactId, name: s?.contact.name ?? null },
      }),
    },
  },
  async (staff, input) => {
    const session = await startSupportSession(staff, input, portalConfig().SUPPORT_SESSION_MINUTES);
    await updateSession({ acting: session.id });
    return session;
  },
);

/** The support session this staff member is acting in, with whom it concerns. */
async function currentActing() {
  const state = await loadSession();
  if (state.status !== 'customer' || !state.ctx.actingAs) throw portalError('conflict', 'notActing');
  return { id: state.ctx.actingAs.sessionId, tenant: state.ctx.tenant, contact: state.ctx.contact, actingAs: state.ctx.actingAs };
}

type ActingChange = Awaited<ReturnType<typeof currentActing>>;
const concerning = (_input: unknown, r: ActingChange | undefined) =>
  r ? { tenant: r.tenant, contact: r.contact, actingAs: r.actingAs } : {};

export const stopActingAction = staffAction(
  { schema: z.object({}), audit: { action: 'support.stop', about: concerning } },
  async (staff) => {
    const acting = await currentActing();
    await endSupportSession(staff.user.sub, acting.id, 'stopped');
    await updateSession({ acting: null });
    return acting;
  },
);

/** Switching changes on or off is itself recorded in the session, so the customer sees it. */
export const setActingWriteAction = staffAction(
  {
    schema: actingWriteInput,
    audit: {
      action: 'support.set-write',
      about: (input, r: ActingChange | undefined) => (r ? { ...concerning(input, r), detail: { canWrite: input.canWrite } } : {}),
    },
  },
  async (staff, { canWrite }) => {
    const acting = await currentActing();
    await setSessionWrite(staff.user.sub, acting.id, canWrite);
    return acting;
  },
);
