import { round2, type Orm } from './orm';
import { takeParentAddress } from './partners';
import { lineAmounts } from './sales';
import { MODELS } from './schema';
import type { Rec, Store } from './store';

/**
 * Deterministic seed data shaped like a real distributor's database. Same seed + same
 * `today` gives the same records and ids. Ids of the companies and users are fixed so the
 * dev identity provider, tests and docs can name them.
 */
export interface SeedOptions {
  seed?: number;
  /** Day the data is relative to ("YYYY-MM-DD"); default: the current UTC date. */
  today?: string;
  /** Extra orders for customer A, for benchmarks (the "about 100,000"). */
  scaleOrders?: number;
  /** Extra posted invoices for customer A (benchmarks of the invoice list). */
  scaleInvoices?: number;
}

export const SEED_IDS = {
  company: 1,
  users: { admin: 2, integration: 3, managerMia: 4, managerSam: 5, support: 9 },
  customers: { A: 10, B: 11, C: 9, D: 12 },
  /** Contacts of customer A and B that the dev IdP's users map to. */
  contacts: {
    aliceAdminA: 20,
    bobBuyerA: 21,
    fionaFinanceA: 22,
    victorViewerA: 23,
    olgaArchivedA: 24,
    brunoBuyerB: 30,
    friedaFinanceB: 31,
  },
  tags: { customerAdmin: 1, buyer: 2, finance: 3, viewer: 4 },
} as const;

export const INTEGRATION = { login: 'portal-bot', password: 'demo-odoo-key', apiKey: 'demo-odoo-key' };

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

const CATEGORIES: [string, string, string[]][] = [
  [
    'Fasteners',
    'FAS',
    [
      'Hex Bolt M8x40',
      'Wood Screw 4x50',
      'Wall Anchor 8mm',
      'Lock Nut M10',
      'Washer M12',
      'Threaded Rod M8',
      'Rivet 4.8mm',
      'Eye Bolt M10',
    ],
  ],
  [
    'Hand Tools',
    'HTL',
    [
      'Claw Hammer',
      'Torque Wrench',
      'Hex Key Set',
      'Combination Pliers',
      'Utility Knife',
      'Spirit Level 60cm',
      'Screwdriver Set',
      'Hacksaw',
    ],
  ],
  [
    'Power Tools',
    'PWR',
    [
      'Cordless Drill 18V',
      'Angle Grinder 125mm',
      'Impact Driver',
      'Jigsaw 650W',
      'Rotary Hammer',
      'Orbital Sander',
      'Circular Saw',
      'Heat Gun',
    ],
  ],
  [
    'Safety',
    'SAF',
    ['Safety Glasses', 'Work Gloves', 'Ear Defenders', 'Hard Hat', 'Hi-Vis Vest', 'Dust Mask FFP2', 'Safety Boots', 'First Aid Kit'],
  ],
  [
    'Electrical',
    'ELE',
    [
      'Cable Ties 300mm',
      'Junction Box IP65',
      'LED Panel 60x60',
      'Extension Reel 25m',
      'Circuit Breaker 16A',
      'Wago Connector',
      'Cable 3G1.5 100m',
      'Socket Outlet',
    ],
  ],
  [
    'Plumbing',
    'PLB',
    [
      'Ball Valve 1/2"',
      'PTFE Tape',
      'Copper Pipe 15mm',
      'Compression Fitting',
      'Pipe Clamp',
      'Siphon Trap',
      'Flexible Hose',
      'Pipe Cutter',
    ],
  ],
  [
    'Adhesives',
    'ADH',
    [
      'Construction Adhesive',
      'Silicone Sealant',
      'Epoxy Resin 2K',
      'Wood Glue D3',
      'Threadlocker',
      'Spray Adhesive',
      'Contact Cement',
      'Hot Melt Sticks',
    ],
  ],
  [
    'Packaging',
    'PKG',
    [
      'Stretch Film',
      'Carton 40x30x30',
      'Packing Tape',
      'Bubble Wrap Roll',
      'Pallet Strap',
      'Void Fill Paper',
      'Label Roll',
      'Corner Protector',
    ],
  ],
  [
    'Cleaning',
    'CLN',
    ['Degreaser 5L', 'Microfibre Cloth', 'Floor Cleaner', 'Hand Cleaner', 'Paper Roll', 'Waste Sacks', 'Spill Kit', 'Mop Bucket'],
  ],
  [
    'Office',
    'OFF',
    [
      'Copy Paper A4',
      'Ballpoint Pens',
      'Lever Arch File',
      'Desk Organiser',
      'Whiteboard Markers',
      'Sticky Notes',
      'Stapler',
      'Printer Toner',
    ],
  ],
];
const VARIANTS = ['', ' (Pack of 10)', ' (Pack of 50)', ' Pro', ' Heavy Duty'];

/**
 * German product names, as a seller with German customers keeps them in Odoo (a translation
 * of product.product `name`): the fasteners and hand tools have them; the rest fall back to
 * English, as Odoo does for an untranslated name.
 */
const GERMAN_ITEMS: Record<string, string> = {
  'Hex Bolt M8x40': 'Sechskantschraube M8x40',
  'Wood Screw 4x50': 'Holzschraube 4x50',
  'Wall Anchor 8mm': 'Dübel 8mm',
  'Lock Nut M10': 'Sicherungsmutter M10',
  'Washer M12': 'Unterlegscheibe M12',
  'Threaded Rod M8': 'Gewindestange M8',
  'Rivet 4.8mm': 'Niete 4,8mm',
  'Eye Bolt M10': 'Ringschraube M10',
  'Claw Hammer': 'Klauenhammer',
  'Torque Wrench': 'Drehmomentschlüssel',
  'Hex Key Set': 'Innensechskant-Schlüsselsatz',
  'Combination Pliers': 'Kombizange',
  'Utility Knife': 'Cuttermesser',
  'Spirit Level 60cm': 'Wasserwaage 60cm',
  'Screwdriver Set': 'Schraubendreher-Satz',
  Hacksaw: 'Metallsäge',
};
const GERMAN_VARIANTS: Record<string, string> = {
  '': '',
  ' (Pack of 10)': ' (10er-Pack)',
  ' (Pack of 50)': ' (50er-Pack)',
  ' Pro': ' Pro',
  ' Heavy Duty': ' Schwerlast',
};

/** The random sequence: every record's values come from it, in the order they are drawn. */
type Random = ReturnType<typeof prng>;

/** What every area of the seed shares. The areas run in a fixed order, as the draws do. */
interface Seeding {
  orm: Orm;
  store: Store;
  r: Random;
  today: string;
  day: (offset: number) => string;
  at: (offset: number, hour?: number) => string;
  ins: (model: string, vals: Record<string, unknown>, id?: number) => Rec;
  /** Sequence numbers of the order, delivery and invoice names. */
  counters: { order: number; picking: number; invoice: Map<string, number> };
}

type Countries = Record<string, number>;
interface Catalogue {
  sellable: Rec[];
  service: Rec;
}

export function seed(orm: Orm, opts: SeedOptions = {}) {
  const r = prng(opts.seed ?? 42);
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const day = (offset: number) => addDays(today, offset);
  const s: Seeding = {
    orm,
    store: orm.store,
    r,
    today,
    day,
    at: (offset, hour = 9) => `${day(offset)} ${String(hour).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00`,
    ins: (model, vals, id) => orm.store.insert(model, vals, id),
    counters: { order: 0, picking: 0, invoice: new Map() },
  };
  const { countries, carriers } = seedReferenceData(s);
  seedSeller(s, countries);
  seedCustomers(s, countries);
  seedContacts(s, countries);
  const catalogue = seedProducts(s);
  seedOrderHistory(s, catalogue, carriers);
  seedCreditNotes(s);
  seedDraftInvoices(s);
  seedScaleOrders(s, catalogue, opts.scaleOrders ?? 0);
  seedScaleInvoices(s, opts.scaleInvoices ?? 0);
  settleWriteDates(orm.store, `${day(-1)} 18:00:00`);
  return { today };
}

/**
 * Seeded records last written the evening before `today` (or when created, if later), as a
 * database in use would show them: the same seed and day give the same records down to their
 * `write_date` (the version a quotation's confirmation is checked against), whenever and
 * however often the simulator is started. Invoices keep the moment of seeding: the portal's
 * PDF cache is keyed by invoice and `write_date`, and another seed's invoice of the same id
 * must not find this one's PDF.
 */
function settleWriteDates(store: Store, at: string) {
  for (const [model, def] of MODELS) {
    if (!def.fields.write_date || model === 'account.move') continue;
    for (const rec of store.all(model)) {
      const created = typeof rec.create_date === 'string' ? rec.create_date : '';
      rec.write_date = created > at ? created : at;
    }
  }
}

/** Currencies, countries, units, taxes, terms, pricelists, carriers, tags. */
function seedReferenceData({ ins }: Seeding) {
  ins('res.currency', { name: 'USD', symbol: '$' }, 1);
  ins('res.currency', { name: 'EUR', symbol: '€' }, 2);
  ins('res.currency', { name: 'GBP', symbol: '£', active: false }, 3);
  const countries = Object.fromEntries(
    (
      [
        ['US', 'United States'],
        ['DE', 'Germany'],
        ['BE', 'Belgium'],
        ['NO', 'Norway'],
        ['NL', 'Netherlands'],
        ['GB', 'United Kingdom'],
      ] as const
    ).map(([code, name], i) => [code, ins('res.country', { code, name }, i + 1).id]),
  ) as Record<string, number>;
  ins('res.country.state', { name: 'Oregon', code: 'OR', country_id: countries.US }, 1);
  ins('res.country.state', { name: 'Washington', code: 'WA', country_id: countries.US }, 2);
  for (const [i, name] of ['Units', 'Box of 10', 'kg', 'Hours'].entries()) ins('uom.uom', { name }, i + 1);
  ins('account.tax', { name: '15%', amount: 15 }, 1);
  ins('account.tax', { name: '0% Exempt', amount: 0 }, 2);
  for (const [i, [name, days]] of (
    [
      ['Immediate Payment', 0],
      ['30 Days', 30],
      ['45 Days', 45],
      ['60 Days', 60],
    ] as const
  ).entries()) {
    ins('account.payment.term', { name, days }, i + 1);
  }
  ins('product.pricelist', { name: 'Public Pricelist', currency_id: 1, discount: 0 }, 1);
  ins('product.pricelist', { name: 'Gold Partners (USD)', currency_id: 1, discount: 10 }, 2);
  ins('product.pricelist', { name: 'Distributors (EUR)', currency_id: 2, discount: 5 }, 3);
  ins('stock.picking.type', { name: 'Northwind: Receipts', code: 'incoming' }, 1);
  ins('stock.picking.type', { name: 'Northwind: Delivery Orders', code: 'outgoing' }, 2);
  const carriers = [
    ins('delivery.carrier', { name: 'DHL Express', tracking_url: 'https://www.dhl.com/en/express/tracking.html?AWB=' }, 1),
    ins('delivery.carrier', { name: 'UPS Standard', tracking_url: 'https://www.ups.com/track?tracknum=' }, 2),
    ins('delivery.carrier', { name: 'FedEx Ground', tracking_url: 'https://www.fedex.com/fedextrack/?trknbr=' }, 3),
    ins('delivery.carrier', { name: 'Own fleet', tracking_url: false }, 4),
  ];
  ins('mail.message.subtype', { name: 'Discussions' }, 1);
  ins('mail.message.subtype', { name: 'Note' }, 2);
  // English, German and Norwegian are active, as on a seller's Odoo with such customers; French is known but inactive.
  ins('res.lang', { name: 'English (US)', code: 'en_US', active: true }, 1);
  ins('res.lang', { name: 'German / Deutsch', code: 'de_DE', active: true }, 2);
  ins('res.lang', { name: 'Norwegian Bokmål / Norsk bokmål', code: 'nb_NO', active: true }, 3);
  ins('res.lang', { name: 'French / Français', code: 'fr_FR', active: false }, 4);
  for (const [id, name] of [
    [1, 'Portal: Customer Admin'],
    [2, 'Portal: Buyer'],
    [3, 'Portal: Finance'],
    [4, 'Portal: Viewer'],
    [5, 'VIP'],
  ] as const) {
    ins('res.partner.category', { name, complete_name: name }, id);
  }
  return { countries, carriers };
}

/** A partner, with the commercial partner and company type Odoo computes. */
function partner({ store, ins, at }: Seeding, id: number, vals: Record<string, unknown>) {
  const parent = vals.parent_id ? store.get('res.partner', vals.parent_id as number) : undefined;
  const rec = ins('res.partner', { lang: 'en_US', ...vals, create_date: at(-800) }, id);
  store.update('res.partner', id, {
    commercial_partner_id: vals.is_company || !parent ? id : parent.commercial_partner_id,
    company_type: vals.is_company ? 'company' : 'person',
  });
  takeParentAddress(store, rec);
  return rec;
}

/** The seller, its users and their partners. */
function seedSeller(s: Seeding, countries: Countries) {
  const { ins } = s;
  partner(s, 1, {
    name: 'Northwind Supply Co.',
    is_company: true,
    email: 'info@northwind.example',
    street: '100 Harbor Way',
    city: 'Portland',
    zip: '97201',
    country_id: countries.US,
    state_id: 1,
    vat: 'US-94-1234567',
  });
  ins('res.company', { name: 'Northwind Supply Co.', partner_id: 1, currency_id: 1, account_use_credit_limit: true }, 1);
  const staff: [number, number, string, string, string][] = [
    [1, 8, 'OdooBot', '__system__', 'odoobot@northwind.example'],
    [2, 2, 'Mitchell Admin', 'admin', 'admin@northwind.example'],
    [3, 3, 'Portal Integration', INTEGRATION.login, 'portal-bot@northwind.example'],
    [4, 4, 'Mia Manager', 'mia.manager@northwind.example', 'mia.manager@northwind.example'],
    [5, 5, 'Sam Seller', 'sam.seller@northwind.example', 'sam.seller@northwind.example'],
    [9, 6, 'Sofia Support', 'sofia.support@northwind.example', 'sofia.support@northwind.example'],
  ];
  for (const [uid, pid, name, login, email] of staff) {
    partner(s, pid, { name, email, parent_id: pid === 8 ? false : 1 });
    // uids 6 and 7 are left for portal users, as on the recorded server.
    ins(
      'res.users',
      {
        name,
        login,
        email,
        partner_id: pid,
        share: false,
        active: uid !== 1,
        company_id: SEED_IDS.company,
        company_ids: [SEED_IDS.company],
      },
      uid,
    );
  }
}

/** Customers: A and C are Mia's, B and D are Sam's; D is invoiced in two currencies. */
function seedCustomers(s: Seeding, countries: Countries) {
  const { A, B, C, D } = SEED_IDS.customers;
  partner(s, C, {
    name: 'Harbor Marine Outfitters',
    is_company: true,
    email: 'office@harbormarine.example',
    phone: '+1 503 555 0199',
    street: '8 Pier Road',
    city: 'Astoria',
    zip: '97103',
    country_id: countries.US,
    state_id: 1,
    vat: 'US-93-7654321',
    ref: 'HMO-003',
    user_id: 4,
    property_payment_term_id: 3,
    property_product_pricelist: 1,
    credit_limit: 50000,
  });
  partner(s, A, {
    name: 'Brightline Hardware Ltd',
    is_company: true,
    email: 'hello@brightline.example',
    phone: '+1 206 555 0142',
    street: '2200 Industrial Ave',
    street2: 'Unit 4',
    city: 'Seattle',
    zip: '98108',
    country_id: countries.US,
    state_id: 2,
    vat: 'US-91-1020304',
    ref: 'BRL-001',
    user_id: 4,
    property_payment_term_id: 2,
    property_product_pricelist: 2,
    // Just above its open invoices (~US$5.40M, Odoo's `credit`): room for a usual order, and
    // a large one (FAS-1001 × 5000) shows Odoo's credit warning. Kestrel (80,000) is over its limit.
    credit_limit: 5_600_000,
    category_id: [5],
    comment: 'INTERNAL: strategic account, margin target 35%',
  });
  partner(s, B, {
    name: 'Kestrel Builders GmbH',
    is_company: true,
    email: 'einkauf@kestrel.example',
    phone: '+49 30 5550 1234',
    street: 'Baustraße 12',
    city: 'Berlin',
    zip: '10115',
    country_id: countries.DE,
    vat: 'DE123456789',
    ref: 'KES-002',
    user_id: 5,
    property_payment_term_id: 2,
    property_product_pricelist: 3,
    credit_limit: 80000,
  });
  partner(s, D, {
    name: 'Nordlys Facilities AS',
    is_company: true,
    email: 'post@nordlys.example',
    phone: '+47 22 55 50 00',
    street: 'Havnegata 3',
    city: 'Oslo',
    zip: '0150',
    country_id: countries.NO,
    vat: 'NO912345678MVA',
    ref: 'NOR-004',
    user_id: 5,
    property_payment_term_id: 4,
    property_product_pricelist: 1,
    credit_limit: 60000,
  });
}

/** The customers' people and addresses. */
function seedContacts(s: Seeding, countries: Countries) {
  const { A, B, C, D } = SEED_IDS.customers;
  const T = SEED_IDS.tags;
  const c = SEED_IDS.contacts;
  const contacts: [number, number, string, string | false, Record<string, unknown>][] = [
    [c.aliceAdminA, A, 'Alice Admin', 'alice@brightline.example', { function: 'Operations Director', category_id: [T.customerAdmin] }],
    [c.bobBuyerA, A, 'Bob Buyer', 'bob@brightline.example', { function: 'Purchasing Agent', category_id: [T.buyer] }],
    [c.fionaFinanceA, A, 'Fiona Finance', 'fiona@brightline.example', { function: 'Accounts Payable', category_id: [T.finance] }],
    [c.victorViewerA, A, 'Victor Viewer', 'victor@brightline.example', { function: 'Site Manager', category_id: [T.viewer] }],
    [c.olgaArchivedA, A, 'Olga Oldtimer', 'olga@brightline.example', { function: 'Former Buyer', active: false, category_id: [T.buyer] }],
    [
      25,
      A,
      'Brightline Accounts Payable',
      'ap@brightline.example',
      { type: 'invoice', street: '2200 Industrial Ave', city: 'Seattle', zip: '98108', country_id: countries.US },
    ],
    [
      26,
      A,
      'Seattle Main Warehouse',
      false,
      { type: 'delivery', street: '2250 Industrial Ave', city: 'Seattle', zip: '98108', country_id: countries.US, state_id: 2 },
    ],
    [
      27,
      A,
      'Tacoma Store',
      false,
      { type: 'delivery', street: '15 Port Blvd', city: 'Tacoma', zip: '98421', country_id: countries.US, state_id: 2 },
    ],
    [28, A, 'Shared Inbox', 'orders@shared.example', { function: 'Shared mailbox' }],
    [c.brunoBuyerB, B, 'Bruno Buyer', 'bruno@kestrel.example', { function: 'Einkauf', category_id: [T.buyer], lang: 'de_DE' }],
    [c.friedaFinanceB, B, 'Frieda Finanz', 'frieda@kestrel.example', { function: 'Buchhaltung', category_id: [T.finance], lang: 'de_DE' }],
    [
      32,
      B,
      'Kestrel Baustelle Mitte',
      false,
      { type: 'delivery', street: 'Invalidenstraße 50', city: 'Berlin', zip: '10557', country_id: countries.DE },
    ],
    [33, B, 'Shared Inbox', 'orders@shared.example', { function: 'Shared mailbox' }],
    [40, C, 'Hank Harbor', 'hank@harbormarine.example', { function: 'Owner', category_id: [T.customerAdmin] }],
    [41, C, 'Astoria Dock 3', false, { type: 'delivery', street: 'Dock 3', city: 'Astoria', zip: '97103', country_id: countries.US }],
    [50, D, 'Ingrid Nordlys', 'ingrid@nordlys.example', { function: 'Innkjøp', category_id: [T.customerAdmin], lang: 'nb_NO' }],
    [51, D, 'Oslo Central Depot', false, { type: 'delivery', street: 'Lagerveien 9', city: 'Oslo', zip: '0668', country_id: countries.NO }],
  ];
  for (const [id, parent, name, email, extra] of contacts) {
    partner(s, id, { name, email, parent_id: parent, phone: `+1 555 01${String(id).padStart(2, '0')}`, type: 'contact', ...extra });
  }
}

/** Products: 10 categories x 32, a few archived, not sellable, or services. */
function seedProducts({ r, store, ins, at }: Seeding): Catalogue {
  const products: Rec[] = [];
  CATEGORIES.forEach(([name, prefix, items], ci) => {
    const categ = ins('product.category', { name, complete_name: `All / Saleable / ${name}` }, ci + 1);
    let n = 0;
    for (const item of items) {
      for (const variant of VARIANTS.slice(0, 4)) {
        n++;
        const price = round2((r.int(150, 45000) / 100) * (variant.includes('50') ? 4 : variant.includes('10') ? 2 : 1));
        products.push(
          ins('product.product', {
            name: `${item}${variant}`,
            default_code: `${prefix}-${1000 + n}`,
            barcode: `40${String(ci).padStart(2, '0')}${String(n).padStart(8, '0')}`,
            list_price: price,
            lst_price: price,
            standard_price: round2(price * (0.45 + r.next() * 0.25)),
            type: 'consu',
            is_storable: true,
            sale_ok: true,
            active: true,
            uom_id: 1,
            categ_id: categ.id,
            invoice_policy: 'delivery',
            qty_available: r.int(0, 600),
            taxes_id: [1],
            description_sale: `${item} for professional use.`,
            create_date: at(-900),
          }),
        );
        const german = GERMAN_ITEMS[item];
        if (german)
          store.translate('product.product', products.at(-1)!.id, 'name', { de_DE: `${german}${GERMAN_VARIANTS[variant] ?? variant}` });
      }
    }
  });
  products.forEach((p, i) => {
    if (i % 37 === 5) store.update('product.product', p.id, { active: false });
    else if (i % 41 === 7) store.update('product.product', p.id, { sale_ok: false });
  });
  const service = ins('product.product', {
    name: 'On-site Installation',
    default_code: 'SRV-INSTALL',
    list_price: 95,
    lst_price: 95,
    standard_price: 40,
    type: 'service',
    sale_ok: true,
    active: true,
    uom_id: 4,
    categ_id: 1,
    invoice_policy: 'order',
    taxes_id: [1],
  });
  const sellable = products.filter((p) => p.active && p.sale_ok);
  return { sellable, service };
}

function invoiceName({ counters }: Seeding, prefix: string, date: string) {
  const key = `${prefix}/${date.slice(0, 4)}`;
  const n = (counters.invoice.get(key) ?? 0) + 1;
  counters.invoice.set(key, n);
  return `${key}/${String(n).padStart(5, '0')}`;
}

const deliveryAddresses = (store: Store, customer: number) =>
  [...store.all('res.partner')].filter((p) => p.parent_id === customer && p.type === 'delivery').map((p) => p.id);
const buyers = (store: Store, customer: number) =>
  [...store.all('res.partner')].filter((p) => p.parent_id === customer && p.type === 'contact' && p.email).map((p) => p.id);

/** Two years of orders, with their deliveries and invoices. */
function seedOrderHistory(s: Seeding, catalogue: Catalogue, carriers: Rec[]) {
  const { r, store } = s;
  const { A, B, C, D } = SEED_IDS.customers;
  const weights: [number, number][] = [
    [A, 0.4],
    [B, 0.25],
    [C, 0.2],
    [D, 0.15],
  ];
  const pickCustomer = () => {
    let x = r.next();
    for (const [id, w] of weights) if ((x -= w) < 0) return id;
    return A;
  };
  const orderCount = 1200;
  const offsets = Array.from({ length: orderCount }, () => -r.int(0, 730)).sort((a, b) => a - b);
  for (const offset of offsets) {
    const { order, lines, state, age } = makeOrder(s, catalogue, pickCustomer(), offset);
    if (state !== 'sale' && state !== 'cancel') continue;
    const storable = lines.filter((l) => l.product_id !== catalogue.service.id);
    if (state === 'cancel') {
      if (storable.length && r.chance(0.5)) makePicking(s, carriers, order, storable, 'cancel', offset, 1);
      continue;
    }
    if (!storable.length) continue;
    // Deliveries: old orders are done; some were split into a partial delivery + backorder.
    const partial = storable.length > 1 && r.chance(0.15);
    const doneFirst = age > 12 || (age > 3 && r.chance(0.5));
    const first = makePicking(
      s,
      carriers,
      order,
      storable,
      doneFirst ? 'done' : r.pick(['confirmed', 'assigned', 'waiting'] as const),
      offset,
      partial ? 0.6 : 1,
    );
    let delivered = doneFirst ? (partial ? 0.6 : 1) : 0;
    if (partial && doneFirst) {
      const backDone = age > 40 || (age > 15 && r.chance(0.5));
      makePicking(
        s,
        carriers,
        order,
        storable,
        backDone ? 'done' : r.pick(['confirmed', 'assigned'] as const),
        offset + r.int(5, 12),
        1,
        first.id,
        0.6,
      );
      if (backDone) delivered = 1;
    }
    for (const l of storable) {
      const qd = delivered === 1 ? Number(l.product_uom_qty) : Math.floor(Number(l.product_uom_qty) * delivered);
      store.update('sale.order.line', l.id, { qty_delivered: qd });
    }
    const deliveryStatus = delivered === 1 ? 'full' : delivered > 0 ? 'partial' : 'pending';
    store.update('sale.order', order.id, { delivery_status: deliveryStatus });
    if (delivered > 0) makeInvoice(s, order, storable, offset + (doneFirst ? r.int(1, 5) : 0), delivered);
  }
}

/** One order with its lines and amounts; `light` leaves out section and note lines. */
function makeOrder(
  s: Seeding,
  { sellable, service }: Catalogue,
  customer: number,
  offset: number,
  opts: { lines?: number; light?: boolean } = {},
) {
  const { orm, r, store, ins, at, day, counters } = s;
  const { A, D } = SEED_IDS.customers;
  const age = -offset;
  const state = age > 45 ? (r.chance(0.04) ? 'cancel' : 'sale') : r.pick(['draft', 'sent', 'sale', 'sale', 'sale', 'cancel'] as const);
  const orderer = r.pick(buyers(store, customer));
  const shipping = r.chance(0.7) ? r.pick(deliveryAddresses(store, customer)) : orderer;
  const commercial = store.get('res.partner', customer)!;
  const pricelistId = customer === D && r.chance(0.35) ? 3 : (commercial.property_product_pricelist as number);
  const pricelist = store.get('product.pricelist', pricelistId)!;
  counters.order++;
  const order = ins('sale.order', {
    name: `S${String(counters.order).padStart(5, '0')}`,
    state,
    locked: state === 'sale' && age > 90,
    date_order: at(offset, r.int(7, 17)),
    validity_date: day(offset + 30),
    commitment_date: r.chance(0.3) ? at(offset + r.int(3, 20), 12) : false,
    partner_id: customer,
    partner_invoice_id: customer,
    partner_shipping_id: shipping,
    client_order_ref: r.chance(0.75) ? `PO-${commercial.ref}-${String(r.int(1000, 99999))}` : false,
    origin: false,
    currency_id: pricelist.currency_id,
    pricelist_id: pricelistId,
    user_id: commercial.user_id,
    company_id: 1,
    payment_term_id: commercial.property_payment_term_id,
    note: 'Payment terms: see invoice.',
    internal_note: `INTERNAL: negotiated by ${customer === A ? 'Mia' : 'Sam'}; do not share cost details.`,
    create_date: at(offset),
  });
  const lineCount = opts.lines ?? (r.chance(0.7) ? r.int(1, 8) : r.int(9, 40));
  let seq = 10;
  if (!opts.light && lineCount > 6) {
    ins('sale.order.line', {
      order_id: order.id,
      sequence: seq++,
      display_type: 'line_section',
      name: 'Main delivery',
      product_uom_qty: 0,
    });
  }
  const used = new Set<number>();
  for (let i = 0; i < lineCount; i++) {
    const product = i === 0 && r.chance(0.05) ? service : r.pick(sellable);
    if (used.has(product.id)) continue;
    used.add(product.id);
    const qty = r.pick([1, 2, 5, 10, 10, 20, 25, 50, 100]);
    const priceUnit = round2(Number(product.lst_price) * (1 - Number(pricelist.discount) / 100) * (pricelist.currency_id === 2 ? 0.92 : 1));
    const discount = r.chance(0.1) ? r.pick([5, 10, 15]) : 0;
    const amounts = lineAmounts(orm, product.id, qty, priceUnit, discount);
    ins('sale.order.line', {
      order_id: order.id,
      sequence: seq++,
      display_type: false,
      name: `[${product.default_code}] ${product.name}`,
      product_id: product.id,
      product_uom_qty: qty,
      product_uom_id: product.uom_id,
      price_unit: priceUnit,
      discount,
      ...amounts,
      currency_id: pricelist.currency_id,
      purchase_price: product.standard_price,
      margin: round2(amounts.price_subtotal - Number(product.standard_price) * qty),
    });
    if (!opts.light && i === 3 && lineCount > 10) {
      ins('sale.order.line', {
        order_id: order.id,
        sequence: seq++,
        display_type: 'line_note',
        name: 'Please deliver to the loading dock before noon.',
        product_uom_qty: 0,
      });
    }
  }
  const lines = (order.order_line as number[]).map((id) => store.get('sale.order.line', id)!).filter((l) => !l.display_type);
  const untaxed = round2(lines.reduce((s, l) => s + Number(l.price_subtotal), 0));
  const tax = round2(lines.reduce((s, l) => s + Number(l.price_tax), 0));
  store.update('sale.order', order.id, {
    amount_untaxed: untaxed,
    amount_tax: tax,
    amount_total: round2(untaxed + tax),
    margin: round2(lines.reduce((s, l) => s + Number(l.margin), 0)),
    invoice_status: state === 'sale' ? 'to invoice' : 'no',
  });
  return { order, lines, state, age };
}

function makePicking(
  s: Seeding,
  carriers: Rec[],
  order: Rec,
  lines: Rec[],
  state: string,
  offset: number,
  share: number,
  backorderOf?: number,
  alreadyShare = 0,
) {
  const { r, ins, at, counters } = s;
  counters.picking++;
  const scheduled = at(Math.min(offset + r.int(1, 6), 60), 8);
  const done = state === 'done';
  const carrier = r.chance(0.85) ? r.pick(carriers) : undefined;
  const tracked = carrier && carrier.tracking_url && (done || state === 'assigned');
  const ref = tracked ? `${carrier.name!.toString().slice(0, 2).toUpperCase()}${r.int(100000000, 999999999)}` : false;
  const picking = ins('stock.picking', {
    name: `WH/OUT/${String(counters.picking).padStart(5, '0')}`,
    state,
    picking_type_id: 2,
    picking_type_code: 'outgoing',
    scheduled_date: scheduled,
    date_deadline: order.commitment_date || false,
    date_done: done ? addDays(scheduled.slice(0, 10), r.int(0, 2)) + ' 15:30:00' : false,
    origin: order.name,
    sale_id: order.id,
    partner_id: order.partner_shipping_id,
    backorder_id: backorderOf ?? false,
    carrier_id: carrier?.id ?? false,
    carrier_tracking_ref: ref,
    carrier_tracking_url: ref ? `${carrier!.tracking_url}${ref}` : false,
    note: 'INTERNAL: pick from aisle 7; cost centre 4410.',
  });
  for (const l of lines) {
    const total = Number(l.product_uom_qty);
    const before = Math.floor(total * alreadyShare);
    const demand = share === 1 ? total - before : Math.floor(total * share);
    if (demand <= 0) continue;
    ins('stock.move', {
      picking_id: picking.id,
      product_id: l.product_id,
      product_uom_qty: demand,
      quantity: done ? demand : state === 'assigned' ? demand : 0,
      product_uom: l.product_uom_id,
      state: done ? 'done' : state === 'cancel' ? 'cancel' : state === 'assigned' ? 'assigned' : 'confirmed',
      date: scheduled,
      sale_line_id: l.id,
    });
  }
  return picking;
}

function makeInvoice(s: Seeding, order: Rec, lines: Rec[], offset: number, share: number) {
  const { orm, r, store, ins, day, today } = s;
  const date = day(Math.min(offset, 0));
  const term = store.get('account.payment.term', order.payment_term_id as number);
  const due = addDays(date, Number(term?.days ?? 30));
  const amounts = lines
    .map((l) => {
      const qty = share === 1 ? Number(l.product_uom_qty) : Math.floor(Number(l.product_uom_qty) * share);
      return { l, qty, ...lineAmounts(orm, l.product_id as number, qty, Number(l.price_unit), Number(l.discount)) };
    })
    .filter((a) => a.qty > 0);
  const untaxed = round2(amounts.reduce((s, a) => s + a.price_subtotal, 0));
  const tax = round2(amounts.reduce((s, a) => s + a.price_tax, 0));
  const total = round2(untaxed + tax);
  const overdueDays = daysBetween(due, today);
  let payment: string;
  let residual: number;
  if (overdueDays > 60)
    [payment, residual] = r.chance(0.92) ? ['paid', 0] : r.chance(0.5) ? ['partial', round2(total * 0.4)] : ['not_paid', total];
  else if (overdueDays > 0)
    [payment, residual] = r.chance(0.6) ? ['paid', 0] : r.chance(0.3) ? ['partial', round2(total * 0.5)] : ['not_paid', total];
  else [payment, residual] = r.chance(0.25) ? ['in_payment', 0] : ['not_paid', total];
  const name = invoiceName(s, 'INV', date);
  const move = ins('account.move', {
    name,
    move_type: 'out_invoice',
    state: 'posted',
    payment_state: payment,
    date,
    invoice_date: date,
    invoice_date_due: due,
    amount_untaxed: untaxed,
    amount_tax: tax,
    amount_total: total,
    amount_residual: residual,
    currency_id: order.currency_id,
    partner_id: order.partner_invoice_id,
    commercial_partner_id: order.partner_id,
    partner_shipping_id: order.partner_shipping_id,
    invoice_origin: order.name,
    ref: order.client_order_ref || false,
    payment_reference: name,
    company_id: 1,
    invoice_user_id: order.user_id,
    invoice_payment_term_id: order.payment_term_id,
    narration: 'Thank you for your business.',
  });
  for (const a of amounts) {
    ins('account.move.line', {
      move_id: move.id,
      move_name: name,
      date,
      display_type: 'product',
      name: a.l.name,
      product_id: a.l.product_id,
      quantity: a.qty,
      price_unit: a.l.price_unit,
      discount: a.l.discount,
      tax_ids: a.tax_ids,
      price_subtotal: a.price_subtotal,
      price_total: a.price_total,
      sale_line_ids: [a.l.id],
    });
    store.update('sale.order.line', a.l.id, { qty_invoiced: Number(a.l.qty_invoiced) + a.qty });
  }
  store.update('sale.order', order.id, {
    invoice_ids: [...(order.invoice_ids as number[]), move.id],
    invoice_status: share === 1 ? 'invoiced' : 'to invoice',
  });
  if (r.chance(0.3)) {
    const att = ins('ir.attachment', {
      name: `${name.replace(/\//g, '_')}.pdf`,
      res_model: 'account.move',
      res_id: move.id,
      mimetype: 'application/pdf',
      type: 'binary',
    });
    store.update('account.move', move.id, { invoice_pdf_report_id: att.id });
  }
}

/** Credit notes for a few invoices. */
function seedCreditNotes(s: Seeding) {
  const { r, store, ins, today } = s;
  const invoices = [...store.all('account.move')].filter((m) => m.move_type === 'out_invoice' && m.state === 'posted');
  for (const inv of invoices) {
    if (!r.chance(0.06)) continue;
    const amount = round2(Number(inv.amount_total) * r.pick([0.1, 0.25, 1]));
    const date = addDays(String(inv.invoice_date), r.int(5, 30));
    if (date > today) continue;
    ins('account.move', {
      name: invoiceName(s, 'RINV', date),
      move_type: 'out_refund',
      state: 'posted',
      payment_state: r.chance(0.6) ? 'paid' : 'not_paid',
      date,
      invoice_date: date,
      invoice_date_due: date,
      amount_untaxed: round2(amount / 1.15),
      amount_tax: round2(amount - amount / 1.15),
      amount_total: amount,
      amount_residual: 0,
      currency_id: inv.currency_id,
      partner_id: inv.partner_id,
      commercial_partner_id: inv.commercial_partner_id,
      invoice_origin: inv.invoice_origin,
      ref: `Reversal of: ${inv.name}`,
      reversed_entry_id: inv.id,
      company_id: 1,
      invoice_payment_term_id: inv.invoice_payment_term_id,
    });
  }
  for (const m of store.all('account.move')) {
    if (m.move_type === 'out_refund' && m.payment_state === 'not_paid')
      store.update('account.move', m.id, { amount_residual: m.amount_total });
  }
}

/** A draft invoice per customer: customers never see drafts. */
function seedDraftInvoices({ ins }: Seeding) {
  const { A, B } = SEED_IDS.customers;
  for (const cust of [A, B]) {
    ins('account.move', {
      name: '/',
      move_type: 'out_invoice',
      state: 'draft',
      payment_state: 'not_paid',
      partner_id: cust,
      commercial_partner_id: cust,
      currency_id: 1,
      amount_total: 999,
      amount_residual: 999,
      invoice_date: false,
      company_id: 1,
    });
  }
}

/** Extra orders for customer A (benchmarks). */
function seedScaleOrders(s: Seeding, catalogue: Catalogue, count: number) {
  const { r, store } = s;
  const { A } = SEED_IDS.customers;
  for (let i = 0; i < count; i++) {
    const { order } = makeOrder(s, catalogue, A, -r.int(0, 730), { lines: r.int(1, 3), light: true });
    if (order.state === 'sale') store.update('sale.order', order.id, { delivery_status: 'full', invoice_status: 'invoiced' });
  }
}

/** Extra posted invoices for customer A (benchmarks of the invoice list). */
function seedScaleInvoices({ r, ins, today }: Seeding, count: number) {
  const { A } = SEED_IDS.customers;
  for (let i = 0; i < count; i++) {
    const date = addDays(today, -r.int(0, 730));
    const amount = round2(r.int(5000, 500000) / 100);
    const paid = r.chance(0.7);
    ins('account.move', {
      name: `BINV/${date.slice(0, 4)}/${String(i + 1).padStart(6, '0')}`,
      move_type: r.chance(0.05) ? 'out_refund' : 'out_invoice',
      state: 'posted',
      payment_state: paid ? 'paid' : 'not_paid',
      date,
      invoice_date: date,
      invoice_date_due: addDays(date, 30),
      amount_untaxed: round2(amount / 1.2),
      amount_tax: round2(amount - amount / 1.2),
      amount_total: amount,
      amount_residual: paid ? 0 : amount,
      currency_id: 1,
      partner_id: A,
      commercial_partner_id: A,
      invoice_origin: false,
      company_id: 1,
    });
  }
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86400000);
}
