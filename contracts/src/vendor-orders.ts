// What a vendor sees of the orders holding their products, how they ship them, and the money:
// the sales ledger, its balance, the dashboard's figures and the admin's (simulated) payouts.
import { z } from 'zod';
import { blankIsMissing, Money, pageOf, pageQuery, Timestamp, Uuid, UuidInput } from './common.js';
import { MoneyInput } from './money.js';
import { ShippingAddressAnswer } from './orders.js';

/**
 * A vendor sees an order once it is paid, and from then on (a cancelled one too, so they know not
 * to ship it): these states.
 */
export const VENDOR_ORDER_STATUSES = ['paid', 'processing', 'shipped', 'delivered', 'cancelled'] as const;

export const TRACKING_NUMBER_MAX = 64;

/** `POST /api/vendor/orders/:id/ship`: the carrier's tracking number for all of the vendor's items of the order. */
export const ShipInput = z
  .object({
    tracking_number: z
      .string({ message: 'is required' })
      .trim()
      .min(1, 'is required')
      .max(TRACKING_NUMBER_MAX, `must be at most ${TRACKING_NUMBER_MAX} characters`)
      .regex(/^[A-Za-z0-9][A-Za-z0-9 -]*$/, 'may hold only letters, digits, spaces and dashes'),
  })
  .meta({ id: 'ShipInput', examples: [{ tracking_number: '1Z 999 AA1 0123456784' }] });
export type ShipInput = z.input<typeof ShipInput>;

/** `GET /api/vendor/orders`: newest first. */
export const VendorOrderListQuery = z.object({
  ...pageQuery,
  status: blankIsMissing(z.enum(VENDOR_ORDER_STATUSES, { message: `must be one of ${VENDOR_ORDER_STATUSES.join(', ')}` }).optional()),
});

export const VendorOrderItem = z
  .object({
    product_id: Uuid,
    sku: z.string(),
    name: z.string(),
    unit_price: Money,
    quantity: z.int().positive(),
    line_total: Money,
    shipped_at: Timestamp.nullable(),
    tracking_number: z.string().nullable(),
  })
  .meta({ id: 'VendorOrderItem' });
export type VendorOrderItem = z.infer<typeof VendorOrderItem>;

/**
 * An order as one of its vendors sees it: their own items only, where to send them, and where
 * the order stands. Never the buyer's email or payment, other shops' items, or the order's totals.
 */
export const VendorOrder = z
  .object({
    id: Uuid,
    status: z.enum(VENDOR_ORDER_STATUSES),
    shipping_address: ShippingAddressAnswer,
    items: z.array(VendorOrderItem),
    /** the sum of the vendor's own lines */
    items_total: Money,
    /** every item of this vendor has left */
    shipped: z.boolean(),
    /** the vendor's items can be shipped now (some are not, and the order is paid or processing) */
    can_ship: z.boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
    paid_at: Timestamp,
    cancelled_at: Timestamp.nullable(),
  })
  .meta({ id: 'VendorOrder' });
export type VendorOrder = z.infer<typeof VendorOrder>;

export const VendorOrderPage = pageOf(VendorOrder).meta({ id: 'VendorOrderPage' });
export type VendorOrderPage = z.infer<typeof VendorOrderPage>;

// ---- money ----

export const LEDGER_KINDS = ['sale', 'reversal', 'payout'] as const;

/**
 * One entry of a vendor's ledger. A sale is entered per item when its order is paid (gross = the
 * line's total, the platform's commission, and the vendor's net); a reversal is its exact opposite
 * when a paid order is cancelled and refunded; a payout lowers the balance. Signed amounts.
 */
export const LedgerEntry = z
  .object({
    id: z.string(),
    kind: z.enum(LEDGER_KINDS),
    order_id: Uuid.nullable(),
    product_id: Uuid.nullable(),
    /** the item's name on the order; null for a payout */
    product_name: z.string().nullable(),
    quantity: z.int().nullable(),
    gross: Money,
    commission: Money,
    net: Money,
    note: z.string(),
    created_at: Timestamp,
  })
  .meta({ id: 'LedgerEntry' });
export type LedgerEntry = z.infer<typeof LedgerEntry>;

/** What the platform owes a vendor. */
export const VendorBalance = z
  .object({
    /** the nets of every sale not reversed, less what was paid out */
    balance: Money,
    /**
     * what may be paid out now: the balance less the sales of orders still only paid, which can
     * still be cancelled and refunded (it never goes below zero)
     */
    available: Money,
  })
  .meta({ id: 'VendorBalance' });
export type VendorBalance = z.infer<typeof VendorBalance>;

export const LedgerQuery = z.object({ ...pageQuery });

/** `GET /api/vendor/ledger`: the vendor's entries, newest first, and the balance. */
export const LedgerPage = pageOf(LedgerEntry).extend({ balance: Money, available: Money }).meta({ id: 'LedgerPage' });
export type LedgerPage = z.infer<typeof LedgerPage>;

export const SalesFigures = z.object({ gross: Money, net: Money, units: z.int().nonnegative() }).meta({ id: 'SalesFigures' });
export type SalesFigures = z.infer<typeof SalesFigures>;

/**
 * `GET /api/vendor/dashboard`. Sales count by the day their order was paid (UTC), and only the
 * sales not reversed since; weeks start on Monday.
 */
export const VendorDashboard = z
  .object({
    balance: Money,
    available: Money,
    this_week: SalesFigures,
    this_month: SalesFigures,
    /** the last 30 days, oldest first, every day present (zero when nothing sold) */
    daily: z.array(SalesFigures.extend({ date: z.iso.date() })),
    /** the five products sold most (units, then gross) */
    top_products: z.array(SalesFigures.extend({ product_id: Uuid, name: z.string() })),
    /** orders waiting for this vendor to ship */
    orders_to_ship: z.int().nonnegative(),
  })
  .meta({ id: 'VendorDashboard' });
export type VendorDashboard = z.infer<typeof VendorDashboard>;

/** One vendor's account with the platform, for the admin's payouts. */
export const VendorPayoutAccount = VendorBalance.extend({
  vendor_id: Uuid,
  /** the shop's name on its latest order */
  vendor_name: z.string().nullable(),
  /** the nets of the sales not reversed */
  sales_net: Money,
  commission: Money,
  paid_out: Money,
  last_payout_at: Timestamp.nullable(),
}).meta({ id: 'VendorPayoutAccount' });
export type VendorPayoutAccount = z.infer<typeof VendorPayoutAccount>;

/** `GET /api/admin/payouts`: every vendor with sales, most owed first, and the platform's own takings. */
export const PayoutPage = pageOf(VendorPayoutAccount)
  .extend({
    /** all vendors' commission on sales not reversed */
    commission_total: Money,
    /** the house's own items sold and not reversed (no commission: all of it is the platform's) */
    house_sales: Money,
    /** what the platform owes all vendors */
    balance_total: Money,
  })
  .meta({ id: 'PayoutPage' });
export type PayoutPage = z.infer<typeof PayoutPage>;

export const PayoutQuery = z.object({ ...pageQuery });

/** `POST /api/admin/payouts` (simulated): records that `amount` was paid out to the vendor. */
export const PayoutInput = z
  .object({
    vendor_id: UuidInput,
    amount: MoneyInput,
    note: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  })
  .meta({ id: 'PayoutInput', examples: [{ vendor_id: '3f1c9a2e-5b7d-4e8f-a1c3-6d2b8e4f0a97', amount: '120.50', note: 'November' }] });
export type PayoutInput = z.input<typeof PayoutInput>;

export const Payout = z.object({ entry: LedgerEntry, account: VendorPayoutAccount }).meta({ id: 'Payout' });
export type Payout = z.infer<typeof Payout>;
