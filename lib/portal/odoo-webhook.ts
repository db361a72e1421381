import 'server-only';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { OdooClient } from '../odoo';
import { m2o } from './fields';
import { invalidateRecords } from './cache-bus';
import type { Topic } from './read-cache';

/**
 * What a change notification from Odoo does: find the tenants (commercial partners) of the
 * records it names, and end on every instance their lists and counts of that model's topic
 * and every cached page that shows one of the records.
 */
export const WEBHOOK_MODELS = ['sale.order', 'stock.picking', 'account.move', 'res.partner'] as const;
export type WebhookModel = (typeof WEBHOOK_MODELS)[number];

export const TOPIC_OF: Record<WebhookModel, Topic> = {
  'sale.order': 'orders',
  'stock.picking': 'deliveries',
  'account.move': 'invoices',
  'res.partner': 'partners',
};

const partnerRef = z.union([z.number().int().positive(), z.literal(false), z.null()]).optional();

/**
 * Odoo's "Send Webhook Notification" body (odoo/addons/base/models/ir_actions.py,
 * `_run_action_webhook`): `_model`, `_id`, `_action` and the rule's chosen fields read with
 * load=None, so a many2one is a bare id (or false). The rules scripts/odoo-webhooks.ts
 * installs send `partner_id`, and `commercial_partner_id` where the model stores one.
 */
const odooBody = z.object({
  _model: z.enum(WEBHOOK_MODELS),
  _id: z.number().int().positive(),
  _action: z.string().max(300).optional(),
  partner_id: partnerRef,
  commercial_partner_id: partnerRef,
});

/** Other senders (signed): the model and the changed record ids. */
const genericBody = z.object({
  model: z.enum(WEBHOOK_MODELS),
  ids: z.array(z.number().int().positive()).min(1).max(1000),
});

export const webhookBody = z.union([odooBody, genericBody]);

interface Change {
  model: WebhookModel;
  ids: number[];
  /** The payload's commercial partner, or its partner (mapped to its commercial partner). */
  commercial?: number;
  partner?: number;
}

function changeOf(body: z.infer<typeof webhookBody>): Change {
  if ('model' in body) return { model: body.model, ids: body.ids };
  return {
    model: body._model,
    ids: [body._id],
    commercial: body.commercial_partner_id || undefined,
    partner: body.partner_id || undefined,
  };
}

/** Partner → commercial partner, per process: it rarely changes, and res.partner webhooks correct it. */
const MAP = Symbol.for('portal.commercialPartnerOf');
function commercialMap(): LRUCache<number, number> {
  const g = globalThis as typeof globalThis & { [MAP]?: LRUCache<number, number> };
  g[MAP] ??= new LRUCache({ max: 50_000, ttl: 3_600_000 });
  return g[MAP];
}

/** The commercial partners of these partners: from the map, else one read (archived ones too). */
async function commercialOf(odoo: OdooClient, partnerIds: number[]): Promise<number[]> {
  const map = commercialMap();
  const unknown = partnerIds.filter((id) => !map.has(id));
  if (unknown.length) {
    const rows = await odoo.searchRead('res.partner', [['id', 'in', unknown]], {
      fields: ['commercial_partner_id'],
      context: { active_test: false },
    });
    for (const r of rows) map.set(r.id, m2o(r.commercial_partner_id)?.id ?? r.id);
  }
  return [...new Set(partnerIds.map((id) => map.get(id)).filter((id): id is number => id !== undefined))];
}

/** The tenants the changed records belong to. */
export async function tenantsOf(odoo: OdooClient, change: Change): Promise<number[]> {
  if (change.model === 'res.partner' && change.commercial) {
    for (const id of change.ids) commercialMap().set(id, change.commercial);
    return [change.commercial];
  }
  if (change.commercial) return [change.commercial];
  if (change.partner) return commercialOf(odoo, [change.partner]);
  if (change.model === 'res.partner') return commercialOf(odoo, change.ids);
  // A sender that named only ids: the records' partners (deleted records have none to find).
  const rows = await odoo.searchRead(change.model, [['id', 'in', change.ids]], { fields: ['partner_id'], context: { active_test: false } });
  const partners = rows.map((r) => m2o(r.partner_id)?.id).filter((id): id is number => id !== undefined);
  return partners.length ? commercialOf(odoo, [...new Set(partners)]) : [];
}

/**
 * Ends the cached reads a change in Odoo makes stale: the tenants' lists of that kind of
 * record, and every page showing one of the records, in whichever company it was read (a
 * record found under no tenant, deleted or moved away, still ends its pages). Odoo's rule
 * sends only a moved record's new partner: the lists of the company it left end through
 * the cache's own note of who was shown the record (TenantReadCache.invalidate). Returns
 * the tenants concerned.
 */
export async function applyOdooChange(
  odoo: OdooClient,
  body: z.infer<typeof webhookBody>,
): Promise<{ model: WebhookModel; tenants: number[] }> {
  const change = changeOf(body);
  const tenants = await tenantsOf(odoo, change);
  await invalidateRecords(TOPIC_OF[change.model], tenants, change.ids);
  return { model: change.model, tenants };
}
