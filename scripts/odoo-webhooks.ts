/**
 * Installs the automation rules through which Odoo tells the portal that its data changed,
 * so the portal's cached reads (lib/portal/read-cache.ts) end at once instead of at their
 * TTL. Idempotent: run it again (e.g. from `npm run odoo:prepare`) and the rules are updated
 * in place.
 *
 * For each of sale.order, stock.picking, account.move and res.partner, two rules (on create
 * and edit, on deletion), each with one "Send Webhook Notification" action (Odoo 17+'s
 * base_automation, installed here if it is not) posting `{_model, _id, _action, partner_id,
 * commercial_partner_id?}` to `<portalUrl>/api/odoo-webhook?token=<token>`. Odoo cannot sign
 * a webhook, so the URL carries a token derived from ODOO_WEBHOOK_SECRET (lib/webhook-auth.ts
 * says what that does and does not protect). Needs an Odoo user who may install modules
 * and edit automation rules (an administrator), not the portal's integration user.
 *
 * Standalone: `ODOO_URL=… ODOO_DB=… ODOO_LOGIN=admin ODOO_API_KEY=… PORTAL_URL=https://portal.example
 * ODOO_WEBHOOK_SECRET=… npm run odoo:webhooks`.
 */
import { pathToFileURL } from 'node:url';
import type { OdooClient } from '../lib/odoo/client';
import { webhookUrlToken } from '../lib/webhook-auth';

export const WEBHOOK_RULE_MODELS = ['sale.order', 'stock.picking', 'account.move', 'res.partner'] as const;

/** Only what the portal shows: customer invoices and credit notes, outgoing deliveries. */
const FILTERS: Partial<Record<(typeof WEBHOOK_RULE_MODELS)[number], string>> = {
  'account.move': "[('move_type', 'in', ['out_invoice', 'out_refund'])]",
  'stock.picking': "[('picking_type_code', '=', 'outgoing')]",
};
/** Fields sent with each call, so the portal finds the tenant without asking Odoo. */
const PAYLOAD_FIELDS = ['partner_id', 'commercial_partner_id'];
const TRIGGERS = { on_create_or_write: 'on create and edit', on_unlink: 'on deletion' } as const;

export interface InstalledRule {
  model: string;
  trigger: keyof typeof TRIGGERS;
  id: number;
  created: boolean;
}

export function webhookUrl(portalUrl: string, secret: string): string {
  return `${portalUrl.replace(/\/+$/, '')}/api/odoo-webhook?token=${webhookUrlToken(secret)}`;
}

/**
 * Installs (or updates) the rules. `label` names them in Odoo ("Portal cache: sale.order on
 * create and edit"); a second portal on the same Odoo uses its own label.
 */
export async function installWebhookRules(
  client: OdooClient,
  portalUrl: string,
  secret: string,
  opts: { label?: string } = {},
): Promise<{ moduleInstalled: boolean; rules: InstalledRule[] }> {
  const label = opts.label ?? 'Portal cache';
  const moduleInstalled = await ensureBaseAutomation(client);
  const url = webhookUrl(portalUrl, secret);
  const rules: InstalledRule[] = [];
  for (const model of WEBHOOK_RULE_MODELS) {
    const [irModel] = await client.searchRead('ir.model', [['model', '=', model]], { fields: ['id'], limit: 1 });
    if (!irModel) throw new Error(`Odoo has no model ${model}`);
    const fields = await client.searchRead(
      'ir.model.fields',
      [
        ['model', '=', model],
        ['name', 'in', PAYLOAD_FIELDS],
      ],
      { fields: ['name'] },
    );
    const action = { state: 'webhook', webhook_url: url, webhook_field_ids: [[6, 0, fields.map((f) => f.id)]] };
    for (const [trigger, words] of Object.entries(TRIGGERS) as [keyof typeof TRIGGERS, string][]) {
      const name = `${label}: ${model} ${words}`;
      const rule = { trigger, filter_domain: FILTERS[model] ?? false, active: true };
      const [existing] = await client.searchRead(
        'base.automation',
        [
          ['name', '=', name],
          ['model_id', '=', irModel.id],
        ],
        { fields: ['action_server_ids'], limit: 1, context: { active_test: false } },
      );
      if (existing) {
        await client.write('base.automation', [existing.id], rule);
        const actions = existing.action_server_ids as number[];
        if (actions.length) await client.write('ir.actions.server', actions, action);
        else
          await client.write('base.automation', [existing.id], {
            action_server_ids: [[0, 0, { name, model_id: irModel.id, usage: 'base_automation', ...action }]],
          });
        rules.push({ model, trigger, id: existing.id, created: false });
      } else {
        const id = await client.create('base.automation', {
          name,
          model_id: irModel.id,
          ...rule,
          action_server_ids: [[0, 0, { name, model_id: irModel.id, usage: 'base_automation', ...action }]],
        });
        rules.push({ model, trigger, id, created: true });
      }
    }
  }
  return { moduleInstalled, rules };
}

/** Removes the rules of this label (and their actions). */
export async function removeWebhookRules(client: OdooClient, opts: { label?: string } = {}): Promise<number> {
  const label = opts.label ?? 'Portal cache';
  const found = await client.searchRead('base.automation', [['name', '=like', `${label}: %`]], {
    fields: ['action_server_ids'],
    context: { active_test: false },
  });
  const ids = found.map((r) => r.id).filter((id) => typeof id === 'number');
  if (ids.length) await client.callMethod('base.automation', 'unlink', ids);
  return ids.length;
}

/** base_automation ships with Odoo (Community) but is not installed by default. */
async function ensureBaseAutomation(client: OdooClient): Promise<boolean> {
  const [mod] = await client.searchRead('ir.module.module', [['name', '=', 'base_automation']], { fields: ['state'], limit: 1 });
  if (!mod) throw new Error('This Odoo has no base_automation module (automation rules); webhooks need Odoo 17 or later');
  if (mod.state === 'installed') return false;
  await client.callMethod('ir.module.module', 'button_immediate_install', [mod.id]);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { odooConfigFromEnv } = await import('../lib/odoo/config');
  const { OdooGateway } = await import('../lib/odoo/client');
  const portalUrl = process.env.PORTAL_URL;
  const secret = process.env.ODOO_WEBHOOK_SECRET;
  if (!portalUrl || !secret) {
    console.error('Set PORTAL_URL (the portal as Odoo reaches it) and ODOO_WEBHOOK_SECRET, and ODOO_* for an Odoo administrator.');
    process.exit(2);
  }
  const result = await installWebhookRules(new OdooGateway(odooConfigFromEnv()).client(), portalUrl, secret);
  console.log(
    `base_automation ${result.moduleInstalled ? 'installed now' : 'already installed'}; rules: ${result.rules.map((r) => `${r.model} ${r.trigger} #${r.id}${r.created ? ' (new)' : ''}`).join(', ')}`,
  );
}
