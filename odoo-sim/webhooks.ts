import type { Rec, Store } from './store';

/**
 * What the portal's automation rules (scripts/odoo-webhooks.ts) make a real Odoo do: after a
 * call that created or changed an order, an outgoing delivery, a customer invoice or a
 * partner, POST `{_model, _id, _action, partner_id, commercial_partner_id?}` to the portal,
 * once per record, after the change (Odoo posts after its commit), without waiting on the
 * answer longer than a second. Off until a URL is set (`webhookUrl`, or POST /__sim/webhook).
 */
const WATCHED: Record<string, (r: Rec) => boolean> = {
  'sale.order': () => true,
  'stock.picking': (r) => r.picking_type_code === 'outgoing',
  'account.move': (r) => r.move_type === 'out_invoice' || r.move_type === 'out_refund',
  'res.partner': () => true,
};

export class SimWebhooks {
  url: string | null = null;
  readonly stats = { sent: 0, failed: 0 };

  constructor(private readonly store: Store) {}

  /** Runs one RPC call and then notifies the portal of the watched records it touched. */
  around<T>(call: () => T): T {
    if (!this.url) return call();
    const touched = new Map<string, { model: string; rec: Rec }>();
    this.store.onWrite = (model, rec) => {
      if (WATCHED[model]) touched.set(`${model}#${rec.id}`, { model, rec });
    };
    try {
      return call();
    } finally {
      this.store.onWrite = undefined;
      for (const { model, rec } of touched.values()) if (WATCHED[model]!(rec)) void this.post(model, rec);
    }
  }

  private async post(model: string, rec: Rec) {
    const body: Record<string, unknown> = { _model: model, _id: rec.id, _action: `Portal cache: ${model}(#0)` };
    if (model !== 'res.partner') body.partner_id = rec.partner_id ?? false;
    if ('commercial_partner_id' in rec) body.commercial_partner_id = rec.commercial_partner_id ?? false;
    try {
      const res = await fetch(this.url!, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(1000),
      });
      await res.arrayBuffer();
      if (res.ok) this.stats.sent++;
      else this.stats.failed++;
    } catch {
      this.stats.failed++;
    }
  }
}
