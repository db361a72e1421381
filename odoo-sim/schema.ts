import { creditWarning, partnerCredit, type RecordSource } from './credit';

/** Reserved: the quantity of the product's moves that are reserved and not yet done. */
const RESERVING = new Set(['assigned', 'partially_available']);
function freeQuantity(store: RecordSource, product: { id: number; qty_available?: unknown }): number {
  let reserved = 0;
  for (const m of store.all('stock.move'))
    if (m.product_id === product.id && RESERVING.has(String(m.state))) reserved += Number(m.quantity) || 0;
  return Math.round((Number(product.qty_available ?? 0) - reserved) * 1000) / 1000;
}

/**
 * The models and fields the simulator knows, with Odoo 19 names (checked against
 * odoo/odoo 19.0 addons/{base,sale,stock,account,product,delivery}/models). A field that is
 * not listed here answers `Invalid field` exactly like a real server.
 */
export type FieldType =
  | 'char'
  | 'text'
  | 'html'
  | 'selection'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'integer'
  | 'float'
  | 'monetary'
  | 'binary'
  | 'many2one'
  | 'one2many'
  | 'many2many';

export interface FieldDef {
  type: FieldType;
  /** Human label, used in validation messages ("Missing required value for the field 'Customer'"). */
  string: string;
  relation?: string;
  /** one2many: the many2one on `relation` pointing back. */
  inverse?: string;
  required?: boolean;
  /** Default for create when the caller leaves the field out. */
  default?: unknown;
  /** Translatable (Odoo's `translate=True`): read in `context.lang` when the record has that translation. */
  translate?: boolean;
  /** A float's decimals (Odoo's `digits`): a value written is rounded to them, as Odoo does. */
  digits?: number;
  /** Computed on read from the stored record (not stored, like Odoo's non-stored computes). */
  compute?: (rec: Record<string, unknown> & { id: number }, store: RecordSource, version: number) => unknown;
}

export interface ModelDef {
  name: string;
  description: string;
  order: string;
  fields: Record<string, FieldDef>;
}

const char = (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'char', string, ...extra });
const m2o = (relation: string, string: string, extra: Partial<FieldDef> = {}): FieldDef => ({
  type: 'many2one',
  relation,
  string,
  ...extra,
});
const o2m = (relation: string, inverse: string, string: string): FieldDef => ({
  type: 'one2many',
  relation,
  inverse,
  string,
});
const m2m = (relation: string, string: string): FieldDef => ({ type: 'many2many', relation, string });
const num = (string: string, type: 'float' | 'monetary' | 'integer' = 'float', extra: Partial<FieldDef> = {}): FieldDef => ({
  type,
  string,
  default: 0,
  ...extra,
});
const sel = (string: string, def?: string | false): FieldDef => ({ type: 'selection', string, default: def ?? false });
const date = (string: string): FieldDef => ({ type: 'date', string });
const datetime = (string: string): FieldDef => ({ type: 'datetime', string });
const bool = (string: string, def = false): FieldDef => ({ type: 'boolean', string, default: def });
const text = (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'text', string, ...extra });

const common = {
  id: { type: 'integer', string: 'ID' } as FieldDef,
  display_name: char('Display Name'),
  create_date: datetime('Created on'),
  write_date: datetime('Last Updated on'),
};

const models: ModelDef[] = [
  {
    name: 'res.partner',
    description: 'Contact',
    order: 'complete_name ASC, id DESC',
    fields: {
      name: char('Name'),
      complete_name: char('Complete Name'),
      is_company: bool('Is a Company'),
      company_type: sel('Company Type', 'person'),
      parent_id: m2o('res.partner', 'Related Company'),
      commercial_partner_id: m2o('res.partner', 'Commercial Entity'),
      child_ids: o2m('res.partner', 'parent_id', 'Contact'),
      ref_company_ids: o2m('res.company', 'partner_id', 'Companies that refers to partner'),
      type: sel('Address Type', 'contact'),
      function: char('Job Position'),
      email: char('Email'),
      // mail.thread.blacklist (addons/mail): stored, the address lower-cased without a display name.
      email_normalized: char('Normalized Email', { compute: (r) => normalizeEmail(r.email) }),
      phone: char('Phone'),
      street: char('Street'),
      street2: char('Street2'),
      city: char('City'),
      zip: char('Zip'),
      state_id: m2o('res.country.state', 'State'),
      country_id: m2o('res.country', 'Country'),
      vat: char('Tax ID'),
      ref: char('Reference'),
      // Odoo 19 stores any code here without a check (recording 08l): the portal asks res.lang first.
      lang: char('Language', { default: 'en_US' }),
      user_id: m2o('res.users', 'Salesperson'),
      user_ids: o2m('res.users', 'partner_id', 'Users'),
      property_payment_term_id: m2o('account.payment.term', 'Customer Payment Terms'),
      property_product_pricelist: m2o('product.pricelist', 'Pricelist'),
      // account/models/partner.py: computed from the open receivable, never stored.
      credit: num('Total Receivable', 'monetary', { compute: (r, store) => partnerCredit(store, r) }),
      credit_limit: num('Credit Limit'),
      category_id: m2m('res.partner.category', 'Tags'),
      active: bool('Active', true),
      comment: { type: 'html', string: 'Notes' },
      company_id: m2o('res.company', 'Company'),
    },
  },
  {
    name: 'res.company',
    description: 'Companies',
    order: 'sequence, name',
    fields: {
      sequence: num('Sequence', 'integer'),
      name: char('Company Name'),
      partner_id: m2o('res.partner', 'Partner'),
      currency_id: m2o('res.currency', 'Currency'),
      account_use_credit_limit: bool('Sales Credit Limit'),
    },
  },
  {
    name: 'res.users',
    description: 'User',
    order: 'name, login',
    fields: {
      name: char('Name'),
      login: char('Login', { required: true }),
      email: char('Email'),
      partner_id: m2o('res.partner', 'Related Partner'),
      share: bool('Share User'),
      active: bool('Active', true),
      company_id: m2o('res.company', 'Company'),
      company_ids: m2m('res.company', 'Companies'),
    },
  },
  { name: 'res.groups', description: 'Access Groups', order: 'name', fields: { name: char('Name') } },
  { name: 'res.country', description: 'Country', order: 'name, id', fields: { name: char('Country Name'), code: char('Country Code') } },
  {
    name: 'res.country.state',
    description: 'Country state',
    order: 'code',
    fields: { name: char('State Name'), code: char('State Code'), country_id: m2o('res.country', 'Country') },
  },
  {
    name: 'res.currency',
    description: 'Currency',
    order: 'active desc, name',
    fields: { name: char('Currency'), symbol: char('Symbol'), active: bool('Active', true) },
  },
  {
    name: 'res.lang',
    description: 'Languages',
    order: 'active desc, name',
    fields: { name: char('Name', { required: true }), code: char('Locale Code', { required: true }), active: bool('Active', false) },
  },
  {
    name: 'res.partner.category',
    description: 'Partner Tags',
    order: 'complete_name',
    fields: { name: char('Name'), complete_name: char('Full Name'), active: bool('Active', true) },
  },
  {
    name: 'account.payment.term',
    description: 'Payment Terms',
    order: 'sequence, id',
    fields: { sequence: num('Sequence', 'integer'), name: char('Payment Terms'), days: num('Days', 'integer') },
  },
  {
    name: 'product.pricelist',
    description: 'Pricelist',
    order: 'sequence, id, name',
    fields: {
      sequence: num('Sequence', 'integer'),
      name: char('Pricelist Name'),
      currency_id: m2o('res.currency', 'Currency'),
      discount: num('Discount %'),
    },
  },
  {
    name: 'product.category',
    description: 'Product Category',
    order: 'complete_name',
    fields: { name: char('Name'), complete_name: char('Complete Name'), parent_id: m2o('product.category', 'Parent Category') },
  },
  {
    name: 'uom.uom',
    description: 'Product Unit of Measure',
    order: 'sequence, id',
    fields: { sequence: num('Sequence', 'integer'), name: char('Unit Name') },
  },
  {
    name: 'account.tax',
    description: 'Tax',
    order: 'sequence,id',
    fields: { name: char('Tax Name'), amount: num('Amount'), sequence: num('Sequence', 'integer') },
  },
  {
    name: 'product.product',
    description: 'Product Variant',
    order: 'is_favorite desc, default_code, name, id',
    fields: {
      name: char('Name', { translate: true }),
      default_code: char('Internal Reference'),
      barcode: char('Barcode'),
      list_price: num('Sales Price'),
      lst_price: num('Sales Price'),
      standard_price: num('Cost'),
      type: sel('Product Type', 'consu'),
      is_storable: bool('Track Inventory'),
      sale_ok: bool('Sales', true),
      active: bool('Active', true),
      is_favorite: bool('Favorite'),
      uom_id: m2o('uom.uom', 'Unit'),
      categ_id: m2o('product.category', 'Product Category'),
      invoice_policy: sel('Invoicing Policy', 'order'),
      qty_available: num('Quantity On Hand'),
      // stock/models/product.py: on hand less what moves not yet done have reserved.
      free_qty: num('Free To Use Quantity', 'float', { compute: (r, store) => freeQuantity(store, r) }),
      description_sale: text('Sales Description'),
      taxes_id: m2m('account.tax', 'Sales Taxes'),
      company_id: m2o('res.company', 'Company'),
    },
  },
  {
    name: 'sale.order',
    description: 'Sales Order',
    order: 'date_order desc, id desc',
    fields: {
      name: char('Order Reference', { default: 'New' }),
      state: sel('Status', 'draft'),
      locked: bool('Locked'),
      date_order: datetime('Order Date'),
      validity_date: date('Expiration'),
      require_payment: bool('Online payment'),
      commitment_date: datetime('Delivery Date'),
      partner_id: m2o('res.partner', 'Customer', { required: true }),
      partner_invoice_id: m2o('res.partner', 'Invoice Address'),
      partner_shipping_id: m2o('res.partner', 'Delivery Address'),
      client_order_ref: char('Customer Reference'),
      origin: char('Source Document'),
      order_line: o2m('sale.order.line', 'order_id', 'Order Lines'),
      picking_ids: o2m('stock.picking', 'sale_id', 'Transfers'),
      invoice_ids: m2m('account.move', 'Invoices'),
      invoice_status: sel('Invoice Status', 'no'),
      delivery_status: sel('Delivery Status', false),
      amount_untaxed: num('Untaxed Amount', 'monetary'),
      amount_tax: num('Taxes', 'monetary'),
      amount_total: num('Total', 'monetary'),
      currency_id: m2o('res.currency', 'Currency'),
      pricelist_id: m2o('product.pricelist', 'Pricelist'),
      user_id: m2o('res.users', 'Salesperson'),
      company_id: m2o('res.company', 'Company'),
      payment_term_id: m2o('account.payment.term', 'Payment Terms'),
      note: { type: 'html', string: 'Terms and conditions' },
      margin: num('Margin', 'monetary'),
      internal_note: { type: 'html', string: 'Internal Note' },
      access_token: char('Security Token'),
      partner_credit_warning: text('Partner Credit Warning', {
        compute: (r, store, version) =>
          ['draft', 'sent'].includes(String(r.state))
            ? creditWarning(store, version, Number(r.partner_id), Number(r.amount_total) || 0, r.currency_id)
            : '',
      }),
    },
  },
  {
    name: 'sale.order.line',
    description: 'Sales Order Line',
    order: 'order_id, sequence, id',
    fields: {
      order_id: m2o('sale.order', 'Order Reference', { required: true }),
      sequence: num('Sequence', 'integer'),
      display_type: sel('Display Type'),
      name: text('Description'),
      product_id: m2o('product.product', 'Product'),
      // Odoo's "Product Unit" precision (2 as shipped): 0.001 is written as 0.
      product_uom_qty: num('Quantity', 'float', { digits: 2 }),
      product_uom_id: m2o('uom.uom', 'Unit'),
      price_unit: num('Unit Price'),
      discount: num('Discount (%)'),
      tax_ids: m2m('account.tax', 'Taxes'),
      price_subtotal: num('Subtotal', 'monetary'),
      price_tax: num('Total Tax', 'monetary'),
      price_total: num('Total', 'monetary'),
      qty_delivered: num('Delivery Quantity'),
      qty_invoiced: num('Invoiced Quantity'),
      qty_to_invoice: num('Quantity To Invoice'),
      purchase_price: num('Cost'),
      margin: num('Margin', 'monetary'),
      currency_id: m2o('res.currency', 'Currency'),
    },
  },
  {
    name: 'stock.picking',
    description: 'Transfer',
    order: 'priority desc, scheduled_date asc, id desc',
    fields: {
      name: char('Reference'),
      state: sel('Status', 'draft'),
      priority: sel('Priority', '0'),
      scheduled_date: datetime('Scheduled Date'),
      date_deadline: datetime('Deadline'),
      date_done: datetime('Date of Transfer'),
      origin: char('Source Document'),
      sale_id: m2o('sale.order', 'Sales Order'),
      partner_id: m2o('res.partner', 'Contact'),
      backorder_id: m2o('stock.picking', 'Back Order of'),
      backorder_ids: o2m('stock.picking', 'backorder_id', 'Back Orders'),
      carrier_id: m2o('delivery.carrier', 'Carrier'),
      carrier_tracking_ref: char('Tracking Reference'),
      carrier_tracking_url: char('Tracking URL'),
      move_ids: o2m('stock.move', 'picking_id', 'Stock Moves'),
      picking_type_id: m2o('stock.picking.type', 'Operation Type'),
      picking_type_code: sel('Type of Operation'),
      note: { type: 'html', string: 'Notes' },
    },
  },
  {
    name: 'stock.picking.type',
    description: 'Picking Type',
    order: 'sequence, id',
    fields: { sequence: num('Sequence', 'integer'), name: char('Operation Type'), code: sel('Type of Operation') },
  },
  {
    name: 'stock.move',
    description: 'Stock Move',
    order: 'sequence, id',
    fields: {
      picking_id: m2o('stock.picking', 'Transfer'),
      product_id: m2o('product.product', 'Product'),
      product_uom_qty: num('Demand', 'float', { digits: 2 }),
      quantity: num('Quantity'),
      product_uom: m2o('uom.uom', 'Unit'),
      state: sel('Status', 'draft'),
      date: datetime('Date Scheduled'),
      sequence: num('Sequence', 'integer'),
      sale_line_id: m2o('sale.order.line', 'Sale Line'),
    },
  },
  {
    name: 'delivery.carrier',
    description: 'Shipping Methods',
    order: 'sequence, id',
    fields: { sequence: num('Sequence', 'integer'), name: char('Delivery Method'), tracking_url: char('Tracking Link') },
  },
  {
    name: 'account.move',
    description: 'Journal Entry',
    order: 'date desc, name desc, invoice_date desc, id desc',
    fields: {
      name: char('Number'),
      move_type: sel('Type', 'entry'),
      state: sel('Status', 'draft'),
      payment_state: sel('Payment Status', 'not_paid'),
      date: date('Date'),
      invoice_date: date('Invoice/Bill Date'),
      invoice_date_due: date('Due Date'),
      amount_untaxed: num('Untaxed Amount', 'monetary'),
      amount_tax: num('Tax', 'monetary'),
      amount_total: num('Total', 'monetary'),
      amount_residual: num('Amount Due', 'monetary'),
      currency_id: m2o('res.currency', 'Currency'),
      partner_id: m2o('res.partner', 'Partner'),
      commercial_partner_id: m2o('res.partner', 'Commercial Entity'),
      partner_shipping_id: m2o('res.partner', 'Delivery Address'),
      invoice_origin: char('Origin'),
      ref: char('Reference'),
      payment_reference: char('Payment Reference'),
      invoice_line_ids: o2m('account.move.line', 'move_id', 'Invoice lines'),
      line_ids: o2m('account.move.line', 'move_id', 'Journal Items'),
      company_id: m2o('res.company', 'Company'),
      invoice_user_id: m2o('res.users', 'Salesperson'),
      invoice_payment_term_id: m2o('account.payment.term', 'Payment terms'),
      reversed_entry_id: m2o('account.move', 'Reversal of'),
      invoice_pdf_report_id: m2o('ir.attachment', 'PDF Attachment'),
      narration: { type: 'html', string: 'Terms and Conditions' },
      access_token: char('Security Token'),
      access_url: char('Portal Access URL', { compute: (r) => `/my/invoices/${r.id}` }),
    },
  },
  {
    name: 'account.move.line',
    description: 'Journal Item',
    order: 'date desc, move_name desc, id',
    fields: {
      move_id: m2o('account.move', 'Journal Entry', { required: true }),
      move_name: char('Number'),
      date: date('Date'),
      display_type: sel('Display Type', 'product'),
      name: char('Label'),
      product_id: m2o('product.product', 'Product'),
      quantity: num('Quantity'),
      price_unit: num('Unit Price'),
      discount: num('Discount (%)'),
      tax_ids: m2m('account.tax', 'Taxes'),
      price_subtotal: num('Subtotal', 'monetary'),
      price_total: num('Total', 'monetary'),
      sale_line_ids: m2m('sale.order.line', 'Sales Order Lines'),
    },
  },
  {
    name: 'ir.attachment',
    description: 'Attachment',
    order: 'id desc',
    fields: {
      name: char('Name', { required: true }),
      res_model: char('Resource Model'),
      res_id: num('Resource ID', 'integer'),
      mimetype: char('Mime Type'),
      file_size: num('File Size', 'integer'),
      datas: { type: 'binary', string: 'File Content (base64)' },
      type: sel('Type', 'binary'),
    },
  },
  {
    name: 'mail.message',
    description: 'Message',
    order: 'id desc',
    fields: {
      body: { type: 'html', string: 'Contents' },
      model: char('Related Document Model'),
      res_id: num('Related Document ID', 'integer'),
      message_type: sel('Type', 'comment'),
      author_id: m2o('res.partner', 'Author'),
      date: datetime('Date'),
      subtype_id: m2o('mail.message.subtype', 'Subtype'),
    },
  },
  {
    name: 'mail.message.subtype',
    description: 'Message subtypes',
    order: 'sequence, id',
    fields: { sequence: num('Sequence', 'integer'), name: char('Message Type') },
  },
];

/**
 * odoo/tools/mail.py email_normalize: the address part of `Name <addr>` (the first one),
 * lower-cased; false when there is none.
 */
export function normalizeEmail(value: unknown): string | false {
  if (typeof value !== 'string') return false;
  const addr = /<([^<>\s]+@[^<>\s]+)>/.exec(value)?.[1] ?? /[^\s<>,;]+@[^\s<>,;]+/.exec(value)?.[0];
  return addr ? addr.toLowerCase() : false;
}

export const MODELS: ReadonlyMap<string, ModelDef> = new Map(models.map((m) => [m.name, { ...m, fields: { ...common, ...m.fields } }]));

export function getModel(name: string): ModelDef | undefined {
  return MODELS.get(name);
}
